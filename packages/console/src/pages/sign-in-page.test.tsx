import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { account, apiError, fakeConsole } from '../test/fixtures.js';
import { SignInPage } from './sign-in-page.js';

afterEach(cleanup);

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe('<SignInPage>', () => {
  it('asks for the email and password beside each field and sends nothing while they are missing', async () => {
    const fake = fakeConsole();
    render(<SignInPage client={fake.client} onSignedIn={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your email')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    expect(fake.calls).toEqual([]);
  });

  it('says that the email or password is wrong without telling which', async () => {
    const fake = fakeConsole();
    fake.fail.signIn = apiError('invalid_credentials', 'Email or password is wrong');
    render(<SignInPage client={fake.client} onSignedIn={() => {}} />);
    type('Email', 'admin@acme.example');
    type('Password', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is wrong.');
    expect(fake.named('signIn')).toEqual([[{ email: 'admin@acme.example', password: 'nope' }]]);
  });

  it('tells how long to wait after too many attempts', async () => {
    const fake = fakeConsole();
    fake.fail.signIn = Object.assign(apiError('rate_limited', 'Too many'), { retryAfter: 600 });
    render(<SignInPage client={fake.client} onSignedIn={() => {}} />);
    type('Email', 'admin@acme.example');
    type('Password', 'x');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Try again in 10 minute(s)');
  });

  it('hands the account over once signed in', async () => {
    const onSignedIn = vi.fn();
    render(<SignInPage client={fakeConsole().client} onSignedIn={onSignedIn} />);
    type('Email', ' admin@acme.example ');
    type('Password', 'secret');
    fireEvent.submit(screen.getByTestId('sign-in-form'));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(account));
  });
});
