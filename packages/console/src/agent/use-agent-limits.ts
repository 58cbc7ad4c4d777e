import { type AgentLimits, MAX_CONNECTOR_ACTIONS, MAX_CONNECTOR_EVENTS } from '@plugboard/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleClient } from '../console-client.js';
import { MAX_SPEC_BYTES } from './spec-file.js';

/** The server's defaults, shown until its own limits arrive (or when they cannot be read). */
export const DEFAULT_AGENT_LIMITS: AgentLimits = {
  maxSpecBytes: MAX_SPEC_BYTES,
  maxBuildsPerOrganization: 2,
  maxActions: MAX_CONNECTOR_ACTIONS,
  maxEvents: MAX_CONNECTOR_EVENTS,
};

/** The bounds the server holds runs to (`GET /v1/agent/limits`), so the page states the configured ones. */
export function useAgentLimits(client: ConsoleClient): AgentLimits {
  const [limits, setLimits] = useState(DEFAULT_AGENT_LIMITS);
  useEffect(() => {
    let live = true;
    client.agent.limits().then(
      (read) => live && setLimits(read),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client]);
  return limits;
}
