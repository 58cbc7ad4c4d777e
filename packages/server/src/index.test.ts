import { describe, expect, it } from 'vitest';
import * as demo from './demo/index.js';
import * as server from './index.js';

describe('the public entries', () => {
  it('keep the demo seed data out of the main entry, in @plugboard/server/demo', () => {
    const seedData = ['seedDemo', 'loadDemoPassword', 'DEMO_CONSOLE_EMAIL', 'DEMO_END_USER_ID'];
    expect(Object.keys(server).filter((name) => seedData.includes(name))).toEqual([]);
    expect(Object.keys(demo).sort()).toEqual([...seedData].sort());
    expect(server.createApp).toBeTypeOf('function');
  });
});
