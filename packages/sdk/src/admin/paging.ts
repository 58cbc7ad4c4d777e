import type { Page } from '@plugboard/shared';

/** Every item of a paged list, page after page, following `nextCursor` until there is none. */
export async function* pages<T>(list: (cursor: string | undefined) => Promise<Page<T>>) {
  let cursor: string | undefined;
  do {
    const page: Page<T> = await list(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
