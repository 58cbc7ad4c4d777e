import type { CallLog } from '@plugboard/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, fakeConsole, services } from '../test/fixtures.js';
import { LogsPage } from './logs-page.js';

afterEach(cleanup);

const call = (overrides: Partial<CallLog> = {}): CallLog => ({
  ...{ id: 'log_2', kind: 'proxy', tenantId: 'acme', connectionId: 'cxn_1', connectorId: 'ctr_1' },
  ...{ connector: 'hubspot', operation: null, method: 'GET', host: 'api.hubapi.com', path: '/crm/v3/objects' },
  ...{ status: 503, durationMs: 41, errorCode: null, requestId: 'req-1', createdAt: '2026-01-02T03:04:05.000Z' },
  ...overrides,
});

describe('<LogsPage>', () => {
  it('lists calls with where they went and how they ended, and opens one call’s details', async () => {
    const logs = [call(), call({ id: 'log_1', kind: 'action', operation: 'list-contacts', status: 200 })];
    render(<LogsPage services={services(fakeConsole({ logs })).services} />);
    const rows = await screen.findAllByTestId('call-log-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByTestId('call-log-kind').textContent).toBe('Proxy');
    expect(first.getByTestId('call-log-target').textContent).toBe('GET api.hubapi.com/crm/v3/objects');
    expect(first.getByTestId('call-log-outcome').textContent).toBe('503');
    fireEvent.click(first.getByTestId('call-log-details'));
    const detail = within(screen.getByTestId('call-log-detail'));
    expect(detail.getByTestId('detail-request-id').textContent).toBe('req-1');
    expect(detail.getByTestId('detail-status').textContent).toBe('503');
  });

  it('asks the API again with each filter, and says when nothing matches', async () => {
    const fake = fakeConsole({ logs: [] });
    render(<LogsPage services={services(fake).services} />);
    await screen.findByTestId('logs-empty');
    fireEvent.change(screen.getByTestId('filter-log-tenant'), { target: { value: ' acme ' } });
    fireEvent.change(screen.getByTestId('filter-log-status'), { target: { value: '5xx' } });
    fireEvent.change(screen.getByTestId('filter-log-kind'), { target: { value: 'refresh' } });
    expect((await screen.findByTestId('logs-empty')).textContent).toBe('No call matches these filters.');
    const last = fake.named('logs.list').at(-1)?.[0] as Record<string, unknown>;
    expect(last).toMatchObject({ tenantId: 'acme', status: '5xx', kind: 'refresh', limit: 50 });
    expect(typeof last.since).toBe('string');
  });

  it('shows a failure with Try again, which loads the calls', async () => {
    const fake = fakeConsole({ logs: [call()] });
    fake.fail['logs.list'] = apiError('internal_error', 'Something went wrong');
    render(<LogsPage services={services(fake).services} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('call-log-row')).toHaveLength(1);
  });
});
