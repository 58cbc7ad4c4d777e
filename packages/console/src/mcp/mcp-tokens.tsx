import type { CreatedMcpToken, McpToken } from '@plugboard/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/dialog.js';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleAccount, ConsoleClient } from '../console-client.js';
import { errorText } from '../state/errors.js';
import { formatTime } from '../state/format.js';
import { mcpClientConfig } from './mcp-client-config.js';

/** A freshly minted token's client configuration, shown this once, with a copy button. */
function MintedToken({ minted, onDone }: { minted: CreatedMcpToken; onDone: () => void }) {
  const [copied, setCopied] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const config = mcpClientConfig(minted.url, minted.token);
  useEffect(() => field.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(config);
      setCopied('Copied.');
    } catch {
      setCopied('Copy failed: select the configuration and copy it yourself.');
    }
  }
  return (
    <div class="panel form" data-testid="mcp-minted">
      <p class="warning" role="alert">
        Copy this configuration now: the token in it is shown only once. It expires {formatTime(minted.expiresAt)}.
      </p>
      <div class="field">
        <label for="mcp-config">MCP client configuration</label>
        <textarea
          id="mcp-config"
          ref={field}
          readOnly
          rows={9}
          value={config}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="mcp-config"
        />
      </div>
      <div class="buttons start">
        <button type="button" class="secondary" onClick={copy} data-testid="copy-mcp-config">
          Copy
        </button>
        <button type="button" class="primary" onClick={onDone}>
          Done
        </button>
      </div>
      <p class="hint" role="status">
        {copied}
      </p>
    </div>
  );
}

type TokensState =
  | { status: 'loading' }
  | { status: 'ready'; tokens: McpToken[] }
  | { status: 'failed'; error: unknown };

/** MCP tokens: mint one for the member's test tenant, list them all, revoke one. */
export function McpTokens({
  client,
  account,
  testTenant,
}: {
  client: ConsoleClient;
  account: ConsoleAccount;
  testTenant: string;
}) {
  const [state, setState] = useState<TokensState>({ status: 'loading' });
  const [minted, setMinted] = useState<CreatedMcpToken | null>(null);
  const [minting, setMinting] = useState(false);
  const [mintError, setMintError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<McpToken | null>(null);
  const [notice, setNotice] = useState('');

  async function load() {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', tokens: (await client.mcpTokens.list()).data });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }

  useEffect(() => {
    void load();
  }, [client]);

  async function mint() {
    setMinting(true);
    setMintError(null);
    try {
      const { member } = account;
      const token = await client.mcpTokens.create({
        tenantId: testTenant,
        endUserId: member.id,
        endUserName: member.name,
      });
      setMinted(token);
      setNotice('A token was minted for your test tenant.');
      await load();
    } catch (error) {
      setMintError(error);
    } finally {
      setMinting(false);
    }
  }

  return (
    <section class="page-section" aria-labelledby="mcp-tokens-title">
      <header class="page-head">
        <h2 id="mcp-tokens-title">Tokens</h2>
        <button type="button" class="primary" onClick={mint} disabled={minting} data-testid="mint-mcp-token">
          Mint a token for your test tenant
        </button>
      </header>
      <p class="visually-hidden" role="status">
        {notice}
      </p>
      {mintError !== null && (
        <p class="form-error" role="alert">
          The token could not be minted. {errorText(mintError)}
        </p>
      )}
      {minted && <MintedToken minted={minted} onDone={() => setMinted(null)} />}
      {state.status === 'loading' && <Loading label="Loading tokens…" />}
      {state.status === 'failed' && (
        <Failed title="MCP tokens could not be loaded." error={state.error} onRetry={load} />
      )}
      {state.status === 'ready' && state.tokens.length === 0 && (
        <Empty>
          <p>No MCP tokens yet. Your backend mints them with its secret key; mint one here to try an agent.</p>
        </Empty>
      )}
      {state.status === 'ready' && state.tokens.length > 0 && (
        <ul class="app-list" data-testid="mcp-token-list">
          {state.tokens.map((token) => (
            <li key={token.id} class="panel" data-testid="mcp-token" aria-labelledby={`mcp-token-${token.id}`}>
              <h3 id={`mcp-token-${token.id}`}>
                <code>{token.id}</code>
              </h3>
              <dl class="facts">
                <dt>Tenant</dt>
                <dd>{token.tenantId}</dd>
                <dt>End user</dt>
                <dd>{token.endUserId}</dd>
                <dt>Connectors</dt>
                <dd>{token.connectors?.length ? token.connectors.join(', ') : 'All'}</dd>
                <dt>Expires</dt>
                <dd>{formatTime(token.expiresAt)}</dd>
              </dl>
              <div class="buttons start">
                <button
                  type="button"
                  class="danger small"
                  onClick={() => setRevoking(token)}
                  aria-label={`Revoke ${token.id}`}
                >
                  Revoke
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke MCP token"
          message={<p>Revoke {revoking.id}? Agents using it lose access at their next request.</p>}
          confirmLabel="Revoke token"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await client.mcpTokens.revoke(revoking.id);
            setState((current) =>
              current.status === 'ready'
                ? { ...current, tokens: current.tokens.filter((item) => item.id !== revoking.id) }
                : current,
            );
            setNotice(`${revoking.id} was revoked.`);
            setRevoking(null);
          }}
        />
      )}
    </section>
  );
}
