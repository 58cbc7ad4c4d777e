import type { McpToolPreview } from '@plugboard/shared';
import { useEffect, useState } from 'preact/hooks';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleClient } from '../console-client.js';

type ToolsState =
  | { status: 'loading' }
  | { status: 'ready'; tools: McpToolPreview[] }
  | { status: 'failed'; error: unknown };

/** The tools an MCP client would list for one tenant, with a field to look at another tenant. */
export function McpTools({ client, defaultTenant }: { client: ConsoleClient; defaultTenant: string }) {
  const [tenant, setTenant] = useState(defaultTenant);
  const [shown, setShown] = useState(defaultTenant);
  const [state, setState] = useState<ToolsState>({ status: 'loading' });

  async function load(tenantId: string) {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', tools: (await client.mcpTokens.preview(tenantId)).data });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }

  useEffect(() => {
    void load(shown);
  }, [client, shown]);

  return (
    <section class="page-section" aria-labelledby="mcp-tools-title">
      <h2 id="mcp-tools-title">Tools</h2>
      <form
        class="toolbar"
        aria-label="Choose a tenant"
        onSubmit={(event) => {
          event.preventDefault();
          const next = tenant.trim();
          if (next === shown) void load(next);
          else setShown(next);
        }}
      >
        <div class="field">
          <label for="mcp-tenant">Tenant</label>
          <input id="mcp-tenant" value={tenant} onInput={(event) => setTenant(event.currentTarget.value)} />
        </div>
        <button type="submit" class="secondary">
          Show tools
        </button>
      </form>
      {state.status === 'loading' && <Loading label="Loading tools…" />}
      {state.status === 'failed' && (
        <Failed title="The tools could not be loaded." error={state.error} onRetry={() => load(shown)} />
      )}
      {state.status === 'ready' && state.tools.length === 0 && (
        <Empty>
          <p>
            {shown} has no active connections, so an agent would get only Plugboard's built-in tools. Connect an app for
            this tenant first.
          </p>
        </Empty>
      )}
      {state.status === 'ready' && state.tools.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard on narrow screens
        <section class="table-scroll" aria-label={`Tools of ${shown}`} tabIndex={0}>
          <table class="table" data-testid="mcp-tools">
            <caption class="visually-hidden">Tools of {shown}</caption>
            <thead>
              <tr>
                <th scope="col">Tool</th>
                <th scope="col">Connector</th>
                <th scope="col">Description</th>
                <th scope="col">Kind</th>
              </tr>
            </thead>
            <tbody>
              {state.tools.map((tool) => (
                <tr key={tool.name} data-testid="mcp-tool">
                  <th scope="row">
                    <code>{tool.name}</code>
                  </th>
                  <td>{tool.connector}</td>
                  <td>{tool.description}</td>
                  <td>{tool.readOnly ? 'Read-only' : 'Changes data'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
