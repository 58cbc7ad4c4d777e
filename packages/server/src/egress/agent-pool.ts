import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { pinnedLookup } from './pinned-lookup.js';

/** Options of {@link OutboundAgents}. */
export interface OutboundAgentsOptions {
  /** How long an agent nobody used is kept, with its idle sockets, before it is closed. @default 30000 */
  idleTtlMs?: number;
  /** The most agents kept at once; past it the least recently used one is closed. @default 256 */
  maxAgents?: number;
  /**
   * How long an idle keep-alive socket stays open. Below the usual 5-second server keep-alive timeout, so a
   * socket is not reused just as the server closes it; a server's `Keep-Alive: timeout=N` hint shortens it.
   * @default 4000
   */
  socketIdleMs?: number;
}

interface Entry {
  agent: HttpAgent;
  lastUsed: number;
}

/**
 * Keep-alive connection pools for outgoing requests, one per origin and set of checked addresses. Each agent's
 * sockets connect only to the addresses its key names (a {@link pinnedLookup} bound to them), so a pooled socket
 * always leads where the egress policy looked: a request whose DNS answer changed gets another agent (and is
 * checked again first), and a socket opened for one host is never handed to another, even at the same address
 * (TLS was verified for that host name). Agents idle for `idleTtlMs` are closed; at most `maxAgents` are kept.
 *
 * @example
 * ```ts
 * const agents = new OutboundAgents();
 * http.request(url, { agent: agents.agentFor(url, decision.addresses) });
 * ```
 */
export class OutboundAgents {
  readonly #agents = new Map<string, Entry>();
  readonly #idleTtlMs: number;
  readonly #maxAgents: number;
  readonly #socketIdleMs: number;
  #lastSweep = 0;

  constructor(options: OutboundAgentsOptions = {}) {
    this.#idleTtlMs = options.idleTtlMs ?? 30_000;
    this.#maxAgents = options.maxAgents ?? 256;
    this.#socketIdleMs = options.socketIdleMs ?? 4_000;
  }

  /** How many agents are open: one per origin and address set used within the idle TTL. */
  get size(): number {
    return this.#agents.size;
  }

  /**
   * The agent for a URL's origin whose sockets connect to `addresses` only (with none, an allowlisted host:
   * the system resolver).
   */
  agentFor(url: URL, addresses: readonly string[]): HttpAgent {
    const now = Date.now();
    this.#sweep(now);
    const key = `${url.protocol}//${url.host} ${[...addresses].sort().join(',')}`;
    let entry = this.#agents.get(key);
    if (entry) this.#agents.delete(key);
    else {
      const options = {
        keepAlive: true,
        timeout: this.#socketIdleMs,
        scheduling: 'lifo' as const,
        lookup: pinnedLookup(addresses),
      };
      entry = { agent: url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options), lastUsed: now };
    }
    entry.lastUsed = now;
    // Re-inserted last: the map's order is least recently used first.
    this.#agents.set(key, entry);
    if (this.#agents.size > this.#maxAgents) this.#close(this.#agents.keys().next().value as string);
    return entry.agent;
  }

  /** Closes every agent's idle sockets now, and the others as their requests end. */
  close(): void {
    for (const key of [...this.#agents.keys()]) this.#close(key);
  }

  #sweep(now: number) {
    if (now - this.#lastSweep < this.#idleTtlMs / 2) return;
    this.#lastSweep = now;
    for (const [key, entry] of this.#agents) if (now - entry.lastUsed > this.#idleTtlMs) this.#close(key);
  }

  /** Retires an agent: its idle sockets close now, those in use (a long stream) when their request ends. */
  #close(key: string) {
    const agent = this.#agents.get(key)?.agent;
    this.#agents.delete(key);
    if (!agent) return;
    // agent.destroy() would also cut requests in flight; without keep-alive, sockets close as they come free.
    (agent as unknown as { keepAlive: boolean }).keepAlive = false;
    for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }
}
