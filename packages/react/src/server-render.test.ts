// @vitest-environment node
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PlugboardConnect } from './index.js';

describe('<PlugboardConnect> rendered on a server', () => {
  it('imports and renders a plain tag with its attributes, without a DOM or customElements', () => {
    expect(typeof globalThis.customElements).toBe('undefined');
    const html = renderToString(
      createElement(PlugboardConnect, {
        apiBase: 'https://plugboard.example.com',
        connectors: ['stripe', 'slack'],
        theme: 'dark',
        locale: 'de',
        fetchSessionToken: async () => 'pb_cs_x',
        onConnected: () => {},
      }),
    );
    expect(html).toBe(
      '<plugboard-connect api-base="https://plugboard.example.com" connectors="stripe,slack" theme="dark" locale="de"></plugboard-connect>',
    );
  });
});
