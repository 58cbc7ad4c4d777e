// The test phase of a connector agent run: after the review, each safe action is tried with the run's connection
// and the failures' usual causes are tried as fixes, before the run is ready to create.
import type { AgentRun, AgentTest, AuthMethod } from '@plugboard/shared';
import { findConnection } from '../services/connections.js';
import { egressOf, type ServiceDeps } from '../services/deps.js';
import type { TokenRefresher } from '../services/token-refresh.js';
import type { AgentRunRecord } from '../storage/store.js';
import type { AgentModel } from './model.js';
import type { RunLifecycle } from './run-lifecycle.js';
import { fixFailures, safeActions, type TestContext, testAction } from './tester.js';

/** What the test phase uses of the agent service. */
export interface TestPhase {
  deps: ServiceDeps;
  refresher: TokenRefresher;
  model: AgentModel | undefined;
  runs: RunLifecycle;
}

/** The connection a run tests with, and how to sign its requests; none when the run names no connection. */
async function testContextOf(phase: TestPhase, record: AgentRunRecord): Promise<TestContext | undefined> {
  const { deps, refresher } = phase;
  if (!record.connectionId) return undefined;
  const connection = await findConnection(deps, record.organizationId, record.connectionId);
  const { credentials } = await refresher.credentialsFor(record.organizationId, connection.id);
  const draftMethod = record.run.draft?.authMethods.find((method) => method.kind === connection.authKind);
  let method: AuthMethod | undefined;
  if (draftMethod) {
    const { key: _key, ...input } = draftMethod;
    method = { ...input, id: 'agent', isDefault: true, hasClientSecret: false } as unknown as AuthMethod;
  } else {
    const connector = await deps.store.getConnector(connection.connectorId);
    method = connector?.authMethods.find((candidate) => candidate.id === connection.authMethodId);
  }
  return { policy: egressOf(deps), method, values: credentials };
}

/**
 * The test phase of a reviewed run: tests each safe action with the run's connection, tries the usual fixes (and the
 * model's) for the failures, and leaves the run ready to create.
 */
export async function runTestPhase(phase: TestPhase, record: AgentRunRecord): Promise<void> {
  const { runs, model } = phase;
  const draft = record.run.draft;
  if (!draft) return;
  const context = await testContextOf(phase, record);
  const actions = safeActions(draft);
  if (!context || actions.length === 0) {
    const note = !context
      ? 'No connection picked: tests skipped'
      : 'No safe action to test (a GET without required input): tests skipped';
    await runs.log(record, 'test', 'info', note);
    await runs.log(record, 'done', 'info', 'Ready to create');
    await runs.advance(record, {
      step: 'done',
      status: 'ready',
      tests: [],
      warnings: [...record.run.warnings, note],
    });
    return;
  }
  await runs.log(record, 'test', 'info', `Testing ${actions.length} safe actions`);
  const tests = [];
  for (const action of actions) {
    const test = await testAction(context, draft, action);
    tests.push(test);
    await runs.log(
      record,
      'test',
      test.passed ? 'passed' : 'failed',
      `${action.name}: ${test.passed ? 'passed' : 'failed'} (${test.status || 'no answer'})`,
      test,
    );
  }
  await runs.advance(record, { tests, step: 'fix' });
  if (tests.every((test) => test.passed)) {
    await runs.log(record, 'fix', 'info', 'Nothing to fix');
  } else {
    await runs.log(record, 'fix', 'info', 'Trying the usual causes of the failures');
    const proposed = model ? await proposeFixes(phase, record, draft, context, tests) : [];
    const fixed = await fixFailures(context, draft, record.servers, tests, proposed);
    for (const fix of fixed.fixes) {
      await runs.log(
        record,
        'fix',
        fix.passed ? 'passed' : 'failed',
        `${fix.actionKey}: ${fix.change}: ${fix.passed ? 'passed' : 'still fails'}`,
        fix,
      );
    }
    const still = fixed.tests.filter((test) => !test.passed).map((test) => test.actionKey);
    if (still.length > 0) await runs.log(record, 'fix', 'warning', `Still failing: ${still.join(', ')}`);
    await runs.advance(record, { draft: fixed.draft, tests: fixed.tests, fixes: fixed.fixes });
  }
  await runs.log(record, 'done', 'info', 'Ready to create');
  await runs.advance(record, { step: 'done', status: 'ready' });
}

/** Asks the model for changes worth trying, described without any credential. */
async function proposeFixes(
  phase: TestPhase,
  record: AgentRunRecord,
  draft: NonNullable<AgentRun['draft']>,
  context: TestContext,
  tests: readonly AgentTest[],
) {
  const { runs, model } = phase;
  const failing = tests
    .filter((test) => !test.passed)
    .flatMap((test) => {
      const action = draft.actions.find((candidate) => candidate.key === test.actionKey);
      return action ? [{ method: action.method, path: action.path, status: test.status, note: test.note }] : [];
    });
  const key = context.method?.kind === 'apiKey' ? { in: context.method.in, name: context.method.name } : null;
  const proposed =
    (await model?.proposeFixes({
      baseUrl: draft.apiBaseUrl ?? null,
      servers: record.servers,
      apiKey: key,
      failing,
    })) ?? [];
  await runs.log(record, 'fix', 'info', `The model proposed ${proposed.length} changes to try`);
  return proposed;
}
