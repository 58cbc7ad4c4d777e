// Rendered as a Preact app renders the components (see components.ts): with @preact/signals' integration.
import '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMessages } from '../messages.js';
import { createConnectStore } from '../state/connect-store.js';
import { card, eventLog, fakeClient, validationError } from '../test/fixtures.js';
import { ConnectView } from './connect-view.js';

afterEach(cleanup);

async function renderView(cards = [card()], client = fakeClient(cards)) {
  const log = eventLog();
  const store = createConnectStore(client, log.emit);
  render(<ConnectView store={store} messages={defaultMessages} />);
  await store.load();
  return { store, client, ...log };
}

describe('<ConnectView>', () => {
  it('shows a loading state until the cards arrive', () => {
    const store = createConnectStore(fakeClient([]), eventLog().emit);
    render(<ConnectView store={store} messages={defaultMessages} />);
    expect(screen.getByText(defaultMessages.loading).getAttribute('aria-busy')).toBe('true');
  });

  it('shows an empty state when the session may use no connector', async () => {
    await renderView([]);
    expect(await screen.findByText(defaultMessages.empty)).toBeTruthy();
  });

  it('shows a failure with a retry button that loads again', async () => {
    const client = fakeClient([card()]);
    client.failList = { code: 'network_error', message: 'offline' };
    await renderView([card()], client);
    expect(screen.getByRole('alert').textContent).toContain('could not be reached');
    client.failList = undefined;
    fireEvent.click(screen.getByRole('button', { name: defaultMessages.retry }));
    expect(await screen.findByRole('heading', { name: 'SendGrid' })).toBeTruthy();
  });

  it('draws a purple Connect before the first connection and + Add Connection after', async () => {
    await renderView([card(), card({ id: 'ctr_2', name: 'Stripe', slug: 'stripe', connectionCount: 2 })]);
    const [sendGrid, stripe] = screen.getAllByRole('listitem');
    expect(sendGrid?.querySelector('button')?.textContent).toBe('Connect');
    expect(sendGrid?.querySelector('button')?.className).toContain('primary');
    expect(stripe?.querySelector('button')?.textContent).toBe('+ Add Connection');
    expect(stripe?.textContent).toContain('2 connections');
  });

  it('names each card button after its connector, so nine Connect buttons are told apart', async () => {
    const broken = { id: 'cxn_1', label: 'Production' };
    await renderView([
      card(),
      card({ id: 'ctr_2', name: 'Stripe', slug: 'stripe', connectionCount: 1 }),
      card({ id: 'ctr_3', name: 'Slack', slug: 'slack', connectionCount: 2, needsReauth: [broken] }),
    ]);
    expect(screen.getAllByRole('button').map((button) => button.getAttribute('aria-label'))).toEqual([
      'Connect SendGrid',
      'Add Connection to Stripe',
      'Reconnect Slack',
      'Add Connection to Slack',
    ]);
  });

  it('offers Reconnect when a connection needs the end user to sign in again', async () => {
    await renderView([card({ connectionCount: 1, needsReauth: [{ id: 'cxn_1', label: 'SendGrid' }] })]);
    expect(screen.getByText('SendGrid needs you to sign in again.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect SendGrid' }));
    expect(screen.getByRole('dialog', { name: 'Reconnect SendGrid' })).toBeTruthy();
  });

  it('offers Reconnect and + Add Connection while other connections still work, and adds one', async () => {
    const broken = { id: 'cxn_broken', label: 'SendGrid' };
    const { client } = await renderView([card({ connectionCount: 2, needsReauth: [broken] })]);
    const item = screen.getByRole('listitem');
    expect([...item.querySelectorAll('button')].map((button) => button.textContent)).toEqual([
      'Reconnect',
      '+ Add Connection',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Add Connection to SendGrid' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect SendGrid' });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'SG.second' } });
    fireEvent.submit(dialog.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.created).toHaveLength(1);
    expect(item.textContent).toContain('3 connections');
    expect(item.textContent).toContain('SendGrid needs you to sign in again.');
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect SendGrid' }));
    expect(screen.getByRole('dialog', { name: 'Reconnect SendGrid' })).toBeTruthy();
  });

  it('offers only Reconnect when every connection of the connector needs signing in again', async () => {
    await renderView([card({ connectionCount: 1, needsReauth: [{ id: 'cxn_1', label: 'SendGrid' }] })]);
    const buttons = [...screen.getByRole('listitem').querySelectorAll('button')];
    expect(buttons.map((button) => button.textContent)).toEqual(['Reconnect']);
  });

  it('marks personal connectors and names who created the others', async () => {
    await renderView([card({ personal: true }), card({ id: 'ctr_2', name: 'Stripe', slug: 'stripe' })]);
    const [mine, theirs] = screen.getAllByRole('listitem');
    expect(mine?.textContent).toContain('PERSONAL');
    expect(mine?.textContent).toContain('Created by: You');
    expect(theirs?.textContent).not.toContain('PERSONAL');
    expect(theirs?.textContent).toContain('Created by: Sam Builder');
  });

  it('falls back to a letter when the icon does not load', async () => {
    await renderView([card({ iconUrl: 'https://sendgrid.com/missing.png' })]);
    const image = screen.getByRole('listitem').querySelector('img');
    expect(image).toBeTruthy();
    fireEvent.error(image as HTMLImageElement);
    await waitFor(() => expect(screen.getByRole('listitem').querySelector('.monogram')?.textContent).toBe('S'));
  });

  it('connects with an API key, closes the form and updates the card', async () => {
    const { client, events } = await renderView();
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect SendGrid' });
    expect(dialog.textContent).toContain('Sent as the X-API-Key header');
    const input = screen.getByLabelText('API key') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.input(input, { target: { value: 'SG.typed-secret' } });
    fireEvent.submit(dialog.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.created[0]?.credentials).toEqual({ apiKey: 'SG.typed-secret' });
    expect(screen.getByRole('button', { name: 'Add Connection to SendGrid' })).toBeTruthy();
    expect(events.map((event) => event.type)).toContain('plugboard:connected');
  });

  it('asks for a username and a password for basic auth', async () => {
    await renderView([card({ authMethods: [{ id: 'am_b', kind: 'basic', label: 'Password', isDefault: true }] })]);
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    expect((screen.getByLabelText('Username') as HTMLInputElement).type).toBe('text');
    expect((screen.getByLabelText('Password') as HTMLInputElement).type).toBe('password');
  });

  it('asks for nothing but a confirmation for a connector without auth', async () => {
    const { client } = await renderView([
      card({ authMethods: [{ id: 'am_n', kind: 'none', label: 'None', isDefault: true }] }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.querySelectorAll('input')).toHaveLength(1); // only the optional label
    fireEvent.submit(dialog.querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(client.created).toHaveLength(1));
    expect(client.created[0]?.credentials).toEqual({});
  });

  it('offers a choice when a connector has several methods, the default first chosen', async () => {
    await renderView([
      card({
        authMethods: [
          { id: 'am_b', kind: 'basic', label: 'Username and token', isDefault: false },
          { id: 'am_t', kind: 'bearer', label: 'Personal access token', isDefault: true },
        ],
      }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    const select = screen.getByLabelText('How to sign in') as HTMLSelectElement;
    expect(select.value).toBe('am_t');
    expect(screen.getByLabelText('Token')).toBeTruthy();
    fireEvent.change(select, { target: { value: 'am_b' } });
    expect(await screen.findByLabelText('Username')).toBeTruthy();
  });

  it('keeps what is typed right after switching methods, before the browser paints', async () => {
    const { client } = await renderView([
      card({
        authMethods: [
          { id: 'am_b', kind: 'basic', label: 'Username and token', isDefault: false },
          { id: 'am_k', kind: 'apiKey', label: 'API key', isDefault: true, in: 'header', name: 'X-Key' },
        ],
      }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    // Plain DOM events, not testing-library's act(): a fast typist or a password manager fills the new field
    // after Preact renders it and before its effects run.
    const select = screen.getByLabelText('How to sign in') as HTMLSelectElement;
    select.value = 'am_b';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const username = (await screen.findByLabelText('Username')) as HTMLInputElement;
    username.value = 'ada';
    username.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('ada');
    fireEvent.submit(screen.getByRole('dialog').querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(client.created[0]?.credentials).toEqual({ username: 'ada', password: '' }));
  });

  it('shows a server error on the field it belongs to and moves focus there', async () => {
    const { client } = await renderView();
    client.failNext = validationError('credentials.apiKey', 'Enter an API key');
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    within(screen.getByRole('dialog')).getByRole('button', { name: 'Connect' }).focus();
    fireEvent.submit(screen.getByRole('dialog').querySelector('form') as HTMLFormElement);
    const input = await screen.findByLabelText('API key');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    expect(describedBy).toContain('plugboard-field-apiKey-error');
    expect(screen.getByText('Enter an API key')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(input));
  });

  it('draws the fields a custom handler asks for and sends them', async () => {
    const fields = [
      { name: 'account', label: 'Account', secret: false, placeholder: 'your-company' },
      { name: 'password', label: 'Password', secret: true },
    ];
    const { client } = await renderView([
      card({ authMethods: [{ id: 'am_c', kind: 'custom', label: 'Acme', isDefault: true, fields }] }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    const account = screen.getByLabelText('Account') as HTMLInputElement;
    expect(account.placeholder).toBe('your-company');
    expect((screen.getByLabelText('Password') as HTMLInputElement).type).toBe('password');
    fireEvent.input(account, { target: { value: 'acme' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.submit(screen.getByRole('dialog').querySelector('form') as HTMLFormElement);
    await waitFor(() => expect(client.created[0]?.credentials).toEqual({ account: 'acme', password: 'pw' }));
  });

  it('explains that OAuth 2.0 signs in in a new window and asks for no field', async () => {
    await renderView([card({ authMethods: [{ id: 'am_o', kind: 'oauth2', label: 'OAuth 2.0', isDefault: true }] })]);
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('You will sign in to SendGrid in a new window.');
    expect(dialog.querySelectorAll('input')).toHaveLength(1);
    const submit = within(dialog).getByRole('button', { name: 'Connect' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(false);
  });

  it('moves focus into the dialog and back to the card button when it closes', async () => {
    await renderView();
    const button = screen.getByRole('button', { name: 'Connect SendGrid' });
    fireEvent.click(button);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('API key')));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('words failures with the vendor messages, not the raw error', async () => {
    const client = fakeClient([card()]);
    client.failList = { code: 'timeout', message: 'GET /v1/session/connectors timed out after 10000 ms' };
    const store = createConnectStore(client, eventLog().emit);
    render(<ConnectView store={store} messages={{ ...defaultMessages, unreachable: 'Keine Verbindung.' }} />);
    await store.load();
    expect((await screen.findByRole('alert')).textContent).toContain('Keine Verbindung.');
    expect(screen.getByRole('alert').textContent).not.toContain('/v1/');
  });

  it('closes on Escape and on Cancel, emitting cancelled', async () => {
    const { events } = await renderView();
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(events.filter((event) => event.type === 'plugboard:cancelled')).toHaveLength(2);
  });

  it("asks for the connector's variables, checks them before sending and sends them with the credentials", async () => {
    const shop = {
      name: 'shop',
      label: 'Shop',
      example: 'acme-store',
      pattern: '[a-z0-9-]+',
      description: 'Before .myshopify.com',
    };
    const { client } = await renderView([card({ variables: [shop] })]);
    fireEvent.click(screen.getByRole('button', { name: 'Connect SendGrid' }));
    const field = screen.getByRole('textbox', { name: 'Shop' }) as HTMLInputElement;
    expect(field.placeholder).toBe('acme-store');
    expect(field.getAttribute('aria-required')).toBe('true');
    expect(screen.getByText('Before .myshopify.com').id).toBe(field.getAttribute('aria-describedby'));
    fireEvent.input(field, { target: { value: 'evil.com/' } });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'sk-1' } });
    fireEvent.submit(field.form as HTMLFormElement);
    const error = await screen.findByText('Shop does not look right: enter something like acme-store.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    expect(client.created).toEqual([]);
    fireEvent.input(field, { target: { value: 'acme' } });
    fireEvent.submit(field.form as HTMLFormElement);
    await waitFor(() => expect(client.created).toHaveLength(1));
    expect(client.created[0]).toMatchObject({ credentials: { apiKey: 'sk-1' }, variables: { shop: 'acme' } });
  });
});
