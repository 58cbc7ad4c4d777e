/** Cuts a list fetched with `limit + 1` items into a page and the cursor of the next one. */
export function nextPage<T extends { id: string }>(items: T[], limit: number) {
  const data = items.slice(0, limit);
  return { data, nextCursor: items.length > limit ? (data.at(-1)?.id ?? null) : null };
}
