import { describe, expect, it } from 'vitest';
import { defaultMessages, plural, problemText } from './messages.js';

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

describe('plural', () => {
  it('words counts the locale’s way, building its Intl formatters once per locale rather than once per card', () => {
    const { NumberFormat, PluralRules } = Intl;
    const built = { numberFormats: 0, pluralRules: 0 };
    // Counting subclasses in their place (Intl's properties are writable; TypeScript types them read-only).
    Object.assign(Intl, {
      NumberFormat: class extends NumberFormat {
        constructor(...args: ConstructorParameters<typeof NumberFormat>) {
          super(...args);
          built.numberFormats += 1;
        }
      },
      PluralRules: class extends PluralRules {
        constructor(...args: ConstructorParameters<typeof PluralRules>) {
          super(...args);
          built.pluralRules += 1;
        }
      },
    });
    try {
      const counts = Array.from({ length: 200 }, (_, index) => plural(defaultMessages, 'connections', index + 1, 'de'));
      expect(counts[0]).toBe('1 connection');
      expect(counts[199]).toBe('200 connections');
      expect(plural(defaultMessages, 'connections', 1200, 'de')).toBe('1.200 connections');
      expect(built).toEqual({ numberFormats: 1, pluralRules: 1 });
    } finally {
      Object.assign(Intl, { NumberFormat, PluralRules });
    }
  });
});
