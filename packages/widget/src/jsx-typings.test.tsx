import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { GlobalComponents } from 'vue';
import type {} from './preact.js';
import type {} from './vue.js';

afterEach(() => {
  document.body.replaceChildren();
});

// The typings are checked by `tsc` (pnpm typecheck): each @ts-expect-error fails the check once it is not an error.
describe('JSX typings for <plugboard-connect>', () => {
  it('type-check its attributes in Preact, and Preact passes them on', () => {
    const container = document.createElement('div');
    document.body.append(container);
    render(
      <plugboard-connect theme="dark" locale="de" api-base="https://plugboard.example.com" mode="redirect" />,
      container,
    );
    // @ts-expect-error: no such theme
    const wrong = <plugboard-connect theme="purple" />;
    expect(wrong).toBeTruthy();
    const element = container.querySelector('plugboard-connect');
    expect(['theme', 'locale', 'api-base'].map((name) => element?.getAttribute(name))).toEqual([
      'dark',
      'de',
      'https://plugboard.example.com',
    ]);
  });

  it('type-check its props in Vue templates (GlobalComponents)', () => {
    type Props = InstanceType<GlobalComponents['plugboard-connect']>['$props'];
    const props: Props = { theme: 'auto', connectors: 'stripe,slack', locale: 'ja' };
    // @ts-expect-error: no such mode
    const wrong: Props = { mode: 'iframe' };
    expect([props, wrong]).toHaveLength(2);
  });
});
