import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorSettingsPage } from '../pages/connector-settings-page.js';
import { action, actionRun, adminConnection, apiError, fakeConsole, services } from '../test/fixtures.js';

afterEach(cleanup);

const createContact = action({
  key: 'create-contact',
  name: 'Create contact',
  method: 'POST',
  path: '/v3/contacts',
  input: {
    type: 'object',
    required: ['email'],
    properties: {
      email: { type: 'string', description: 'Where the contact is reached.' },
      custom: { type: 'object', 'x-in': 'body' },
    },
  },
  lastTest: { passed: false, status: 401, at: '2026-01-01T10:00:00.000Z', latencyMs: 120 },
});

async function openActions(fake = fakeConsole({ actions: [action(), createContact] })) {
  render(<ConnectorSettingsPage services={services(fake).services} id="ctr_sendgrid" tab="actions" />);
  await screen.findByTestId(fake.state.actions.length ? 'actions-table' : 'no-actions');
  return fake;
}

const row = (key: string) =>
  screen.getAllByTestId('action-row').find((item) => item.dataset.actionKey === key) as HTMLElement;

async function openTest(key: string) {
  fireEvent.click(within(row(key)).getByTestId('test-action'));
  const dialog = await screen.findByTestId('test-action-dialog');
  await within(dialog).findByTestId('action-connection');
  return within(dialog);
}

