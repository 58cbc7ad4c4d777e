/**
 * Domain types, request schemas and error codes shared by the Plugboard server, SDK and widget.
 * The SDK and widget import only types and the zod-free helpers, so no schema code reaches the browser bundle.
 * @packageDocumentation
 */
export { type ErrorBody, ErrorCode, type ValidationIssue } from './error-codes.js';
export {
  ACTION_METHODS,
  actionDefinitionSchema,
  actionInputSchema,
  actionKeySchema,
  actionListSchema,
  actionMethodSchema,
  actionPathSchema,
  actionResultSchema,
  actionRunSchema,
  actionTestResultSchema,
  actionTestRunSchema,
  actionTestSchema,
  apiBaseUrlSchema,
  connectorActionSchema,
  inputContentTypeSchema,
  inputLocationSchema,
  inputPropertySchema,
  inputStyleSchema,
  jsonSchemaSchema,
  MAX_CONNECTOR_ACTIONS,
  proxyRequestSchema,
} from './schemas/actions.js';
export {
  agentAuthMethodSchema,
  agentCreateSchema,
  agentDecisionSchema,
  agentDraftSchema,
  agentFixSchema,
  agentKeySchema,
  agentLimitsSchema,
  agentLogEntrySchema,
  agentLogKindSchema,
  agentReviewSchema,
  agentRunCreateSchema,
  agentRunSchema,
  agentRunStatusSchema,
  agentStepSchema,
  agentTestSchema,
  MAX_AGENT_SPEC_BYTES,
} from './schemas/agent.js';
export {
  AUTH_KIND_LABELS,
  AUTH_KINDS,
  authKindSchema,
  authMethodInputSchema,
  authMethodSchema,
  credentialInputSchemas,
  customAuthFieldSchema,
  type FormAuthKind,
  isFormAuthKind,
  MAX_SCOPES,
  publicAuthMethodSchema,
} from './schemas/auth-methods.js';
export {
  externalIdSchema,
  httpsUrlSchema,
  idSchema,
  originSchema,
  pageQuerySchema,
  pageSchema,
  timestampSchema,
  urlTemplateSchema,
} from './schemas/common.js';
export {
  CONNECT_LINK_MAX_TTL_SECONDS,
  connectLinkCreateSchema,
  connectLinkExchangeSchema,
  connectLinkInfoSchema,
  connectLinkSchema,
  connectLinkSessionSchema,
} from './schemas/connect-links.js';
export {
  adminConnectionSchema,
  connectionCreateSchema,
  connectionCredentialsSchema,
  connectionListQuerySchema,
  connectionSchema,
  connectionStatusSchema,
  oauthFlowCreateSchema,
  oauthFlowSchema,
  oauthFlowStartSchema,
} from './schemas/connections.js';
export {
  connectorCardSchema,
  connectorCreateSchema,
  connectorSchema,
  connectorUpdateSchema,
  creatorSchema,
  domainSchema,
  slugSchema,
  visibilitySchema,
} from './schemas/connectors.js';
export {
  connectionTestSchema,
  consoleAccountSchema,
  consoleSignInSchema,
  consoleTestSessionSchema,
  memberPasswordSchema,
} from './schemas/console.js';
export { errorBodySchema } from './schemas/errors.js';
export {
  createdWebhookEndpointSchema,
  deliveryListQuerySchema,
  deliverySchema,
  deliveryStatusSchema,
  eventDefinitionSchema,
  eventDefinitionsSchema,
  eventDeliverySchema,
  eventEnvelopeSchema,
  eventSignatureSchema,
  inboundEndpointSchema,
  MAX_CONNECTOR_EVENTS,
  webhookEndpointCreateSchema,
  webhookEndpointSchema,
} from './schemas/events.js';
export {
  callLogKindSchema,
  callLogListQuerySchema,
  callLogSchema,
  callLogStatusClassSchema,
} from './schemas/logs.js';
export {
  createdMcpTokenSchema,
  MCP_TOKEN_DEFAULT_TTL_SECONDS,
  MCP_TOKEN_MAX_TTL_SECONDS,
  mcpTokenCreateSchema,
  mcpTokenSchema,
  mcpToolNameSchema,
} from './schemas/mcp.js';
export { mcpToolPreviewQuerySchema, mcpToolPreviewSchema } from './schemas/mcp-preview.js';
export { oauthAppCreateSchema, oauthAppSchema, oauthAppUpdateSchema } from './schemas/oauth-apps.js';
export {
  apiKeyCreateSchema,
  apiKeySchema,
  createdApiKeySchema,
  memberCreateSchema,
  memberSchema,
  organizationSchema,
  organizationUpdateSchema,
  tenantSchema,
} from './schemas/organizations.js';
export {
  connectSessionCreateSchema,
  connectSessionSchema,
  sessionBootstrapSchema,
  sessionInfoSchema,
} from './schemas/sessions.js';
export {
  connectorVariableSchema,
  connectorVariablesSchema,
  publicVariableSchema,
  publicVariables,
  type TemplatedUrls,
  templatedUrls,
  variableNameSchema,
  variableUsageIssues,
  variableValuesSchema,
} from './schemas/variables.js';
export { SLUG_PATTERN, slugify } from './slug.js';
export type * from './types.js';
export {
  DEFAULT_VARIABLE_PATTERNS,
  effectivePattern,
  type FilledUrl,
  fillUrlTemplate,
  isSafePattern,
  isValidPattern,
  MAX_VARIABLE_VALUE_LENGTH,
  MAX_VARIABLES,
  placeholdersOf,
  placesOf,
  placesOfAll,
  sampleFilled,
  VARIABLE_NAME_PATTERN,
  type VariableDefinition,
  type VariablePlace,
  variableValueProblem,
} from './variables.js';
