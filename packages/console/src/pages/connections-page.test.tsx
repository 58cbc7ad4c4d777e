import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { adminConnection, apiError, cardOf, connector, fakeConsole, services } from '../test/fixtures.js';
import { ConnectionsPage } from './connections-page.js';

afterEach(cleanup);

const rows = [
  adminConnection(),
  adminConnection({
    id: 'cxn_2',
    tenantId: 'tenant-b',
    label: 'Staging',
    status: 'needs_reauth',
    maskedCredentials: { token: '••••••••a1b2' },
    variables: { shop: 'acme-staging' },
  }),
];

async function renderPage(fake = fakeConsole({ connections: rows })) {
  const setup = services(fake);
  render(<ConnectionsPage services={setup.services} />);
  await screen.findByTestId('connections-table');
  return setup;
}

describe('<ConnectionsPage>', () => {
  it('lists every connection with its masked credentials only', async () => {
    await renderPage();
    const [first, second] = screen.getAllByTestId('connection-row');
    expect(within(first as HTMLElement).getByRole('rowheader').textContent).toBe('SendGrid');
    expect(first?.textContent).toContain('tenant-a');
    expect(first?.textContent).toContain('Production');
    expect(first?.textContent).toContain('Active');
    expect(within(first as HTMLElement).getByTestId('masked-credentials').textContent).toBe('apiKey: ••••••••3f9a');
    expect(within(second as HTMLElement).getByTestId('masked-credentials').textContent).toBe('token: ••••••••a1b2');
    expect(second?.textContent).toContain('Needs reauth');
    expect(within(second as HTMLElement).getByTestId('connection-variables').textContent).toBe('shop: acme-staging');
    expect(within(first as HTMLElement).queryByTestId('connection-variables')).toBeNull();
    expect(within(second as HTMLElement).getByRole('button', { name: 'Reconnect Staging' })).toBeTruthy();
    expect(within(first as HTMLElement).queryByRole('button', { name: /Reconnect/ })).toBeNull();
  });

  it('filters by connector, tenant and status through the API', async () => {
    const { fake } = await renderPage();
    await screen.findByRole('option', { name: 'tenant-b' });
    fireEvent.change(screen.getByLabelText('Tenant'), { target: { value: 'tenant-b' } });
    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'active' } });
    expect((await screen.findByTestId('empty')).textContent).toBe('No connection matches these filters.');
    fireEvent.change(screen.getByLabelText('Connector'), { target: { value: 'ctr_sendgrid' } });
    await waitFor(() =>
      expect(fake.named('connections.list').at(-1)).toEqual([
        { limit: 50, connector: 'ctr_sendgrid', tenantId: 'tenant-b', status: 'active' },
      ]),
    );
  });

  it('tests a connection and shows what the check found', async () => {
    const { fake } = await renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Test Production' }));
    expect((await screen.findByTestId('test-result')).textContent).toBe('Not checked: SendGrid defines no check yet');
    expect(fake.named('connections.test')).toEqual([['cxn_1']]);
  });

  it('deletes a connection after a confirmation', async () => {
    const { fake } = await renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Staging' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete connection' });
    expect(dialog.textContent).toContain('“Staging” of SendGrid for tenant tenant-b');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete connection' }));
    await waitFor(() => expect(screen.getAllByTestId('connection-row')).toHaveLength(1));
    expect(fake.named('connections.delete')).toEqual([['cxn_2']]);
  });

  it('reconnects with a test session for the connection’s tenant and the widget’s dialog', async () => {
    const fake = fakeConsole({ connections: rows });
    const card = cardOf(connector(), { connectionCount: 1, needsReauth: [{ id: 'cxn_2', label: 'Staging' }] });
    const setup = services(fake, [card]);
    render(<ConnectionsPage services={setup.services} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reconnect Staging' }));
    const host = await screen.findByTestId('reconnect-host');
    const shadow = within(host.shadowRoot as unknown as HTMLElement);
    const dialog = await shadow.findByRole('dialog', { name: 'Reconnect SendGrid' });
    expect(fake.named('testSession')).toEqual([[{ tenantId: 'tenant-b' }]]);
    fireEvent.input(within(dialog).getByLabelText('API key'), { target: { value: 'SG.new' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.queryByTestId('reconnect-host')).toBeNull());
    expect(setup.created).toHaveLength(1);
  });

  it('shows an empty state before any connection exists', async () => {
    render(<ConnectionsPage services={services(fakeConsole({ connections: [] })).services} />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect((await screen.findByTestId('empty')).textContent).toContain('No connections yet');
  });

  it('shows a load error with a retry', async () => {
    const fake = fakeConsole({ connections: rows });
    fake.fail['connections.list'] = apiError('internal_error', 'Storage is down');
    render(<ConnectionsPage services={services(fake).services} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Storage is down');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('connections-table')).toBeTruthy();
  });
});