describe('The Actions tab', () => {
  it("lists the connector's actions with method, path, name and last result", async () => {
    await openActions();
    const contact = row('get-contact');
    expect(within(contact).getByRole('rowheader').textContent).toContain('Get contact');
    expect(contact.textContent).toContain('GET');
    expect(contact.textContent).toContain('/v3/contacts/{id}');
    expect(within(contact).getByTestId('action-last-test').textContent).toBe('Not tested yet');
    expect(within(row('create-contact')).getByTestId('action-last-test').textContent).toContain(
      'Failed · 401 · 120 ms',
    );
  });

  it('explains that actions are defined through the API when there are none', async () => {
    await openActions(fakeConsole({ actions: [] }));
    expect(screen.getByTestId('no-actions').textContent).toContain('Actions are defined through the API');
    expect(screen.getByTestId('no-actions').textContent).toContain('docs/actions.md');
  });

  it('shows a load error with a retry', async () => {
    const fake = fakeConsole({ actions: [action()] });
    fake.fail['connectors.actions'] = apiError('internal_error', 'The database is unavailable');
    render(<ConnectorSettingsPage services={services(fake).services} id="ctr_sendgrid" tab="actions" />);
    expect(await screen.findByText('The database is unavailable', { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('actions-table')).toBeTruthy();
  });

  it('generates the form from the input schema: required marks, hints with x-in, enums and booleans', async () => {
    await openActions();
    const dialog = await openTest('get-contact');
    expect(dialog.getByRole('heading', { name: 'Test Get contact' })).toBeTruthy();
    const id = dialog.getByLabelText('id (required)') as HTMLInputElement;
    expect(id.getAttribute('aria-required')).toBe('true');
    expect(id.dataset.in).toBe('path');
    expect(dialog.getByText('In the path. The contact ID.')).toBeTruthy();
    expect(dialog.getByLabelText('limit').getAttribute('inputmode')).toBe('numeric');
    const format = dialog.getByLabelText('format') as HTMLSelectElement;
    expect([...format.options].map((option) => option.textContent)).toEqual(['Not sent', 'json', 'xml']);
    expect(dialog.getByText('In the header.')).toBeTruthy();
    const verbose = dialog.getByLabelText('verbose') as HTMLSelectElement;
    expect([...verbose.options].map((option) => option.textContent)).toEqual(['Not sent', 'true', 'false']);
  });

  it('refuses to run with a missing required field or a bad number, and says why beside the field', async () => {
    const fake = await openActions();
    const dialog = await openTest('get-contact');
    fireEvent.input(dialog.getByLabelText('limit'), { target: { value: 'ten' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));
    expect(dialog.getByTestId('error-input.id').textContent).toBe('Required');
    expect(dialog.getByTestId('error-input.limit').textContent).toBe('Enter a number');
    expect(dialog.getByLabelText('id (required)').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(dialog.getByLabelText('id (required)'));
    expect(fake.named('connectors.testAction')).toEqual([]);
  });

  it('edits objects as JSON and shows a parse error inline', async () => {
    const fake = await openActions();
    const dialog = await openTest('create-contact');
    fireEvent.input(dialog.getByLabelText('email (required)'), { target: { value: 'grace@example.com' } });
    fireEvent.input(dialog.getByLabelText('custom'), { target: { value: '{"plan": ' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));
    expect(dialog.getByTestId('error-input.custom').textContent).toMatch(/^Not valid JSON/);
    fireEvent.input(dialog.getByLabelText('custom'), { target: { value: '{"plan": "pro"}' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(fake.named('connectors.testAction')).toEqual([
        [
          'ctr_sendgrid',
          'create-contact',
          { connectionId: 'cxn_1', input: { email: 'grace@example.com', custom: { plan: 'pro' } } },
        ],
      ]),
    );
  });

  it('runs a test with the chosen connection, shows the request and the response, and updates the last result', async () => {
    const fake = fakeConsole({
      actions: [action()],
      connections: [
        adminConnection({ id: 'cxn_old', label: 'Old', status: 'revoked' }),
        adminConnection({ id: 'cxn_2', label: 'Staging', tenantId: 'tenant-b' }),
      ],
    });
    await openActions(fake);
    const dialog = await openTest('get-contact');
    expect(fake.named('connections.list')[0]?.[0]).toMatchObject({ connector: 'ctr_sendgrid' });
    const picker = dialog.getByLabelText('Connection') as HTMLSelectElement;
    expect(picker.value).toBe('cxn_2');
    expect([...picker.options].map((option) => option.textContent)).toEqual([
      'Old · tenant-a (revoked)',
      'Staging · tenant-b',
    ]);
    fireEvent.input(dialog.getByLabelText('id (required)'), { target: { value: 'c_42' } });
    fireEvent.input(dialog.getByLabelText('limit'), { target: { value: '5' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));

    const result = await dialog.findByTestId('action-result');
    expect(fake.named('connectors.testAction')).toEqual([
      ['ctr_sendgrid', 'get-contact', { connectionId: 'cxn_2', input: { id: 'c_42', limit: 5 } }],
    ]);
    expect(within(result).getByTestId('action-result-outcome').textContent).toBe('Passed');
    expect(within(result).getByTestId('action-result-status').textContent).toBe('200');
    expect(within(result).getByTestId('action-request').textContent).toBe(
      'GET https://api.sendgrid.com/v3/contacts/c_42',
    );
    expect(within(result).getByTestId('action-request-headers').textContent).toContain('Bearer ••••••••3f9a');
    expect(within(result).getByTestId('action-response-headers').textContent).toContain('application/json');
    expect(within(result).getByTestId('action-response-body').textContent).toBe(
      JSON.stringify({ id: 'c_42', email: 'grace@example.com' }, null, 2),
    );
    expect(within(row('get-contact')).getByTestId('action-last-test').textContent).toContain('Passed · 200 · 84 ms');
  });

  it('shows a failing answer as failed, with its body as text', async () => {
    const fake = await openActions();
    fake.state.run = actionRun({
      passed: false,
      status: 404,
      result: { ...actionRun().result, status: 404, body: 'Not Found', headers: {} },
    });
    const dialog = await openTest('get-contact');
    fireEvent.input(dialog.getByLabelText('id (required)'), { target: { value: 'nobody' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));
    expect((await dialog.findByTestId('action-result-outcome')).textContent).toBe('Failed');
    expect(dialog.getByTestId('action-response-body').textContent).toBe('Not Found');
    expect(within(row('get-contact')).getByTestId('action-last-test').textContent).toContain('Failed · 404');
  });

  it("puts the server's validation issues on their fields", async () => {
    const fake = await openActions();
    fake.fail['connectors.testAction'] = apiError('validation_failed', 'Invalid input', [
      { path: 'input.id', message: 'Must match ^c_' },
    ]);
    const dialog = await openTest('get-contact');
    fireEvent.input(dialog.getByLabelText('id (required)'), { target: { value: 'x' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));
    expect((await dialog.findByTestId('error-input.id')).textContent).toBe('Must match ^c_');
    expect(dialog.getByTestId('action-error').textContent).toContain('Check the marked fields');
  });

  it('says clearly when the egress policy blocks the request or the API times out', async () => {
    const fake = await openActions();
    fake.fail['connectors.testAction'] = apiError('egress_blocked', '10.0.0.5 is a private address');
    const dialog = await openTest('get-contact');
    fireEvent.input(dialog.getByLabelText('id (required)'), { target: { value: 'c_1' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));
    expect((await dialog.findByTestId('action-error')).textContent).toBe(
      'Blocked by the egress policy: Plugboard does not send requests to this address. 10.0.0.5 is a private address',
    );
    fake.fail['connectors.testAction'] = apiError('upstream_timeout', 'Timed out');
    fireEvent.click(dialog.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(dialog.getByTestId('action-error').textContent).toContain('did not answer in time'));
    expect(dialog.queryByTestId('action-result')).toBeNull();
  });

  it('says to connect the connector from its card first when it has no connection', async () => {
    await openActions(fakeConsole({ actions: [action()], connections: [] }));
    fireEvent.click(within(row('get-contact')).getByTestId('test-action'));
    const dialog = within(await screen.findByTestId('test-action-dialog'));
    expect((await dialog.findByTestId('no-connections')).textContent).toContain('Connect it from its card first');
    expect((dialog.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('closes on Escape and gives focus back to the Test button', async () => {
    await openActions();
    const trigger = within(row('get-contact')).getByTestId('test-action');
    trigger.focus();
    await openTest('get-contact');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('closes on Escape even when focus has left the dialog', async () => {
    await openActions();
    await openTest('get-contact');
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
