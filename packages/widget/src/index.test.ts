import { describe, expect, it } from 'vitest';
import * as components from './components.js';
import * as widget from './index.js';

describe('the public entries', () => {
  it('keep the Preact components out of the main entry, in @plugboard/widget/components', () => {
    expect(Object.keys(widget).filter((name) => ['AuthDialog', 'ConnectorCard'].includes(name))).toEqual([]);
    expect(Object.keys(components).sort()).toEqual(['AuthDialog', 'ConnectorCard']);
    expect(widget.PlugboardConnectElement).toBeTypeOf('function');
  });
});
