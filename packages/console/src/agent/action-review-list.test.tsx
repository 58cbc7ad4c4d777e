import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionReviewList } from './action-review-list.js';
import { windowOf } from './review-groups.js';
import type { AgentDraft, AgentRun } from './types.js';

afterEach(cleanup);

type DraftAction = AgentDraft['actions'][number];

/** 1,500 actions in 30 groups of 50 (`issues`, `pulls`, … by tag), the shape of a large published API. */
function large(): { run: Pick<AgentRun, 'groups'>; actions: DraftAction[] } {
  const actions: DraftAction[] = Array.from({ length: 1500 }, (_, n) => ({
    key: `action-${n}`,
    name: n === 1234 ? 'Create a pull request' : `Operation ${n}`,
    description: '',
    method: n % 3 ? 'GET' : 'POST',
    path: `/group${Math.floor(n / 50)}/items/${n}`,
    input: { type: 'object', properties: {} },
  }));
  const groups = Array.from({ length: 30 }, (_, g) => ({
    tag: `group ${g}`,
    actionKeys: actions.slice(g * 50, g * 50 + 50).map((action) => action.key),
  }));
  return { run: { groups }, actions };
}

function Harness({ run, actions }: ReturnType<typeof large>) {
  const [dropped, setDropped] = useState<Set<string>>(new Set());
  return (
    <ActionReviewList
      run={run}
      actions={actions}
      maxActions={2000}
      isKept={(key) => !dropped.has(key)}
      onKeep={(keys, keep) => {
        const next = new Set(dropped);
        for (const key of keys) keep ? next.delete(key) : next.add(key);
        setDropped(next);
      }}
      renderRow={(action) => (
        <li key={action.key} data-testid={`row-${action.key}`} data-kept={String(!dropped.has(action.key))}>
          {action.name}
        </li>
      )}
    />
  );
}

describe('<ActionReviewList>', () => {
  it('renders a screenful of 1,500 actions, every group with its count', () => {
    render(<Harness {...large()} />);
    expect(screen.getAllByTestId(/^row-/).length).toBeLessThan(40);
    expect(screen.getAllByTestId(/^group-toggle-group-/)).toHaveLength(30);
    expect(screen.getByTestId('action-review-counts').textContent).toContain('1500 of 1500 actions kept');
  });

  it('finds an action by search, and a group checkbox then keeps or drops only what matches', () => {
    render(<Harness {...large()} />);
    fireEvent.input(screen.getByTestId('review-search'), { target: { value: 'pull request' } });
    expect(screen.getAllByTestId(/^row-/).map((row) => row.textContent)).toEqual(['Create a pull request']);
    fireEvent.input(screen.getByTestId('review-search'), { target: { value: 'group 3 ' } });
    fireEvent.click(screen.getByTestId('group-toggle-group-3'));
    expect(screen.getByTestId('action-review-counts').textContent).toContain('1450 of 1500 actions kept');
    fireEvent.input(screen.getByTestId('review-search'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('group-toggle-shown'));
    expect(screen.getByTestId('action-review-counts').textContent).toContain('1500 of 1500 actions kept');
    fireEvent.click(screen.getByTestId('group-toggle-shown'));
    expect(screen.getByTestId('action-review-counts').textContent).toContain('0 of 1500 actions kept');
  });

  it('lays groups out one under the other and picks the rows in view', () => {
    const { run, actions } = large();
    const groups = run.groups.map((group, index) => ({
      group: { name: group.tag, id: String(index), keys: group.actionKeys },
      keys: group.actionKeys.slice(0, 10),
    }));
    const windows = windowOf(groups, 10_000, 600);
    const inView = windows.filter((window) => window.last > window.first);
    expect(inView.length).toBeGreaterThan(0);
    expect(inView.reduce((sum, window) => sum + window.last - window.first, 0)).toBeLessThan(25);
    expect(windows.at(-1)?.top).toBe(29 * (44 + 10 * 64));
    expect(actions).toHaveLength(1500);
  });
});
