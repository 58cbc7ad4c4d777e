/**
 * The configuration an MCP client (a desktop client's `mcpServers` entry, or an agent framework's Streamable HTTP
 * transport) needs to reach Plugboard's MCP server with a token.
 */
export function mcpClientConfig(url: string, token: string): string {
  return JSON.stringify(
    { mcpServers: { plugboard: { type: 'http', url, headers: { Authorization: `Bearer ${token}` } } } },
    null,
    2,
  );
}
