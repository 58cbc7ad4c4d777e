import { z } from 'zod';
import { SLUG_PATTERN } from '../slug.js';
import { actionDefinitionSchema, actionListSchema, apiBaseUrlSchema } from './actions.js';
import { authMethodInputSchema, authMethodSchema, publicAuthMethodSchema } from './auth-methods.js';
import { httpsUrlSchema, idSchema, timestampSchema } from './common.js';
import { eventDefinitionSchema, eventDefinitionsSchema } from './events.js';
import { connectorVariableSchema, connectorVariablesSchema, publicVariableSchema } from './variables.js';

/** A connector slug: lowercase letters, digits and dashes. */
export const slugSchema = z
  .string()
  .regex(SLUG_PATTERN, 'Use 2-64 lowercase letters, digits and single dashes, e.g. "salesforce-crm"');

/** `private`: only its organization sees it. `public`: other organizations can use it; only its owner edits it. */
export const visibilitySchema = z.enum(['private', 'public']);

/** A domain name such as `salesforce.com`. */
export const domainSchema = z
  .string()
  .max(253)
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    'Must be a domain like salesforce.com',
  );

const authMethodsInput = z
  .array(authMethodInputSchema)
  .min(1, 'Add at least one auth method')
  .max(10)
  .refine(
    (methods) => methods.filter((method) => method.isDefault).length <= 1,
    'Mark only one auth method as default',
  );

/** Body of `POST /v1/connectors`. */
export const connectorCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(100),
  /** Generated from the name when left out. */
  slug: slugSchema.optional(),
  description: z.string().max(1000).default(''),
  domain: domainSchema.optional(),
  visibility: visibilitySchema.default('private'),
  iconUrl: httpsUrlSchema.optional(),
  authMethods: authMethodsInput,
  /** Where actions are sent; derived from the domain when left out (`https://api.<domain>`). May hold `{name}` placeholders of `variables`. */
  apiBaseUrl: apiBaseUrlSchema.nullable().optional(),
  /** Parts of the base URL and OAuth URLs that each end user gives when connecting, used as `{name}` in them. */
  variables: connectorVariablesSchema.default([]),
  /** Calls the connector offers on the third-party API. */
  actions: actionListSchema.default([]),
  /** Events the connector produces (webhooks from the third party, or polled actions). */
  events: eventDefinitionsSchema.default([]),
  /** The member who creates it; defaults to the signed-in member in the console, else the organization's first member. */
  createdBy: idSchema.optional(),
});

/** Body of `PATCH /v1/connectors/{id}`: any subset of the create fields except the creator. */
export const connectorUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  slug: slugSchema.optional(),
  description: z.string().max(1000).optional(),
  domain: domainSchema.nullable().optional(),
  visibility: visibilitySchema.optional(),
  iconUrl: httpsUrlSchema.nullable().optional(),
  authMethods: authMethodsInput.optional(),
  apiBaseUrl: apiBaseUrlSchema.nullable().optional(),
  variables: connectorVariablesSchema.optional(),
  actions: actionListSchema.optional(),
  events: eventDefinitionsSchema.optional(),
});

/** Who created a connector. */
export const creatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  externalId: z.string().nullable(),
});

/** A connector as the admin API returns it. */
export const connectorSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  domain: z.string().nullable(),
  visibility: visibilitySchema,
  iconUrl: z.string().nullable(),
  authMethods: z.array(authMethodSchema),
  /** Where actions are sent, as configured; null when derived from the domain (`https://api.<domain>`). */
  apiBaseUrl: z.string().nullable(),
  /** What each end user gives when connecting, used as `{name}` in the base URL and OAuth URLs. */
  variables: z.array(connectorVariableSchema),
  actions: z.array(actionDefinitionSchema),
  events: z.array(eventDefinitionSchema),
  createdBy: creatorSchema,
  /** False for public connectors of other organizations: usable, not editable. */
  editable: z.boolean(),
  /** How many connections the viewing organization has of this connector, across all its tenants. */
  connectionCount: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

/** A connector as a connect session sees it: what a card needs, no configuration. */
export const connectorCardSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  domain: z.string().nullable(),
  visibility: visibilitySchema,
  iconUrl: z.string().nullable(),
  createdBy: creatorSchema,
  /** Private and created by the session's end user: the card shows a PERSONAL badge. */
  personal: z.boolean(),
  authMethods: z.array(publicAuthMethodSchema),
  /** What the connect form asks for before connecting (a shop, a subdomain…), whatever the auth method. */
  variables: z.array(publicVariableSchema),
  /** How many connections the session's tenant has for this connector. */
  connectionCount: z.number().int(),
  /** The tenant's connections of this connector that the provider stopped accepting: the card offers Reconnect. */
  needsReauth: z.array(z.object({ id: z.string(), label: z.string() })),
});
