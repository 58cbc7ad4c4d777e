import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { account, apiError, fakeConsole, services } from '../test/fixtures.js';
import { McpPage } from './mcp-page.js';

afterEach(cleanup);

const testTenant = `console-test-${account.member.id}`;
const tools = {
  [testTenant]: [
    { name: 'acme-crm_list-contacts', description: 'Acme CRM: Lists contacts', connector: 'acme-crm', readOnly: true },
    { name: 'acme-crm_create-contact', description: 'Acme CRM: Creates one', connector: 'acme-crm', readOnly: false },
  ],
  globex: [{ name: 'stripe_list-invoices', description: 'Stripe: Invoices', connector: 'stripe', readOnly: true }],
};

function renderPage(fake = fakeConsole({ mcpTools: tools })) {
  render(<McpPage services={services(fake).services} account={account} />);
  return fake;
}

describe('<McpPage>', () => {
  it("shows the tools of the member's test tenant, then of any tenant asked for", async () => {
    const fake = renderPage();
    const rows = await screen.findAllByTestId('mcp-tool');
    expect(rows.map((row) => row.textContent)).toEqual([
      'acme-crm_list-contactsacme-crmAcme CRM: Lists contactsRead-only',
      'acme-crm_create-contactacme-crmAcme CRM: Creates oneChanges data',
    ]);
    fireEvent.input(screen.getByLabelText('Tenant'), { target: { value: 'globex' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show tools' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('mcp-tool').map((row) => row.textContent?.slice(0, 20))).toEqual([
        'stripe_list-invoices',
      ]),
    );
    expect(fake.named('mcpTokens.preview')).toEqual([[testTenant], ['globex']]);
  });

  it('says a tenant without connections gets no connector tools', async () => {
    renderPage(fakeConsole({ mcpTools: {} }));
    expect((await screen.findAllByTestId('empty'))[0]?.textContent).toContain('has no active connections');
  });

  it('mints a token for the test tenant and shows a copyable client configuration once', async () => {
    const fake = renderPage();
    expect((await screen.findAllByTestId('empty')).at(-1)?.textContent).toContain('No MCP tokens yet');
    fireEvent.click(screen.getByRole('button', { name: 'Mint a token for your test tenant' }));
    const config = (await screen.findByTestId('mcp-config')) as HTMLTextAreaElement;
    expect(fake.named('mcpTokens.create')).toEqual([
      [{ tenantId: testTenant, endUserId: account.member.id, endUserName: account.member.name }],
    ]);
    expect(JSON.parse(config.value)).toEqual({
      mcpServers: {
        plugboard: {
          type: 'http',
          url: 'https://plugboard.test/v1/mcp',
          headers: { Authorization: 'Bearer pb_mt_mcp_1' },
        },
      },
    });
    const listed = await screen.findByTestId('mcp-token');
    expect(listed.textContent).toContain(testTenant);
    expect(listed.textContent).not.toContain('pb_mt_');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('mcp-config')).toBeNull();
    expect(document.body.textContent).not.toContain('pb_mt_mcp_1');
  });

  it('revokes a token after a confirmation', async () => {
    const fake = renderPage(
      fakeConsole({
        mcpTools: tools,
        mcpTokens: [
          {
            id: 'mcp_9',
            prefix: 'pb_mt_mcp9',
            tenantId: 'globex',
            endUserId: 'u',
            endUserName: null,
            connectors: ['stripe'],
            tools: null,
            expiresAt: '2026-02-01T00:00:00.000Z',
            createdAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke mcp_9' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(fake.named('mcpTokens.revoke')).toEqual([['mcp_9']]));
    await waitFor(() => expect(screen.queryByTestId('mcp-token')).toBeNull());
  });

  it('shows why a token could not be minted', async () => {
    const fake = fakeConsole({ mcpTools: tools });
    fake.fail['mcpTokens.create'] = apiError('forbidden', 'Only a secret key may do this');
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Mint a token for your test tenant' }));
    expect((await screen.findByText(/could not be minted/)).textContent).toContain('Only a secret key may do this');
    expect(screen.queryByTestId('mcp-config')).toBeNull();
  });
});
