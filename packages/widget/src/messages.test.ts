import { describe, expect, it } from 'vitest';
import { defaultMessages, problemText } from './messages.js';

describe('problemText', () => {
  it.each([
    ['invalid_client', defaultMessages.signInNotSetUp],
    ['unauthorized_client', defaultMessages.signInNotSetUp],
    ['access_denied', defaultMessages.signInDeclined],
    ['flow_expired', defaultMessages.signInExpired],
    ['temporarily_unavailable', defaultMessages.signInUnavailable],
    ['provider_error', defaultMessages.signInFailed],
  ])('words a sign-in that failed with %s for people, not with the message meant for the vendor', (code, text) => {
    const vendorMessage = 'The provider rejected the client credentials: check the client ID and secret';
    expect(problemText({ code, message: vendorMessage }, defaultMessages)).toBe(text);
  });

  it('keeps the vendor’s own wording when it overrides a message', () => {
    const messages = { ...defaultMessages, signInNotSetUp: 'Ask your admin.' };
    expect(problemText({ code: 'invalid_client', message: 'x' }, messages)).toBe('Ask your admin.');
  });

  it('shows the API’s message for problems it has no text of its own for', () => {
    expect(problemText({ code: 'validation_failed', message: 'Enter a token' }, defaultMessages)).toBe('Enter a token');
  });
});
