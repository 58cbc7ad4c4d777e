import { describe, expect, it } from 'vitest';
import { tokenSource } from './token-source.js';

describe('tokenSource', () => {
  it('passes the tokens of the vendor callback through', async () => {
    const tokens = ['pb_cs_1', 'pb_cs_2'];
    const fetchToken = tokenSource(async () => tokens.shift() as string, false);
    expect(await fetchToken()).toBe('pb_cs_1');
    expect(await fetchToken()).toBe('pb_cs_2');
  });

  it('calls a failed renewal an expired session, keeping the cause', async () => {
    const cause = new Error('backend down');
    const fetchToken = tokenSource(() => Promise.reject(cause), true);
    await expect(fetchToken()).rejects.toMatchObject({ code: 'session_expired', cause });
  });

  it('calls a failed first fetch unauthenticated, and any later failure expired', async () => {
    let fail = true;
    const fetchToken = tokenSource(async () => (fail ? Promise.reject(new Error('no')) : 'pb_cs_1'), false);
    await expect(fetchToken()).rejects.toMatchObject({ code: 'unauthenticated' });
    fail = false;
    await fetchToken();
    fail = true;
    await expect(fetchToken()).rejects.toMatchObject({ code: 'session_expired' });
  });

  it('rejects an empty token instead of sending it', async () => {
    const fetchToken = tokenSource(async () => '', true);
    await expect(fetchToken()).rejects.toMatchObject({ code: 'session_expired', message: /gave no token/ });
  });
});
