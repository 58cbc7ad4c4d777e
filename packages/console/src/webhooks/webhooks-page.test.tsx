import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, delivery, endpoint, fakeConsole, services } from '../test/fixtures.js';
import { WebhooksPage } from './webhooks-page.js';

afterEach(cleanup);

function renderPage(fake = fakeConsole()) {
  render(<WebhooksPage services={services(fake).services} />);
  return fake;
}

const dialog = () => within(screen.getByRole('dialog'));

describe('<WebhooksPage>', () => {
  it('lists the endpoints with their event filter, never a secret', async () => {
    renderPage(
      fakeConsole({
        endpoints: [
          endpoint(),
          endpoint({ id: 'whe_2', url: 'https://b.example/hook', events: ['connection.created'] }),
        ],
      }),
    );
    const [all, some] = await screen.findAllByTestId('endpoint');
    expect(within(all as HTMLElement).getByRole('heading').textContent).toBe('https://hooks.acme.example/plugboard');
    expect(within(all as HTMLElement).getByTestId('endpoint-events-list').textContent).toBe('All events');
    expect(within(some as HTMLElement).getByTestId('endpoint-events-list').textContent).toBe('connection.created');
    expect(document.body.textContent).not.toContain('whsec_');
  });

  it('adds an endpoint and shows its signing secret once, with a warning', async () => {
    const fake = renderPage(fakeConsole({ endpoints: [] }));
    expect((await screen.findAllByTestId('empty'))[0]?.textContent).toContain('No webhook endpoints yet');
    fireEvent.click(screen.getByRole('button', { name: '+ Add endpoint' }));
    fireEvent.click(dialog().getByRole('button', { name: 'Add endpoint' }));
    expect(dialog().getByTestId('error-endpoint-url').textContent).toBe('Enter the URL deliveries are sent to');
    fireEvent.input(dialog().getByLabelText('URL'), { target: { value: 'ftp://nope' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Add endpoint' }));
    expect(dialog().getByTestId('error-endpoint-url').textContent).toBe('Must be an http(s) URL');
    expect(fake.named('webhookEndpoints.create')).toEqual([]);

    fireEvent.input(dialog().getByLabelText('URL'), { target: { value: 'https://hooks.example/in' } });
    fireEvent.input(dialog().getByLabelText('Description'), { target: { value: 'CRM sync' } });
    fireEvent.click(dialog().getByLabelText('connection.created'));
    fireEvent.click(dialog().getByLabelText('connection.deleted'));
    fireEvent.click(dialog().getByLabelText('connection.deleted'));
    fireEvent.input(dialog().getByLabelText('Other event types'), {
      target: { value: 'hubspot.contact.created, connection.created' },
    });
    fireEvent.click(dialog().getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() =>
      expect(fake.named('webhookEndpoints.create')).toEqual([
        [
          {
            url: 'https://hooks.example/in',
            description: 'CRM sync',
            events: ['connection.created', 'hubspot.contact.created'],
          },
        ],
      ]),
    );
    const secret = (await dialog().findByLabelText('Signing secret')) as HTMLInputElement;
    expect(secret.value).toBe('whsec_s3cr3t');
    expect(secret.readOnly).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(secret));
    expect(dialog().getByRole('alert').textContent).toContain('shown only once');
    fireEvent.click(dialog().getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'https://hooks.example/in' })).toBeTruthy();
    expect(document.body.textContent).not.toContain('whsec_s3cr3t');
  });

  it('puts a URL the server refuses on its field', async () => {
    const fake = renderPage();
    fake.fail['webhookEndpoints.create'] = apiError('validation_failed', 'Invalid', [
      { path: 'url', message: 'Resolves to a private address' },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: '+ Add endpoint' }));
    fireEvent.input(dialog().getByLabelText('URL'), { target: { value: 'https://10.0.0.1/hook' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Add endpoint' }));
    expect((await dialog().findByTestId('error-endpoint-url')).textContent).toBe('Resolves to a private address');
    fake.fail['webhookEndpoints.create'] = apiError('egress_blocked', '10.0.0.1 is a private address');
    fireEvent.click(dialog().getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() =>
      expect(dialog().getByTestId('error-endpoint-url').textContent).toBe('10.0.0.1 is a private address'),
    );
  });

  it('deletes an endpoint only once confirmed', async () => {
    const fake = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete https://hooks.acme.example/plugboard' }));
    expect(dialog().getByTestId('confirm-message').textContent).toContain('It stops receiving events');
    fireEvent.click(dialog().getByRole('button', { name: 'Cancel' }));
    expect(fake.named('webhookEndpoints.delete')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete https://hooks.acme.example/plugboard' }));
    fireEvent.click(dialog().getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(fake.named('webhookEndpoints.delete')).toEqual([['whe_1']]));
    expect(screen.queryByTestId('endpoint')).toBeNull();
    // Its deliveries go with it: the log is read again.
    await waitFor(() => expect(fake.named('deliveries.list')).toHaveLength(2));
  });

  it('shows the delivery log and resends a delivery', async () => {
    const fake = renderPage();
    const row = await screen.findByTestId('delivery-row');
    expect(row.textContent).toContain('connection.created');
    expect(within(row).getByTestId('delivery-status').textContent).toBe('Failed');
    expect(within(row).getByTestId('delivery-attempts').textContent).toBe('3');
    expect(within(row).getByTestId('delivery-last').textContent).toBe('500 · Internal Server Error');
    expect(row.textContent).toContain('Production');
    fireEvent.click(within(row).getByRole('button', { name: 'Resend connection.created (dlv_1)' }));
    await waitFor(() => expect(fake.named('deliveries.resend')).toEqual([['dlv_1']]));
    await waitFor(() => expect(screen.getAllByTestId('delivery-row')).toHaveLength(2));
    const [sent, original] = screen.getAllByTestId('delivery-row') as HTMLElement[];
    expect(sent?.dataset.deliveryId).toBe('dlv_1_again');
    expect(within(sent as HTMLElement).getByTestId('delivery-status').textContent).toBe('Pending');
    expect(within(original as HTMLElement).getByTestId('delivery-status').textContent).toBe('Failed');
    expect(screen.getByTestId('delivery-notice').textContent).toBe('connection.created is queued to be sent again.');
  });

  it('says when a resend fails', async () => {
    const fake = renderPage();
    fake.fail['deliveries.resend'] = apiError('not_found', 'No such delivery');
    fireEvent.click(within(await screen.findByTestId('delivery-row')).getByTestId('resend-delivery'));
    await waitFor(() => expect(screen.getByTestId('delivery-notice').textContent).toContain('No such delivery'));
  });

  it('filters the log by endpoint and status and pages on', async () => {
    const fake = renderPage(
      fakeConsole({
        pageSize: 2,
        endpoints: [endpoint(), endpoint({ id: 'whe_2', url: 'https://b.example/hook', description: '' })],
        deliveries: [
          delivery({ id: 'd1', status: 'delivered', lastStatus: 200, lastError: null }),
          delivery({ id: 'd2' }),
          delivery({
            id: 'd3',
            endpointId: 'whe_2',
            status: 'pending',
            attempts: 0,
            lastStatus: null,
            lastError: null,
          }),
        ],
      }),
    );
    await waitFor(() => expect(screen.getAllByTestId('delivery-row')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('delivery-row')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Endpoint'), { target: { value: 'whe_2' } });
    await waitFor(() =>
      expect(screen.getAllByTestId('delivery-row').map((row) => row.dataset.deliveryId)).toEqual(['d3']),
    );
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    expect((await screen.findAllByTestId('empty')).at(-1)?.textContent).toContain('No delivery matches these filters');
    expect(fake.named('deliveries.list').at(-1)).toEqual([{ limit: 50, endpointId: 'whe_2', status: 'failed' }]);
  });

  it('shows an empty log and load errors with a retry', async () => {
    const fake = fakeConsole({ deliveries: [] });
    fake.fail['webhookEndpoints.list'] = apiError('network_error', 'offline');
    renderPage(fake);
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('could not be reached');
    fake.fail['deliveries.list'] = apiError('internal_error', 'The log is unavailable');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The log is unavailable');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('empty')).textContent).toContain('No deliveries yet');
  });
});
