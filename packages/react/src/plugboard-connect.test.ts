import type { PlugboardConnectElement } from '@plugboard/widget';
import { act, createElement, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { card, fakeClient } from '../../widget/src/test/fixtures.js';
// Registered up front: happy-dom does not read the attributes of an element that upgrades after it was created
// (browsers do), and the component's own registration runs in an effect, after React created the element.
import '@plugboard/widget/define';
import { PlugboardConnect, type PlugboardConnectProps } from './plugboard-connect.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.replaceChildren();
});

async function mount(props: PlugboardConnectProps) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root?.render(createElement(PlugboardConnect, props)));
  await customElements.whenDefined('plugboard-connect');
  return container.querySelector('plugboard-connect') as PlugboardConnectElement;
}

describe('<PlugboardConnect> in React 19', () => {
  it('sets objects and functions as properties, the rest as attributes, and reports ready', async () => {
    const onReady = vi.fn();
    const ready = new Promise((resolve) => onReady.mockImplementation(resolve));
    const element = await mount({
      client: fakeClient([card(), card({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })]),
      appearance: { colorPrimary: '#0f766e' },
      messages: { connect: 'Hook up' },
      theme: 'dark',
      connectors: ['sendgrid'],
      onReady,
    });
    await ready;
    expect(onReady.mock.calls[0]?.[0].detail).toEqual({ connectors: 1 });
    expect(element.client?.connectors).toBeDefined();
    expect([element.theme, element.connectors]).toEqual(['dark', 'sendgrid']);
    await element.updateComplete;
    expect(element.style.getPropertyValue('--plugboard-color-primary')).toBe('#0f766e');
    await vi.waitFor(() => expect(element.shadowRoot?.querySelector('[part~="action"]')?.textContent).toBe('Hook up'));
  });

  it('calls the newest callback once per event, however often it re-renders', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const client = fakeClient([card()]);
    const element = await mount({ client, onConnected: first });
    await act(async () => root?.render(createElement(PlugboardConnect, { client, onConnected: second })));
    const detail = { connector: { id: 'ctr_1', slug: 'sendgrid', name: 'SendGrid' } };
    element.dispatchEvent(new CustomEvent('plugboard:connected', { detail }));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(second.mock.calls[0]?.[0].detail).toEqual(detail);
  });

  it('hands the element to a ref, for reload()', async () => {
    const ref = createRef<PlugboardConnectElement>();
    const element = await mount({ client: fakeClient([card()]), ref });
    expect(ref.current).toBe(element);
    expect(typeof ref.current?.reload).toBe('function');
  });
});
