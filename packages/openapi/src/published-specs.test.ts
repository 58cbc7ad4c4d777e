import { connectorCreateSchema } from '@plugboard/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConnectorDraft, type ConnectorDraft, parseSpec } from './index.js';
import { npmSpec } from './test/npm-spec.js';

// GitHub's REST API (1,223 operations, 13 MB) and its webhooks (261), as the @octokit packages publish them.
let rest: { operations: number; draft: ConnectorDraft };
let hooks: { webhooks: number; draft: ConnectorDraft };
beforeAll(async () => {
  const [restText, hooksText] = await Promise.all([
    npmSpec('@octokit/openapi', '23.0.2', 'generated/api.github.com.json'),
    npmSpec('@octokit/openapi-webhooks', '12.1.0', 'generated/api.github.com.json'),
  ]);
  const restSpec = await parseSpec(restText);
  rest = { operations: restSpec.operations.length, draft: buildConnectorDraft(restSpec) };
  const hooksSpec = await parseSpec(hooksText);
  hooks = { webhooks: hooksSpec.webhooks.length, draft: buildConnectorDraft(hooksSpec) };
}, 180_000);

const action = (draft: ConnectorDraft, operationId: string) =>
  draft.actions.find((entry) => entry.operationId === operationId)?.action;

describe("GitHub's published REST spec", () => {
  it('becomes one action per operation, all in a connector body that passes the API schema', () => {
    expect(rest.operations).toBe(1223);
    expect(rest.draft.actions).toHaveLength(rest.operations);
    expect(rest.draft.connector.actions).toHaveLength(rest.operations);
    expect(connectorCreateSchema.safeParse(rest.draft.connector).success).toBe(true);
    expect(rest.draft.connector.apiBaseUrl).toBe('https://api.github.com');
    expect(rest.draft.warnings.map((warning) => warning.code)).not.toContain('truncated');
  });

  it('keeps the operations people use most, with the inputs that rebuild their requests', () => {
    const issue = action(rest.draft, 'issues/create');
    expect(issue).toMatchObject({ method: 'POST', path: '/repos/{owner}/{repo}/issues' });
    expect(issue?.input?.required).toEqual(expect.arrayContaining(['owner', 'repo', 'title']));
    expect(issue?.input?.properties?.title).toMatchObject({ 'x-in': 'body' });
    const pull = action(rest.draft, 'pulls/create');
    expect(pull?.input?.required).toEqual(expect.arrayContaining(['owner', 'repo', 'head', 'base']));
    expect(action(rest.draft, 'repos/get')).toMatchObject({ method: 'GET', path: '/repos/{owner}/{repo}' });
    // A path parameter named `path` stays.
    const content = action(rest.draft, 'repos/get-content');
    expect(content?.path).toBe('/repos/{owner}/{repo}/contents/{path}');
    expect(content?.input?.properties?.path).toMatchObject({ 'x-in': 'path' });
  });

  it('keeps a body field that shares its name with a parameter, under its own property', () => {
    const clashes = rest.draft.actions.flatMap(({ action: { input } }) =>
      Object.entries(input?.properties ?? {}).filter(
        ([key, property]) => property['x-name'] && key.startsWith('body_'),
      ),
    );
    expect(clashes.length).toBeGreaterThan(0);
    expect(rest.draft.warnings.filter((warning) => warning.code === 'input_skipped')).toEqual([]);
  });

  it('groups its actions by tag', () => {
    const names = rest.draft.groups.map((group) => group.name);
    expect(names).toEqual(expect.arrayContaining(['issues', 'pulls', 'repos']));
    expect(rest.draft.ungrouped).toEqual([]);
  });
});

describe("GitHub's published webhooks spec", () => {
  it('becomes one event per webhook, named by its key', () => {
    expect(hooks.webhooks).toBe(261);
    expect(hooks.draft.events).toHaveLength(261);
    expect(hooks.draft.connector.events).toHaveLength(261);
    const keys = hooks.draft.connector.events.map((event) => event.key);
    expect(keys).toEqual(expect.arrayContaining(['push', 'pull-request-opened', 'issues-opened']));
    const push = hooks.draft.connector.events.find((event) => event.key === 'push');
    expect(push?.name).toBe('Push');
    expect(connectorCreateSchema.safeParse(hooks.draft.connector).success).toBe(true);
  });
});

describe("GitHub's webhooks: the signature check", () => {
  it('is proposed from the X-Hub-Signature-256 header each webhook declares', () => {
    const push = hooks.draft.connector.events.find((event) => event.key === 'push');
    expect(push?.delivery).toEqual({
      kind: 'webhook',
      signature: { header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
    });
  });
});
