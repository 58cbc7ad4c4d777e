import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { currentPath } from '../state/router.js';
import { apiError, cardOf, connector, fakeConsole, services } from '../test/fixtures.js';
import { ConnectorsPage } from './connectors-page.js';

afterEach(cleanup);

const mine = connector();
const shared = connector({
  id: 'ctr_weather',
  slug: 'weather',
  name: 'Weather API',
  visibility: 'public',
  editable: false,
  organizationId: 'org_other',
  createdBy: { id: 'mem_bob', name: 'Bob Other', externalId: null },
});
const publicMine = connector({ id: 'ctr_stripe', slug: 'stripe', name: 'Stripe', visibility: 'public' });

async function renderPage(
  fake = fakeConsole({ connectors: [mine, publicMine, shared] }),
  cards?: Parameters<typeof services>[1],
) {
  const setup = services(fake, cards);
  render(<ConnectorsPage services={setup.services} />);
  const host = await screen.findByTestId('connector-cards');
  const shadow = within(host.shadowRoot as unknown as HTMLElement);
  return { ...setup, host, shadow };
}

describe('<ConnectorsPage>', () => {
  it('shows a loading state, then the widget’s cards in a shadow root with the widget’s styles', async () => {
    const setup = services(fakeConsole({ connectors: [mine] }));
    render(<ConnectorsPage services={setup.services} />);
    expect(screen.getByTestId('loading').getAttribute('aria-busy')).toBe('true');
    const host = await screen.findByTestId('connector-cards');
    const root = host.shadowRoot as ShadowRoot;
    const styled = root.adoptedStyleSheets?.length > 0 || root.querySelector('style') !== null;
    expect(styled).toBe(true);
    expect(within(root as unknown as HTMLElement).getByRole('heading', { name: 'SendGrid' })).toBeTruthy();
    expect(setup.fake.named('testSession')).toEqual([[undefined]]);
    expect(setup.tokens).toEqual(['pb_cs_console']);
  });

  it('draws the widget’s card states: PERSONAL, Created by, purple Connect and + Add Connection', async () => {
    const { shadow } = await renderPage(fakeConsole({ connectors: [mine, publicMine, shared] }), [
      cardOf(mine),
      cardOf(publicMine, { connectionCount: 2 }),
      cardOf(shared),
    ]);
    const own = within(shadow.getByTestId('own-connectors'));
    const [sendGrid, stripe] = own.getAllByRole('listitem');
    expect(sendGrid?.textContent).toContain('PERSONAL');
    expect(sendGrid?.textContent).toContain('Created by: You');
    expect(sendGrid?.querySelector('button')?.textContent).toBe('Connect');
    expect(sendGrid?.querySelector('button')?.className).toContain('primary');
    expect(stripe?.querySelector('button')?.textContent).toBe('+ Add Connection');
    const others = within(shadow.getByTestId('public-connectors'));
    expect(others.getByRole('listitem').textContent).toContain('Created by: Bob Other');
    expect(others.queryByRole('link', { name: /Settings/ })).toBeNull();
  });

  it('links each own connector to its settings page', async () => {
    const { shadow } = await renderPage();
    const link = shadow.getByRole('link', { name: 'Settings of SendGrid' });
    expect(link.getAttribute('href')).toBe('/console/connectors/ctr_sendgrid');
    fireEvent.click(link);
    expect(currentPath.value).toBe('/connectors/ctr_sendgrid');
  });

  it('opens Build with AI from the button next to + Create', async () => {
    await renderPage();
    const build = screen.getByRole('button', { name: 'Build with AI' });
    expect(build.dataset.testid).toBe('build-with-ai');
    fireEvent.click(build);
    expect(currentPath.value).toBe('/connectors/build');
  });

  it('filters by search words and by visibility', async () => {
    const { shadow } = await renderPage();
    fireEvent.input(screen.getByLabelText('Search connectors'), { target: { value: 'weather' } });
    await waitFor(() => expect(shadow.queryByRole('heading', { name: 'SendGrid' })).toBeNull());
    expect(shadow.getByRole('heading', { name: 'Weather API' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Search connectors'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Visibility'), { target: { value: 'private' } });
    await waitFor(() => expect(shadow.queryByRole('heading', { name: 'Stripe' })).toBeNull());
    expect(shadow.getByRole('heading', { name: 'SendGrid' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Search connectors'), { target: { value: 'nothing like it' } });
    expect((await screen.findByTestId('empty')).textContent).toContain('No connector matches');
  });

  it('runs the widget’s connect form from a card and counts the new connection', async () => {
    const { shadow, created } = await renderPage();
    fireEvent.click(shadow.getAllByRole('button', { name: /^Connect / })[0] as HTMLElement);
    const dialog = shadow.getByRole('dialog', { name: 'Connect SendGrid' });
    fireEvent.input(within(dialog).getByLabelText('API key'), { target: { value: 'SG.secret' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ connector: 'ctr_sendgrid', credentials: { apiKey: 'SG.secret' } });
    await waitFor(() => expect(shadow.queryByRole('dialog')).toBeNull());
    expect(shadow.getAllByRole('listitem')[0]?.textContent).toContain('1 connection');
  });

  it('shows an empty state when there is no connector yet', async () => {
    render(<ConnectorsPage services={services(fakeConsole({ connectors: [] })).services} />);
    expect((await screen.findByTestId('empty')).textContent).toContain('No connectors yet');
  });

  it('shows an error with a retry that loads again', async () => {
    const fake = fakeConsole({ connectors: [mine] });
    fake.fail.testSession = apiError('network_error', 'offline');
    render(<ConnectorsPage services={services(fake).services} />);
    expect((await screen.findByRole('alert')).textContent).toContain('could not be reached');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('connector-cards')).toBeTruthy();
  });

  it('creates a connector through the dialog, then shows it with a fresh test session', async () => {
    const { fake, tokens } = await renderPage(fakeConsole({ connectors: [mine] }));
    const create = screen.getByRole('button', { name: '+ Create' });
    create.focus();
    fireEvent.click(create);
    const dialog = within(screen.getByRole('dialog', { name: 'Create connector' }));
    fireEvent.input(dialog.getByLabelText('Name'), { target: { value: 'Acme CRM' } });
    fireEvent.click(dialog.getByRole('button', { name: '+ Add auth method' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Create connector' }));
    await waitFor(() => expect(fake.named('connectors.create')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(create);
    await waitFor(() => expect(tokens).toHaveLength(2));
  });

  it('closes the create dialog on Escape without sending anything', async () => {
    const { fake } = await renderPage();
    fireEvent.click(screen.getByRole('button', { name: '+ Create' }));
    const dialog = screen.getByRole('dialog', { name: 'Create connector' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Name'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.named('connectors.create')).toEqual([]);
  });
});
