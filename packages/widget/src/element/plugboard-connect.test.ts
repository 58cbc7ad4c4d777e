import { options, type VNode } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectView } from '../components/connect-view.js';
import '../define.js';
import { card, fakeClient } from '../test/fixtures.js';
import type { PlugboardConnectElement } from './plugboard-connect.js';

afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(client = fakeClient([card(), card({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })])) {
  const element = document.createElement('plugboard-connect');
  const ready = new Promise<CustomEvent>((resolve) => element.addEventListener('plugboard:ready', resolve));
  element.client = client;
  document.body.append(element);
  return { element, event: await ready };
}

const shadow = (element: PlugboardConnectElement) => element.shadowRoot as ShadowRoot;

describe('<plugboard-connect>', () => {
  it('renders the cards inside its shadow root and fires plugboard:ready', async () => {
    const { element, event } = await mount();
    expect(event.detail).toEqual({ connectors: 2 });
    expect(event.bubbles && event.composed).toBe(true);
    await element.updateComplete;
    const names = [...shadow(element).querySelectorAll('[part~="card-name"]')].map((node) => node.textContent);
    expect(names).toEqual(['SendGrid', 'Stripe']);
    expect(document.body.querySelector('[part~="card"]')).toBeNull();
  });

  it('fires plugboard:ready once the cards are drawn, fetched or passed by the page', async () => {
    const cardsAtReady = (element: PlugboardConnectElement) =>
      new Promise<number>((resolve) =>
        element.addEventListener('plugboard:ready', () =>
          resolve(shadow(element).querySelectorAll('[part~="card"]').length),
        ),
      );
    const fetched = document.createElement('plugboard-connect');
    fetched.client = fakeClient([card(), card({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })]);
    const fetchedCount = cardsAtReady(fetched);
    document.body.append(fetched);
    expect(await fetchedCount).toBe(2);

    const passed = document.createElement('plugboard-connect');
    passed.client = fakeClient([]);
    passed.initialData = { connectors: [card()] };
    const passedCount = cardsAtReady(passed);
    document.body.append(passed);
    expect(await passedCount).toBe(1);
  });

  it('narrows the cards to the connectors attribute', async () => {
    const element = document.createElement('plugboard-connect');
    element.setAttribute('connectors', 'stripe');
    const ready = new Promise((resolve) => element.addEventListener('plugboard:ready', resolve));
    element.client = fakeClient([card(), card({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })]);
    document.body.append(element);
    await ready;
    expect(shadow(element).querySelectorAll('[part~="card"]')).toHaveLength(1);
  });

  it('lets the vendor replace any string', async () => {
    const { element } = await mount();
    element.messages = { connect: 'Verbinden' };
    await element.updateComplete;
    expect(shadow(element).querySelector('[part~="action"]')?.textContent).toBe('Verbinden');
  });

  it('registers once even when a second copy of the script runs', async () => {
    const registered = customElements.get('plugboard-connect');
    vi.resetModules();
    const second = await import('../define.js');
    expect(second.PlugboardConnectElement).not.toBe(registered);
    expect(customElements.get('plugboard-connect')).toBe(registered);
  });

  it('pins the colour scheme through the theme attribute', async () => {
    const { element } = await mount();
    element.theme = 'dark';
    await element.updateComplete;
    expect(element.getAttribute('theme')).toBe('dark');
  });

  it('maps appearance onto the custom properties, replaces it at run time and leaves the page’s own alone', async () => {
    const { element } = await mount();
    element.style.setProperty('--plugboard-color-muted', 'gray');
    element.appearance = { colorPrimary: '#0f766e', borderRadius: 4, fontFamily: 'Inter, sans-serif' };
    await element.updateComplete;
    expect(element.style.getPropertyValue('--plugboard-color-primary')).toBe('#0f766e');
    expect(element.style.getPropertyValue('--plugboard-radius')).toBe('4px');
    expect(element.style.getPropertyValue('--plugboard-font-family')).toBe('Inter, sans-serif');
    element.appearance = { spacing: '1.5rem' };
    await element.updateComplete;
    expect(element.style.getPropertyValue('--plugboard-color-primary')).toBe('');
    expect(element.style.getPropertyValue('--plugboard-spacing')).toBe('1.5rem');
    expect(element.style.getPropertyValue('--plugboard-color-muted')).toBe('gray');
  });

  it('writes the language and direction of its locale, and keeps English for a language it lacks', async () => {
    document.documentElement.lang = 'nl';
    const { element } = await mount();
    await element.updateComplete;
    const root = shadow(element).querySelector('.root');
    expect([root?.getAttribute('lang'), root?.getAttribute('dir')]).toEqual(['en', 'ltr']);
    expect(shadow(element).querySelector('[part~="action"]')?.getAttribute('aria-label')).toBe('Connect SendGrid');
    document.documentElement.removeAttribute('lang');
  });

  it('paints the cards the page passed in a JSON script without listing them, and fetches on reload', async () => {
    const client = fakeClient([card({ name: 'Fetched' })]);
    let listed = 0;
    const list = client.connectors.list;
    client.connectors.list = () => {
      listed += 1;
      return list();
    };
    const element = document.createElement('plugboard-connect');
    element.setAttribute('session-token', 'pb_cs_page');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify({ session: {}, connectors: [card({ name: 'Passed' })] });
    element.append(script);
    const ready = new Promise((resolve) => element.addEventListener('plugboard:ready', resolve));
    element.client = client;
    document.body.append(element);
    await ready;
    await element.updateComplete;
    const names = () => [...shadow(element).querySelectorAll('[part~="card-name"]')].map((node) => node.textContent);
    await vi.waitFor(() => expect(names()).toEqual(['Passed']));
    expect(listed).toBe(0);
    await element.reload();
    await vi.waitFor(() => expect(names()).toEqual(['Fetched']));
    expect(listed).toBe(1);
  });

  it('drops the passed cards once the session token changes, and ignores data that is not cards', async () => {
    const client = fakeClient([card({ name: 'Fetched' })]);
    const element = document.createElement('plugboard-connect');
    element.sessionToken = 'pb_cs_first';
    element.initialData = { connectors: [card({ name: 'Passed' })] };
    element.client = client;
    document.body.append(element);
    const names = () => [...shadow(element).querySelectorAll('[part~="card-name"]')].map((node) => node.textContent);
    await vi.waitFor(() => expect(names()).toEqual(['Passed']));
    element.sessionToken = 'pb_cs_second';
    await vi.waitFor(() => expect(names()).toEqual(['Fetched']));

    const other = document.createElement('plugboard-connect');
    other.initialData = { connectors: 'not a list' } as never;
    other.client = fakeClient([card({ name: 'Fetched too' })]);
    document.body.append(other);
    await vi.waitFor(() =>
      expect([...shadow(other).querySelectorAll('[part~="card-name"]')].map((node) => node.textContent)).toEqual([
        'Fetched too',
      ]),
    );
  });

  it('follows its store without the signals integration: a card opens its form, connects and counts it', async () => {
    const { element } = await mount(fakeClient([card()]));
    const root = shadow(element);
    await vi.waitFor(() => expect(root.querySelector('[part~="action-connect"]')).not.toBeNull());
    (root.querySelector('[part~="action-connect"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(root.querySelector('[part~="dialog"]')).not.toBeNull());
    const input = root.querySelector('[part~="form"] input') as HTMLInputElement;
    input.value = 'SG.key';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const connected = new Promise((resolve) => element.addEventListener('plugboard:connected', resolve));
    (root.querySelector('[part~="form"]') as HTMLFormElement).requestSubmit();
    await connected;
    await vi.waitFor(() => expect(root.querySelector('[part~="dialog"]')).toBeNull());
    expect(root.querySelector('[part~="card-meta"]')?.textContent).toContain('1 connection');
    expect(root.querySelector('[part~="action-add"]')).not.toBeNull();
  });

  it('draws the view once per batch of the store’s writes: loading, then failed (its error and status together)', async () => {
    // Preact's public `diffed` hook counts each time the view was rendered.
    const previous = options.diffed;
    let renders = 0;
    options.diffed = (vnode: VNode) => {
      if (vnode.type === ConnectView) renders += 1;
      previous?.(vnode);
    };
    try {
      const client = fakeClient([card()]);
      client.failList = { code: 'network_error', message: 'offline' };
      const element = document.createElement('plugboard-connect');
      element.client = client;
      document.body.append(element);
      await vi.waitFor(() => expect(shadow(element).querySelector('[role="alert"]')).not.toBeNull());
      await element.updateComplete;
      expect(renders).toBe(2);
    } finally {
      if (previous) options.diffed = previous;
      else delete options.diffed;
    }
  });
});
