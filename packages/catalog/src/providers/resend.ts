import type { Provider } from '../types.js';

/** Resend: e-mail sending for developers. */
export const resend: Provider = {
  slug: 'resend',
  name: 'Resend',
  category: 'email',
  description: 'E-mail API for developers: send e-mails, manage domains and audiences.',
  domain: 'resend.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=resend.com&sz=128',
  docsUrl: 'https://resend.com/docs/api-reference/introduction',
  apiBaseUrl: 'https://api.resend.com',
  authMethods: [{ kind: 'bearer', label: 'API key (re_…)' }],
  openApiUrl: 'https://raw.githubusercontent.com/resend/resend-openapi/main/resend.yaml',
  actions: [
    { key: 'list-domains', name: 'List domains', method: 'GET', path: '/domains', verify: true },
    {
      key: 'send-email',
      name: 'Send an e-mail',
      method: 'POST',
      path: '/emails',
      input: {
        type: 'object',
        properties: {
          from: { type: 'string', description: 'e.g. Acme <hello@acme.dev>' },
          to: { type: 'array', items: { type: 'string' }, maxItems: 50 },
          subject: { type: 'string' },
          html: { type: 'string' },
          text: { type: 'string' },
        },
        required: ['from', 'to', 'subject'],
      },
    },
    {
      key: 'get-email',
      name: 'Get an e-mail',
      method: 'GET',
      path: '/emails/{emailId}',
      input: { type: 'object', properties: { emailId: { type: 'string', 'x-in': 'path' } }, required: ['emailId'] },
    },
  ],
};
