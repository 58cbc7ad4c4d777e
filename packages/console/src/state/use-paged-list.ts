import type { Page } from '@plugboard/shared';
import { useRef, useState } from 'preact/hooks';
import { errorText } from './errors.js';

/**
 * A list read page by page with a filter: `load(filters)` starts over (an older answer arriving late is dropped),
 * `loadMore()` appends the next page and reports a failure through `onMoreFailed` without losing what is shown.
 */
export function usePagedList<T, F>(
  fetchPage: (filters: F, cursor?: string) => Promise<Page<T>>,
  initialFilters: F,
  { onMoreFailed }: { onMoreFailed(message: string): void },
) {
  const [filters, setFilters] = useState<F>(initialFilters);
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const request = useRef(0);

  async function load(next = filters) {
    const id = ++request.current;
    setStatus('loading');
    try {
      const page = await fetchPage(next);
      if (id !== request.current) return;
      setRows(page.data);
      setCursor(page.nextCursor);
      setStatus('ready');
    } catch (failure) {
      if (id !== request.current) return;
      setError(failure);
      setStatus('failed');
    }
  }

  async function loadMore() {
    if (!cursor) return;
    setMoreBusy(true);
    try {
      const page = await fetchPage(filters, cursor);
      setRows((current) => [...current, ...page.data]);
      setCursor(page.nextCursor);
    } catch (failure) {
      onMoreFailed(errorText(failure));
    } finally {
      setMoreBusy(false);
    }
  }

  return { filters, setFilters, rows, setRows, cursor, status, error, moreBusy, load, loadMore };
}
