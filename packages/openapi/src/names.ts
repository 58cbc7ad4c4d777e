/** Cuts text to `max` characters, ending with an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Splits camelCase and snake_case words: `getPetById` -> `get Pet By Id`. */
function words(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/**
 * A lowercase key of `[a-z0-9._-]`, at most `max` long, with no separator at either end:
 * `getPetById` -> `get-pet-by-id`. Empty when nothing usable is left.
 */
export function keyOf(text: string, max = 64): string {
  const key = words(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return key.slice(0, max).replace(/[-._]+$/, '');
}

/** A readable name from an identifier: `getPetById` -> `Get pet by id`, `new_planet` -> `New planet`. */
export function humanize(text: string): string {
  const spaced = words(text).replace(/[-.]+/g, ' ').replace(/\s+/g, ' ').trim();
  const lower = spaced.replace(/\b([A-Z])([a-z]+)\b/g, (_, first: string, rest: string) => first.toLowerCase() + rest);
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * Hands out keys unique within one connector: a taken key gets `-2`, `-3`... (kept within the length limit),
 * so the same document always yields the same keys.
 */
export class KeyRegistry {
  readonly #taken = new Set<string>();

  /** Reserves and returns a unique form of `key`. */
  claim(key: string, max = 64): string {
    let candidate = key;
    for (let n = 2; this.#taken.has(candidate); n += 1) {
      const suffix = `-${n}`;
      candidate = `${key.slice(0, max - suffix.length).replace(/[-._]+$/, '')}${suffix}`;
    }
    this.#taken.add(candidate);
    return candidate;
  }
}
