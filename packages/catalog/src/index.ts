/**
 * The built-in provider catalog: popular APIs with their auth methods, base URLs, OpenAPI locations and a few
 * core actions, in the shapes `POST /v1/connectors` takes.
 *
 * Importing this entry brings in every provider. An app that needs only a few imports them one by one from
 * `@plugboard/catalog/providers/<slug>` and matches with `matchProvider` from `@plugboard/catalog/match`.
 * @packageDocumentation
 */
import { matchProvider } from './match.js';
import { adyen } from './providers/adyen.js';
import { airtable } from './providers/airtable.js';
import { asana } from './providers/asana.js';
import { bigcommerce } from './providers/bigcommerce.js';
import { bitbucket } from './providers/bitbucket.js';
import { box } from './providers/box.js';
import { brevo } from './providers/brevo.js';
import { calendly } from './providers/calendly.js';
import { clickup } from './providers/clickup.js';
import { codeberg } from './providers/codeberg.js';
import { discord } from './providers/discord.js';
import { docusign } from './providers/docusign.js';
import { dropbox } from './providers/dropbox.js';
import { freeagent } from './providers/freeagent.js';
import { freshbooks } from './providers/freshbooks.js';
import { freshdesk } from './providers/freshdesk.js';
import { github } from './providers/github.js';
import { gitlab } from './providers/gitlab.js';
import { gmail } from './providers/gmail.js';
import { googleCalendar } from './providers/google-calendar.js';
import { googleDrive } from './providers/google-drive.js';
import { hubspot } from './providers/hubspot.js';
import { intercom } from './providers/intercom.js';
import { jira } from './providers/jira.js';
import { lemonSqueezy } from './providers/lemon-squeezy.js';
import { linear } from './providers/linear.js';
import { mailchimp } from './providers/mailchimp.js';
import { mailgun } from './providers/mailgun.js';
import { microsoftTeams } from './providers/microsoft-teams.js';
import { mollie } from './providers/mollie.js';
import { monday } from './providers/monday.js';
import { notion } from './providers/notion.js';
import { onedrive } from './providers/onedrive.js';
import { paypal } from './providers/paypal.js';
import { pipedrive } from './providers/pipedrive.js';
import { postmark } from './providers/postmark.js';
import { quickbooks } from './providers/quickbooks.js';
import { resend } from './providers/resend.js';
import { salesforce } from './providers/salesforce.js';
import { sendgrid } from './providers/sendgrid.js';
import { shopify } from './providers/shopify.js';
import { slack } from './providers/slack.js';
import { square } from './providers/square.js';
import { stripe } from './providers/stripe.js';
import { twilio } from './providers/twilio.js';
import { typeform } from './providers/typeform.js';
import { webex } from './providers/webex.js';
import { woocommerce } from './providers/woocommerce.js';
import { xero } from './providers/xero.js';
import { zendesk } from './providers/zendesk.js';
import { zoom } from './providers/zoom.js';
import type { Provider } from './types.js';

export { type ToConnectorInputOptions, toConnectorInput } from './connector-input.js';
export { matchProvider } from './match.js';
export {
  type PkceSupport,
  PROVIDER_CATEGORIES,
  type Provider,
  type ProviderCategory,
  type ProviderVariable,
} from './types.js';
export {
  adyen,
  airtable,
  asana,
  bigcommerce,
  bitbucket,
  box,
  brevo,
  calendly,
  clickup,
  codeberg,
  discord,
  docusign,
  dropbox,
  freeagent,
  freshbooks,
  freshdesk,
  github,
  gitlab,
  gmail,
  googleCalendar,
  googleDrive,
  hubspot,
  intercom,
  jira,
  lemonSqueezy,
  linear,
  mailchimp,
  mailgun,
  microsoftTeams,
  mollie,
  monday,
  notion,
  onedrive,
  paypal,
  pipedrive,
  postmark,
  quickbooks,
  resend,
  salesforce,
  sendgrid,
  shopify,
  slack,
  square,
  stripe,
  twilio,
  typeform,
  webex,
  woocommerce,
  xero,
  zendesk,
  zoom,
};

/**
 * Every provider in the catalog, sorted by slug.
 *
 * @example
 * ```ts
 * import { providers } from '@plugboard/catalog';
 *
 * const chat = providers.filter((provider) => provider.category === 'chat');
 * ```
 */
export const providers: readonly Provider[] = [
  adyen,
  airtable,
  asana,
  bigcommerce,
  bitbucket,
  box,
  brevo,
  calendly,
  clickup,
  codeberg,
  discord,
  docusign,
  dropbox,
  freeagent,
  freshbooks,
  freshdesk,
  github,
  gitlab,
  gmail,
  googleCalendar,
  googleDrive,
  hubspot,
  intercom,
  jira,
  lemonSqueezy,
  linear,
  mailchimp,
  mailgun,
  microsoftTeams,
  mollie,
  monday,
  notion,
  onedrive,
  paypal,
  pipedrive,
  postmark,
  quickbooks,
  resend,
  salesforce,
  sendgrid,
  shopify,
  slack,
  square,
  stripe,
  twilio,
  typeform,
  webex,
  woocommerce,
  xero,
  zendesk,
  zoom,
];

/**
 * Finds the catalog provider a member means: by slug, name, alias or domain, ignoring case, spaces, punctuation
 * and filler words; a URL matches by host.
 *
 * @param query - what the member typed, e.g. `"HubSpot CRM"`, `"google drive"` or `"https://docs.stripe.com/api"`
 * @returns the provider, or undefined when the catalog has no match
 * @example
 * ```ts
 * import { findProvider } from '@plugboard/catalog';
 *
 * findProvider('HubSpot CRM')?.slug; // 'hubspot'
 * findProvider('https://api.github.com/user')?.slug; // 'github'
 * ```
 */
export function findProvider(query: string): Provider | undefined {
  return matchProvider(query, providers);
}
