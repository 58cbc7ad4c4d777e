import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { currentPath } from '../state/router.js';
import { apiError, connector, fakeConsole, services } from '../test/fixtures.js';
import { ConnectorSettingsPage } from './connector-settings-page.js';

afterEach(cleanup);

const oauth = connector({
  connectionCount: 3,
  authMethods: [
    { id: 'am_key', kind: 'apiKey', isDefault: false, in: 'header', name: 'X-API-Key' },
    {
      id: 'am_oauth',
      kind: 'oauth2',
      isDefault: true,
      authorizationUrl: 'https://sendgrid.example/authorize',
      tokenUrl: 'https://sendgrid.example/token',
      scopes: ['mail.send'],
      scopeSeparator: ' ',
      pkce: true,
      tokenEndpointAuthMethod: 'client_secret_basic',
      authorizationParams: {},
      tokenParams: {},
      clientId: 'sg-client',
      hasClientSecret: true,
    },
  ],
});

async function renderPage(
  fake = fakeConsole({ connectors: [oauth, connector({ id: 'ctr_2', slug: 'stripe', name: 'Stripe' })] }),
) {
  render(<ConnectorSettingsPage services={services(fake).services} id="ctr_sendgrid" />);
  await screen.findByTestId('connector-form');
  return fake;
}

describe('<ConnectorSettingsPage>', () => {
  it('fills the form with the connector and saves a visibility change, keeping the stored client secret', async () => {
    const fake = await renderPage();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('SendGrid');
    expect((screen.getByTestId('visibility-private') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Stored. Leave empty to keep it.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('visibility-public'));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.named('connectors.update')).toHaveLength(1));
    const [id, body] = fake.named('connectors.update')[0] ?? [];
    expect(id).toBe('ctr_sendgrid');
    expect(body).toMatchObject({ visibility: 'public', slug: 'sendgrid', domain: 'sendgrid.com', iconUrl: null });
    const methods = (body as { authMethods: Record<string, unknown>[] }).authMethods;
    expect(methods[1]).toMatchObject({ kind: 'oauth2', isDefault: true, clientId: 'sg-client', pkce: true });
    expect(methods[1]).not.toHaveProperty('clientSecret');
    expect((await screen.findByTestId('save-status')).textContent).toBe('SendGrid was saved.');
  });

  it('refuses a slug another connector of the organization uses, before sending', async () => {
    const fake = await renderPage();
    fireEvent.input(screen.getByLabelText('Slug'), { target: { value: 'stripe' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByTestId('error-slug').textContent).toContain('already uses the slug "stripe"');
    expect(fake.named('connectors.update')).toEqual([]);
  });

  it('says how many connections a delete removes, and deletes only once confirmed', async () => {
    const fake = await renderPage();
    const trigger = screen.getByRole('button', { name: 'Delete connector' });
    trigger.focus();
    fireEvent.click(trigger);
    const dialog = screen.getByRole('dialog', { name: 'Delete SendGrid' });
    expect(within(dialog).getByTestId('confirm-message').textContent).toBe(
      'Delete SendGrid? This also removes its 3 connections across all tenants.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(trigger);
    expect(fake.named('connectors.delete')).toEqual([]);

    fireEvent.click(trigger);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete connector' }));
    await waitFor(() => expect(fake.named('connectors.delete')).toEqual([['ctr_sendgrid']]));
    expect(currentPath.value).toBe('/connectors');
  });

  it('shows a failed delete inside the confirmation', async () => {
    const fake = await renderPage();
    fake.fail['connectors.delete'] = apiError('internal_error', 'The database is unavailable');
    fireEvent.click(screen.getByRole('button', { name: 'Delete connector' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete connector' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toBe(
      'The database is unavailable',
    );
  });

  it('says when a connector belongs to another organization and offers no form', async () => {
    const fake = fakeConsole({ connectors: [connector({ editable: false, visibility: 'public' })] });
    render(<ConnectorSettingsPage services={services(fake).services} id="ctr_sendgrid" />);
    expect((await screen.findByTestId('not-editable')).textContent).toContain('another organization');
    expect(screen.queryByTestId('connector-form')).toBeNull();
  });

  it('keeps the settings as the first tab and switches to Actions with the arrow keys', async () => {
    await renderPage();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => [tab.textContent, tab.getAttribute('aria-selected'), tab.tabIndex])).toEqual([
      ['Settings', 'true', 0],
      ['Actions', 'false', -1],
    ]);
    expect(screen.getByRole('tabpanel', { name: 'Settings' }).contains(screen.getByTestId('connector-form'))).toBe(
      true,
    );
    tabs[0]?.focus();
    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    const actions = screen.getByRole('tab', { name: 'Actions' });
    expect(actions.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(actions);
    expect(location.pathname).toBe('/console/connectors/ctr_sendgrid/actions');
    expect(await screen.findByTestId('actions-table')).toBeTruthy();
    expect(screen.getByRole('tabpanel', { name: 'Actions' })).toBeTruthy();
    fireEvent.keyDown(actions, { key: 'Home' });
    expect(screen.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    expect(location.pathname).toBe('/console/connectors/ctr_sendgrid');
  });

  it('shows a load error with a retry', async () => {
    const fake = fakeConsole({ connectors: [oauth] });
    fake.fail['connectors.get'] = apiError('not_found', 'No connector ctr_sendgrid');
    render(<ConnectorSettingsPage services={services(fake).services} id="ctr_sendgrid" />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('No connector ctr_sendgrid');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('connector-form')).toBeTruthy();
  });
});
