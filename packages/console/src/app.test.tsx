import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './app.js';
import { navigate } from './state/router.js';
import { fakeConsole, services } from './test/fixtures.js';

afterEach(cleanup);
beforeEach(() => navigate('/connections', { replace: true }));

describe('<App>', () => {
  it('asks to sign in when no session is signed in, then opens the page the address names', async () => {
    const fake = fakeConsole({ signedIn: false, connections: [] });
    render(<App services={services(fake).services} />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'admin@acme.example' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connections' })).toBeTruthy();
    expect(screen.getByTestId('member-name').textContent).toBe('Ada Admin');
  });

  it('navigates with the History API and marks the current page in the navigation', async () => {
    render(<App services={services(fakeConsole()).services} />);
    const nav = await screen.findByRole('navigation', { name: 'Console' });
    expect(screen.getByRole('link', { name: 'Connections' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(screen.getByRole('link', { name: 'OAuth Apps' }));
    expect(location.pathname).toBe('/console/settings/oauth-apps');
    expect(await screen.findByRole('heading', { level: 1, name: 'OAuth Apps' })).toBeTruthy();
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('OAuth Apps');
  });

  it("opens Settings → Webhooks from the navigation and a connector's Actions tab from its address", async () => {
    render(<App services={services(fakeConsole()).services} />);
    fireEvent.click(await screen.findByRole('link', { name: 'Webhooks' }));
    expect(location.pathname).toBe('/console/settings/webhooks');
    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current')).toBe('page');
    navigate('/connectors/ctr_sendgrid/actions');
    expect((await screen.findByRole('tab', { name: 'Actions' })).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByTestId('actions-table')).toBeTruthy();
  });

  it('opens Build with AI at /connectors/build, under Connectors in the navigation', async () => {
    navigate('/connectors/build', { replace: true });
    render(<App services={services(fakeConsole()).services} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Build with AI' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Build with AI · Plugboard console'));
    const nav = screen.getByRole('navigation', { name: 'Console' });
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Connectors');
  });

  it('signs out back to the sign-in form', async () => {
    const fake = fakeConsole();
    render(<App services={services(fake).services} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to the console' })).toBeTruthy();
    await waitFor(() => expect(fake.named('signOut')).toHaveLength(1));
  });

  it('says when a page does not exist', async () => {
    navigate('/nowhere', { replace: true });
    render(<App services={services(fakeConsole()).services} />);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
