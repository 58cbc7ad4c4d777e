import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

/** One tab: its key, its label, and a test id for its button. */
export interface TabItem<K extends string> {
  key: K;
  label: string;
  testId?: string;
}

/**
 * Tabs after the ARIA pattern: one tab stop, Left/Right (and Home/End) move and select, the panel is
 * labelled by its tab. Selection is the caller's, so a tab can live in the address.
 */
export function Tabs<K extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
  idPrefix = 'tab',
}: {
  label: string;
  tabs: TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
  children: ComponentChildren;
  idPrefix?: string;
}) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const index = tabs.findIndex((tab) => tab.key === selected);
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.key);
    list.current?.querySelector<HTMLElement>(`#${idPrefix}-${tab.key}`)?.focus();
  }

  return (
    <div class="tabs">
      <div role="tablist" aria-label={label} class="tablist" ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const active = tab.key === selected;
          return (
            <button
              key={tab.key}
              type="button"
              role="tab"
              id={`${idPrefix}-${tab.key}`}
              aria-selected={active ? 'true' : 'false'}
              aria-controls={`${idPrefix}-panel-${tab.key}`}
              tabIndex={active ? 0 : -1}
              class="tab"
              onClick={() => onSelect(tab.key)}
              data-testid={tab.testId}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${selected}`}
        aria-labelledby={`${idPrefix}-${selected}`}
        class="tabpanel"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the ARIA tabs pattern makes the panel a tab stop
        tabIndex={0}
      >
        {children}
      </div>
    </div>
  );
}
