import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, fakeConsole, oauthApp, services } from '../test/fixtures.js';
import { OAuthAppsPage } from './oauth-apps-page.js';

afterEach(cleanup);

const used = oauthApp({ usedBy: [{ id: 'ctr_crm', name: 'Acme CRM' }] });

function renderPage(fake = fakeConsole({ apps: [used] })) {
  render(<OAuthAppsPage services={services(fake).services} />);
  return fake;
}

const dialog = () => within(screen.getByRole('dialog'));

describe('<OAuthAppsPage>', () => {
  it('lists the apps with the connectors that use each, never a secret', async () => {
    renderPage();
    const app = await screen.findByTestId('oauth-app');
    expect(within(app).getByRole('heading', { name: 'hubspot' })).toBeTruthy();
    expect(app.textContent).toContain('hub-client');
    expect(app.textContent).toContain('Stored, never shown');
    expect(within(app).getByRole('link', { name: 'Acme CRM' }).getAttribute('href')).toBe(
      '/console/connectors/ctr_crm',
    );
  });

  it('adds an app after checking its fields', async () => {
    const fake = renderPage(fakeConsole({ apps: [] }));
    expect((await screen.findByTestId('empty')).textContent).toContain('No managed OAuth apps yet');
    fireEvent.click(screen.getByRole('button', { name: '+ Add OAuth app' }));
    fireEvent.click(dialog().getByRole('button', { name: 'Add OAuth app' }));
    expect(dialog().getByText('Enter the client secret')).toBeTruthy();
    expect(fake.named('oauthApps.create')).toEqual([]);
    fireEvent.input(dialog().getByLabelText('Provider'), { target: { value: 'slack' } });
    fireEvent.input(dialog().getByLabelText('Client ID'), { target: { value: 'slack-id' } });
    fireEvent.input(dialog().getByLabelText('Client secret'), { target: { value: 'slack-secret' } });
    fireEvent.input(dialog().getByLabelText('Default scopes'), { target: { value: 'chat:write, users:read' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Add OAuth app' }));
    await waitFor(() =>
      expect(fake.named('oauthApps.create')).toEqual([
        [
          {
            provider: 'slack',
            clientId: 'slack-id',
            clientSecret: 'slack-secret',
            defaultScopes: ['chat:write', 'users:read'],
          },
        ],
      ]),
    );
    expect(await screen.findByRole('heading', { name: 'slack' })).toBeTruthy();
  });

  it('edits an app without sending the secret when it is left empty', async () => {
    const fake = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit hubspot' }));
    expect((dialog().getByLabelText('Provider') as HTMLInputElement).disabled).toBe(true);
    expect((dialog().getByLabelText('Client secret') as HTMLInputElement).value).toBe('');
    fireEvent.input(dialog().getByLabelText('Default scopes'), { target: { value: 'crm.read crm.write' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(fake.named('oauthApps.update')).toEqual([
        ['oap_hubspot', { clientId: 'hub-client', defaultScopes: ['crm.read', 'crm.write'] }],
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('oauth-app').textContent).toContain('crm.read crm.write'));
  });

  it('removes an app after a confirmation that names the connectors using it', async () => {
    const fake = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Remove hubspot' }));
    expect(dialog().getByTestId('confirm-message').textContent).toContain('Acme CRM use this app');
    fireEvent.click(dialog().getByRole('button', { name: 'Remove app' }));
    await waitFor(() => expect(fake.named('oauthApps.delete')).toEqual([['oap_hubspot']]));
    expect(await screen.findByTestId('empty')).toBeTruthy();
  });

  it('keeps the app and shows why when the server refuses the removal', async () => {
    const fake = renderPage();
    fake.fail['oauthApps.delete'] = apiError('conflict', 'Acme CRM still uses this app');
    fireEvent.click(await screen.findByRole('button', { name: 'Remove hubspot' }));
    fireEvent.click(dialog().getByRole('button', { name: 'Remove app' }));
    expect((await dialog().findByRole('alert')).textContent).toBe('Acme CRM still uses this app');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('oauth-app')).toBeTruthy();
  });

  it('shows a load error with a retry', async () => {
    const fake = fakeConsole({ apps: [used] });
    fake.fail['oauthApps.list'] = apiError('network_error', 'offline');
    renderPage(fake);
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('could not be reached');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('oauth-app')).toBeTruthy();
  });
});
