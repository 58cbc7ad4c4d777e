import { describe, expect, it } from 'vitest';
import { agentAuthMethodSchema, agentReviewSchema, agentRunCreateSchema, MAX_AGENT_SPEC_BYTES } from './agent.js';

describe('agent schemas', () => {
  it('reads a draft auth method as the create input with its key, defaults filled', () => {
    expect(agentAuthMethodSchema.parse({ key: 'apiKey', kind: 'apiKey' })).toEqual({
      key: 'apiKey',
      kind: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
  });

  it('refuses a draft auth method that the create input would refuse', () => {
    const result = agentAuthMethodSchema.safeParse({ key: 'oauth2', kind: 'oauth2', tokenUrl: 'not a url' });
    expect(result.success).toBe(false);
    expect(agentAuthMethodSchema.safeParse({ kind: 'none' }).success).toBe(false);
  });

  it('takes a prompt with an optional spec and connection, and refuses empty prompts and unknown fields', () => {
    expect(agentRunCreateSchema.parse({ prompt: ' HubSpot CRM ' })).toEqual({ prompt: 'HubSpot CRM' });
    expect(agentRunCreateSchema.safeParse({ prompt: '  ' }).success).toBe(false);
    expect(agentRunCreateSchema.safeParse({ prompt: 'x', specUrl: 'ftp://example.com/spec' }).success).toBe(false);
    expect(agentRunCreateSchema.safeParse({ prompt: 'x', model: 'gpt' }).success).toBe(false);
    expect(
      agentRunCreateSchema.safeParse({ prompt: 'x', specText: 'a'.repeat(MAX_AGENT_SPEC_BYTES + 1) }).success,
    ).toBe(false);
  });

  it('takes review decisions by kind, each accept, drop or edit', () => {
    const review = { decisions: { actions: [{ key: 'a', verdict: 'drop' }], events: [] } };
    expect(agentReviewSchema.parse(review)).toEqual(review);
    expect(agentReviewSchema.safeParse({ decisions: { actions: [{ key: 'a', verdict: 'keep' }] } }).success).toBe(
      false,
    );
    expect(agentReviewSchema.safeParse({ decisions: { groups: [] } }).success).toBe(false);
  });
});
