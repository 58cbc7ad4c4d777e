import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentPath, navigate } from '../state/router.js';
import { agentRun, apiError, eventStream, fakeConsole, logEntry, services } from '../test/fixtures.js';
import { BuildPage } from './build-page.js';
import type { AgentReview } from './types.js';

afterEach(cleanup);
beforeEach(() => navigate('/connectors/build', { replace: true }));

function renderPage(fake = fakeConsole()) {
  const setup = services(fake);
  render(<BuildPage services={setup.services} />);
  return setup;
}

/** Starts the HubSpot quick start and pauses the run for review. */
async function reviewing(fake = fakeConsole()) {
  const setup = renderPage(fake);
  fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
  await screen.findByTestId('agent-status');
  act(() => fake.state.stream.push({ type: 'run', run: agentRun() }));
  await screen.findByTestId('agent-review');
  return setup;
}

describe('<BuildPage>', () => {
  it('fills the prompt from a quick start and starts a run with it', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    expect(screen.getByRole('heading', { level: 1, name: 'Build with AI' })).toBeTruthy();
    for (const slug of ['hubspot', 'slack', 'stripe', 'github', 'shopify', 'xero'])
      expect(screen.getByTestId(`agent-quick-${slug}`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'HubSpot CRM' }));
    await waitFor(() => expect(fake.named('agent.start')).toEqual([[{ prompt: 'HubSpot CRM' }]]));
    expect((await screen.findByTestId('agent-run-prompt')).textContent).toBe('HubSpot CRM');
    await waitFor(() => expect(fake.named('agent.events')).toEqual([['run_1']]));
  });

  it('starts from a typed prompt with a spec URL and a test connection, and refuses an empty prompt inline', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-start'));
    expect((await screen.findByTestId('error-prompt')).textContent).toBe(
      'Describe the API, or give a spec URL or file',
    );
    expect(fake.named('agent.start')).toEqual([]);
    fireEvent.input(screen.getByLabelText('Describe the API'), { target: { value: 'Acme CRM' } });
    fireEvent.input(screen.getByLabelText('OpenAPI spec URL'), {
      target: { value: 'https://acme.example/openapi.json' },
    });
    await waitFor(() => expect(screen.getByRole('option', { name: /sendgrid · Production/ })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Test with a connection'), { target: { value: 'cxn_1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Build connector' }));
    await waitFor(() =>
      expect(fake.named('agent.start')).toEqual([
        [{ prompt: 'Acme CRM', specUrl: 'https://acme.example/openapi.json', connectionId: 'cxn_1' }],
      ]),
    );
  });

  it('starts from an uploaded spec file alone, named in the prompt', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    const file = new File(['openapi: 3.1.0'], 'acme.yaml', { type: 'application/yaml' });
    fireEvent.change(screen.getByLabelText('Or upload a spec file'), { target: { files: [file] } });
    fireEvent.submit(screen.getByTestId('agent-start-form'));
    await waitFor(() =>
      expect(fake.named('agent.start')).toEqual([[{ prompt: 'The API in acme.yaml', specText: 'openapi: 3.1.0' }]]),
    );
  });

  it('says when the run cannot start, and keeps the form', async () => {
    const fake = fakeConsole();
    fake.fail['agent.start'] = apiError('not_available', 'Build with AI is not available on this server yet.');
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-stripe'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('not available on this server');
    expect((screen.getByTestId('agent-prompt') as HTMLTextAreaElement).value).toBe('Stripe');
  });

  it('renders the live log in order, once per entry, and follows the status and step', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
    const status = await screen.findByTestId('agent-status');
    expect(status.textContent).toContain('Running');
    expect(status.textContent).toContain('Understand');
    expect(screen.getByText("Waiting for the agent's first step…")).toBeTruthy();
    act(() =>
      fake.state.stream.push(
        { type: 'log', entry: logEntry(2, 'Found HubSpot in the catalog', { kind: 'found' }) },
        { type: 'log', entry: logEntry(1, 'Reading the request') },
        { type: 'log', entry: logEntry(2, 'Found HubSpot in the catalog', { kind: 'found' }) },
        { type: 'run', run: agentRun({ status: 'running', step: 'build' }) },
        { type: 'log', entry: logEntry(3, 'Built 3 actions', { step: 'build', kind: 'built' }) },
      ),
    );
    const log = screen.getByTestId('agent-log');
    await waitFor(() => expect(within(log).getAllByRole('listitem')).toHaveLength(3));
    expect(
      within(log)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.log-message')?.textContent),
    ).toEqual(['Reading the request', 'Found HubSpot in the catalog', 'Built 3 actions']);
    expect(status.textContent).toContain('step 3 of 7: Build');
    expect(screen.getByTestId('agent-step-discover').dataset.state).toBe('done');
    expect(screen.getByTestId('agent-step-build').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('agent-step-test').dataset.state).toBe('todo');
  });

  it('shows the draft for review: auth methods, actions grouped by tag and events, each with Accept, Edit and Drop', async () => {
    await reviewing();
    const review = screen.getByTestId('agent-review');
    expect(screen.getByTestId('agent-status').textContent).toContain('Waiting for your review');
    expect(within(review).getByTestId('review-auth-method-oauth2').textContent).toContain('OAuth 2.0');
    expect(within(review).getByTestId('review-auth-method-private-app').textContent).toContain('Header X-Private-App');
    const contacts = within(screen.getByTestId('group-contacts'));
    expect(contacts.getByTestId('review-action-list-contacts')).toBeTruthy();
    expect(contacts.getByTestId('review-action-get-contact').textContent).toContain(
      'GET /crm/v3/objects/contacts/{id}',
    );
    expect(within(screen.getByTestId('group-deals')).getByTestId('review-action-list-deals')).toBeTruthy();
    expect(within(review).getByTestId('review-event-contact.created').textContent).toContain('Contact created');
    for (const id of ['auth-method-oauth2', 'action-list-deals', 'event-contact.created']) {
      expect(screen.getByTestId(`accept-${id}`).getAttribute('aria-pressed')).toBe('true');
      expect(screen.getByTestId(`edit-${id}`)).toBeTruthy();
      expect(screen.getByTestId(`drop-${id}`).getAttribute('aria-pressed')).toBe('false');
    }
  });

  it('says when the draft has no auth method, action or event', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-github'));
    await screen.findByTestId('agent-status');
    const draft = agentRun().draft;
    act(() =>
      fake.state.stream.push({
        type: 'run',
        run: agentRun({ draft: draft && { ...draft, authMethods: [], actions: [], events: [] }, groups: [] }),
      }),
    );
    const review = await screen.findByTestId('agent-review');
    expect(review.textContent).toContain('The agent found no auth method');
    expect(review.textContent).toContain('The agent built no actions.');
    expect(screen.queryByTestId('group-all')).toBeNull();
    expect(review.textContent).toContain('The agent found no events.');
    fireEvent.click(screen.getByTestId('agent-continue'));
    await waitFor(() =>
      expect(fake.named('agent.review')).toEqual([['run_1', { authMethods: [], actions: [], events: [] }]]),
    );
  });

  it('puts the actions of a draft without tags in one group, all kept or dropped with its checkbox', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
    await screen.findByTestId('agent-status');
    act(() => fake.state.stream.push({ type: 'run', run: agentRun({ groups: [] }) }));
    const all = within(await screen.findByTestId('group-all'));
    expect(all.getAllByRole('listitem')).toHaveLength(3);
    fireEvent.click(screen.getByRole('checkbox', { name: /All actions/ }));
    expect(screen.getByTestId('verdict-action-list-deals').textContent).toBe('Dropped');
    expect(screen.getByTestId('verdict-action-get-contact').textContent).toBe('Dropped');
  });

  it('drops a whole tag with its group checkbox, and Continue sends every decision', async () => {
    const { fake } = await reviewing();
    const deals = screen.getByTestId('group-toggle-deals') as HTMLInputElement;
    expect(deals.checked).toBe(true);
    fireEvent.click(deals);
    expect(deals.checked).toBe(false);
    expect(screen.getByTestId('verdict-action-list-deals').textContent).toBe('Dropped');
    fireEvent.click(screen.getByRole('button', { name: 'Drop Get contact' }));
    const contacts = screen.getByTestId('group-toggle-contacts') as HTMLInputElement;
    expect(contacts.indeterminate).toBe(true);
    fireEvent.click(screen.getByTestId('drop-auth-method-private-app'));
    fireEvent.click(screen.getByTestId('drop-event-contact.created'));
    fireEvent.click(screen.getByTestId('accept-event-contact.created'));
    fireEvent.click(screen.getByTestId('agent-continue'));
    await waitFor(() => expect(fake.named('agent.review')).toHaveLength(1));
    const [[id, decisions]] = fake.named('agent.review') as [[string, AgentReview['decisions']]];
    expect(id).toBe('run_1');
    expect(decisions).toEqual({
      authMethods: [
        { key: 'oauth2', verdict: 'accept' },
        { key: 'private-app', verdict: 'drop' },
      ],
      actions: [
        { key: 'list-contacts', verdict: 'accept' },
        { key: 'get-contact', verdict: 'drop' },
        { key: 'list-deals', verdict: 'drop' },
      ],
      events: [{ key: 'contact.created', verdict: 'accept' }],
    });
    await waitFor(() => expect(screen.queryByTestId('agent-review')).toBeNull());
    expect(screen.getByTestId('agent-status').textContent).toContain('Test');
  });

  it('edits an auth method with the Create Connector fields and an action as JSON, sent as edits', async () => {
    const { fake } = await reviewing();
    fireEvent.click(screen.getByTestId('edit-auth-method-private-app'));
    fireEvent.input(screen.getByTestId('method-1-name'), { target: { value: 'Authorization' } });
    fireEvent.click(screen.getByTestId('save-auth-method-private-app'));
    expect(screen.getByTestId('verdict-auth-method-private-app').textContent).toBe('Edited');
    fireEvent.click(screen.getByTestId('edit-action-list-deals'));
    const json = screen.getByLabelText('Action list-deals as JSON') as HTMLTextAreaElement;
    const edited = { ...JSON.parse(json.value), name: 'All deals' };
    fireEvent.input(json, { target: { value: JSON.stringify(edited) } });
    fireEvent.click(screen.getByTestId('save-action-list-deals'));
    fireEvent.click(screen.getByTestId('agent-continue'));
    await waitFor(() => expect(fake.named('agent.review')).toHaveLength(1));
    const [[, decisions]] = fake.named('agent.review') as [[string, AgentReview['decisions']]];
    expect(decisions.authMethods?.[1]).toEqual({
      key: 'private-app',
      verdict: 'edit',
      value: { key: 'private-app', kind: 'apiKey', isDefault: false, in: 'header', name: 'Authorization' },
    });
    expect(decisions.actions?.[2]).toMatchObject({
      key: 'list-deals',
      verdict: 'edit',
      value: { name: 'All deals' },
    });
  });

  it('shows an invalid edit’s error inline and keeps it unsaved', async () => {
    await reviewing();
    fireEvent.click(screen.getByTestId('edit-action-get-contact'));
    const json = screen.getByLabelText('Action get-contact as JSON') as HTMLTextAreaElement;
    fireEvent.input(json, { target: { value: '{ "key": ' } });
    fireEvent.click(screen.getByTestId('save-action-get-contact'));
    expect(screen.getByTestId('error-review-action-get-contact').textContent).toContain('Not valid JSON');
    expect(json.getAttribute('aria-invalid')).toBe('true');
    const broken = {
      ...JSON.parse(JSON.stringify(agentRun().draft?.actions?.[1])),
      input: { type: 'object', properties: {} },
    };
    fireEvent.input(json, { target: { value: JSON.stringify(broken) } });
    fireEvent.click(screen.getByTestId('save-action-get-contact'));
    expect(screen.getByTestId('error-review-action-get-contact').textContent).toContain(
      'path: {id} needs an input property with "x-in": "path"',
    );
    expect(screen.getByTestId('verdict-action-get-contact').textContent).toBe('Accepted');
    expect((screen.getByTestId('agent-continue') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows an invalid auth method edit inline', async () => {
    await reviewing();
    fireEvent.click(screen.getByTestId('edit-auth-method-private-app'));
    fireEvent.input(screen.getByTestId('method-1-name'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('save-auth-method-private-app'));
    expect(screen.getByTestId('error-review-auth-method-private-app').textContent).toContain('name');
    expect(screen.getByTestId('verdict-auth-method-private-app').textContent).toBe('Accepted');
  });

  it('puts the issues the server finds in the decisions on their items', async () => {
    const { fake } = await reviewing();
    fake.fail['agent.review'] = apiError('validation_failed', 'The review decisions are not valid', [
      { path: 'decisions.actions.1.value.path', message: '{id} needs an input property with "x-in": "path"' },
      { path: 'draft.authMethods', message: 'Keep at least one auth method' },
    ]);
    fireEvent.click(screen.getByTestId('agent-continue'));
    expect((await screen.findByTestId('issue-action-get-contact')).textContent).toBe(
      'path: {id} needs an input property with "x-in": "path"',
    );
    expect(screen.getByTestId('form-error').textContent).toBe('The review decisions are not valid');
    expect(screen.getByTestId('agent-review')).toBeTruthy();
  });

  it('keeps the newer run when the stream gets ahead of the answer to Continue', async () => {
    const fake = fakeConsole();
    await reviewing(fake);
    const review = fake.client.agent.review;
    const ready = agentRun({ status: 'ready', step: 'done', updatedAt: '2026-01-02T03:06:00.000Z' });
    fake.client.agent.review = async (id, decisions) => {
      const answer = await review(id, decisions);
      // The answer (still running) comes back only once the page shows the newer run from the stream.
      fake.state.stream.push({ type: 'run', run: ready });
      await screen.findByTestId('agent-create');
      return answer;
    };
    const progress = document.getElementById('agent-progress');
    const continueButton = screen.getByTestId('agent-continue');
    continueButton.focus();
    fireEvent.click(continueButton);
    // Once the page has taken the answer in, it moves focus to the progress: only then is the outcome settled.
    await waitFor(() => expect(document.activeElement).toBe(progress));
    expect(fake.named('agent.review')).toHaveLength(1);
    expect(screen.getByTestId('agent-status').dataset.status).toBe('ready');
    expect(screen.getByTestId('agent-create')).toBeTruthy();
  });

  it('renders test results and fixes, then creates the connector at ready and opens its settings page', async () => {
    const fake = fakeConsole();
    await reviewing(fake);
    fireEvent.click(screen.getByTestId('agent-continue'));
    await waitFor(() => expect(screen.queryByTestId('agent-review')).toBeNull());
    act(() =>
      fake.state.stream.push({
        type: 'run',
        run: agentRun({
          status: 'ready',
          step: 'done',
          updatedAt: '2026-01-02T03:06:00.000Z',
          tests: [
            { actionKey: 'list-contacts', passed: true, status: 200, latencyMs: 120 },
            { actionKey: 'list-deals', passed: false, status: 404, latencyMs: 80 },
            { actionKey: 'get-contact', passed: false, status: 0, latencyMs: 0, note: 'Blocked by the egress policy' },
          ],
          fixes: [
            { actionKey: 'list-deals', change: 'Tried https://api.hubapi.com/v3 as the base URL', passed: false },
          ],
          warnings: ['1 operation has no operationId'],
        }),
      }),
    );
    const tests = await screen.findByTestId('agent-tests');
    expect(within(tests).getByTestId('test-list-contacts').textContent).toContain('Passed');
    expect(within(tests).getByTestId('test-list-contacts').textContent).toContain('120 ms');
    expect(within(tests).getByTestId('test-list-deals').textContent).toContain('Failed');
    expect(within(tests).getByTestId('test-get-contact').textContent).toContain('No answer');
    expect(within(tests).getByTestId('test-get-contact').textContent).toContain('Blocked by the egress policy');
    expect(screen.getByTestId('fix-list-deals').textContent).toContain('Still fails');
    expect(screen.getByTestId('agent-warnings').textContent).toContain('no operationId');
    expect(screen.getByTestId('agent-status').textContent).toContain('Ready to create');
    expect(screen.getByTestId('agent-step-done').dataset.state).toBe('done');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('HubSpot');
    expect((screen.getByLabelText('Slug') as HTMLInputElement).value).toBe('hubspot');
    fireEvent.input(screen.getByLabelText('Slug'), { target: { value: 'hubspot-crm' } });
    fireEvent.change(screen.getByLabelText('Visibility'), { target: { value: 'public' } });
    fireEvent.click(screen.getByTestId('agent-create'));
    await waitFor(() => expect(currentPath.value).toBe('/connectors/ctr_hubspot'));
    expect(fake.named('agent.create')).toEqual([
      ['run_1', { name: 'HubSpot', slug: 'hubspot-crm', visibility: 'public' }],
    ]);
  });

  it('puts a taken slug on its field when Create is refused', async () => {
    const fake = fakeConsole();
    fake.state.agentRun = agentRun({ status: 'ready', step: 'done' });
    fake.fail['agent.create'] = apiError('slug_taken', 'Another connector already uses the slug "hubspot"');
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
    fireEvent.click(await screen.findByTestId('agent-create'));
    expect((await screen.findByTestId('error-slug')).textContent).toContain('already uses');
    expect(currentPath.value).toBe('/connectors/build');
  });

  it('asks for the API base URL when the spec named no usable server, and shows warnings grouped by kind', async () => {
    const fake = fakeConsole();
    const base = agentRun().draft;
    fake.state.agentRun = agentRun({
      status: 'ready',
      step: 'done',
      draft: base && { ...base, apiBaseUrl: null, domain: undefined },
      warnings: ['a skipped', 'b skipped', 'c skipped', 'd skipped', 'No connection picked: tests skipped'],
      warningKinds: [{ code: 'operation_skipped', count: 4, examples: ['a skipped', 'b skipped', 'c skipped'] }],
    });
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
    const kind = await screen.findByTestId('warning-kind-operation_skipped');
    expect(kind.textContent).toContain('4 × operation_skipped: a skipped');
    expect(kind.textContent).toContain('…and 1 more like these.');
    expect(screen.getByTestId('agent-warnings').textContent).toContain('No connection picked');
    fireEvent.click(screen.getByTestId('agent-create'));
    expect((await screen.findByTestId('error-apiBaseUrl')).textContent).toContain('Enter the API base URL');
    expect(fake.named('agent.create')).toEqual([]);
    fireEvent.input(screen.getByLabelText('API base URL'), { target: { value: 'https://api.hubapi.com' } });
    fireEvent.click(screen.getByTestId('agent-create'));
    await waitFor(() =>
      expect(fake.named('agent.create')).toEqual([
        ['run_1', { name: 'HubSpot', slug: 'hubspot', visibility: 'private', apiBaseUrl: 'https://api.hubapi.com' }],
      ]),
    );
  });

  it('cancels a run and keeps its log, then starts over', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-slack'));
    await screen.findByTestId('agent-status');
    act(() => fake.state.stream.push({ type: 'log', entry: logEntry(1, 'Reading the request') }));
    await screen.findByTestId('log-1');
    fireEvent.click(screen.getByTestId('agent-cancel'));
    expect(await screen.findByTestId('agent-cancelled')).toBeTruthy();
    expect(fake.named('agent.cancel')).toEqual([['run_1']]);
    expect(screen.getByTestId('agent-status').textContent).toContain('Cancelled');
    expect(screen.getByTestId('log-1').textContent).toContain('Reading the request');
    expect(screen.queryByTestId('agent-cancel')).toBeNull();
    fireEvent.click(screen.getByTestId('agent-new'));
    expect(screen.getByTestId('agent-prompt')).toBeTruthy();
  });

  it('says why a run failed, and offers to reconnect an interrupted log', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-xero'));
    await screen.findByTestId('agent-status');
    act(() => fake.state.stream.push({ type: 'log', entry: logEntry(1, 'Reading the request') }));
    await screen.findByTestId('log-1');
    act(() => fake.state.stream.end(apiError('network_error', 'offline')));
    expect((await screen.findByTestId('agent-stream-error')).textContent).toContain('could not be reached');
    fake.state.stream = eventStream();
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(fake.named('agent.events')).toEqual([['run_1'], ['run_1', 1]]));
    act(() =>
      fake.state.stream.push({
        type: 'run',
        run: agentRun({
          status: 'failed',
          step: 'discover',
          error: { code: 'spec_not_found', message: 'No spec found' },
        }),
      }),
    );
    expect((await screen.findByTestId('agent-error')).textContent).toContain('No spec found');
    expect(screen.getByTestId('agent-step-discover').dataset.state).toBe('stopped');
    expect(screen.queryByTestId('agent-stream-error')).toBeNull();
  });

  it('puts the run in the address and reopens it from there, its log replayed', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-shopify'));
    await screen.findByTestId('agent-status');
    await waitFor(() => expect(location.search).toBe('?run=run_1'));
    cleanup();
    fake.state.agentRun = agentRun();
    fake.state.stream.push({ type: 'log', entry: logEntry(1, 'Reading the request') });
    renderPage(fake);
    expect(screen.getByTestId('loading').textContent).toContain('Loading the run');
    expect(await screen.findByTestId('agent-review')).toBeTruthy();
    expect((await screen.findByTestId('log-1')).textContent).toContain('Reading the request');
    expect(fake.named('agent.get')).toEqual([['run_1']]);
  });

  it('says when the run in the address cannot be loaded, retries, and starts over', async () => {
    const fake = fakeConsole();
    fake.fail['agent.get'] = apiError('not_found', 'No such run');
    history.replaceState(null, '', '/console/connectors/build?run=run_9');
    renderPage(fake);
    expect((await screen.findByTestId('error')).textContent).toContain('No such run');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('agent-status')).toBeTruthy();
    expect(fake.named('agent.get')).toEqual([['run_9'], ['run_9']]);
    fireEvent.click(screen.getByTestId('agent-cancel'));
    fireEvent.click(await screen.findByTestId('agent-new'));
    expect(location.search).toBe('');
    expect(screen.getByTestId('agent-prompt')).toBeTruthy();
  });

  it('says when the connections to test with could not be loaded', async () => {
    const fake = fakeConsole();
    fake.fail['connections.list'] = apiError('internal', 'boom');
    renderPage(fake);
    expect(await screen.findByText(/connections could not be loaded/)).toBeTruthy();
    expect(screen.getByRole('option', { name: 'No connection' })).toBeTruthy();
  });

  it('offers the OAuth method the union of the kept actions’ scopes, taken by default and editable', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
    await screen.findByTestId('agent-status');
    const draft = agentRun().draft as NonNullable<ReturnType<typeof agentRun>['draft']>;
    const scopes: Record<string, string[]> = {
      'list-contacts': ['crm.objects.contacts.read'],
      'get-contact': ['crm.objects.contacts.read', 'crm.schemas.contacts.read'],
      'list-deals': ['crm.objects.deals.read'],
    };
    const actions = draft.actions.map((action) => ({ ...action, scopes: scopes[action.key] ?? [] }));
    act(() => fake.state.stream.push({ type: 'run', run: agentRun({ draft: { ...draft, actions } }) }));
    const offer = await screen.findByTestId('scope-union-oauth2');
    expect(offer.textContent).toContain(
      'Ask for the 3 scopes the kept actions need, instead of the 1 the method declares',
    );
    const field = screen.getByTestId('scope-union-scopes-oauth2') as HTMLInputElement;
    expect(field.value).toBe('crm.objects.contacts.read crm.schemas.contacts.read crm.objects.deals.read');
    // Dropping an action takes its scopes out of the offer.
    fireEvent.click(screen.getByTestId('drop-action-list-deals'));
    await waitFor(() =>
      expect((screen.getByTestId('scope-union-scopes-oauth2') as HTMLInputElement).value).toBe(
        'crm.objects.contacts.read crm.schemas.contacts.read',
      ),
    );
    fireEvent.input(screen.getByTestId('scope-union-scopes-oauth2'), {
      target: { value: 'crm.objects.contacts.read' },
    });
    fireEvent.click(screen.getByTestId('agent-continue'));
    await waitFor(() => expect(fake.named('agent.review')).toHaveLength(1));
    const [[, decisions]] = fake.named('agent.review') as [[string, AgentReview['decisions']]];
    expect(decisions.authMethods?.[0]).toMatchObject({
      key: 'oauth2',
      verdict: 'edit',
      value: {
        kind: 'oauth2',
        tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
        scopes: ['crm.objects.contacts.read'],
      },
    });
    expect(decisions.authMethods?.[1]).toEqual({ key: 'private-app', verdict: 'accept' });
  });

  it('keeps the method’s own scopes when the offer is declined, and shows an event’s proposed signature check', async () => {
    const fake = fakeConsole();
    renderPage(fake);
    fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
    await screen.findByTestId('agent-status');
    const draft = agentRun().draft as NonNullable<ReturnType<typeof agentRun>['draft']>;
    const actions = draft.actions.map((action) => ({ ...action, scopes: ['crm.objects.deals.read'] }));
    const signature = { header: 'X-HubSpot-Signature-v3', algorithm: 'sha256' as const, encoding: 'base64' as const };
    const events = draft.events.map((event) => ({ ...event, delivery: { kind: 'webhook' as const, signature } }));
    act(() => fake.state.stream.push({ type: 'run', run: agentRun({ draft: { ...draft, actions, events } }) }));
    expect((await screen.findByTestId('review-event-contact.created')).textContent).toContain(
      'signed: X-HubSpot-Signature-v3 (HMAC-SHA256)',
    );
    fireEvent.click(screen.getByTestId('scope-union-use-oauth2'));
    expect(screen.queryByTestId('scope-union-scopes-oauth2')).toBeNull();
    fireEvent.click(screen.getByTestId('agent-continue'));
    await waitFor(() => expect(fake.named('agent.review')).toHaveLength(1));
    const [[, decisions]] = fake.named('agent.review') as [[string, AgentReview['decisions']]];
    expect(decisions.authMethods?.[0]).toEqual({ key: 'oauth2', verdict: 'accept' });
  });

  it('states the server’s configured limits: the spec size on the form, actions and events in review', async () => {
    const fake = fakeConsole();
    fake.state.agentLimits = { maxSpecBytes: 512 * 1024, maxBuildsPerOrganization: 1, maxActions: 2, maxEvents: 7 };
    renderPage(fake);
    await waitFor(() => expect(screen.getByTestId('agent-start-form').textContent).toContain('up to 512 KB.'));
    fireEvent.click(screen.getByTestId('agent-quick-hubspot'));
    await screen.findByTestId('agent-status');
    act(() => fake.state.stream.push({ type: 'run', run: agentRun() }));
    const review = await screen.findByTestId('agent-review');
    expect(screen.getByTestId('action-review-counts').textContent).toContain('A connector holds at most 2.');
    expect(screen.getByTestId('action-review-over').textContent).toBe(
      'Drop 1 more: a connector holds at most 2 actions.',
    );
    expect(review.textContent).toContain('a connector holds at most 7');
  });
});
