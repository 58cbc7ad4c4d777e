// A real store whose method calls are written down by name as they happen: tests of how much store work a
// request costs count them.
import type { Store } from '../storage/store.js';

/** `store` with each method call appended to `names`, in order. */
export function recordStoreCalls(store: Store): { store: Store; names: string[] } {
  const names: string[] = [];
  const recording = new Proxy(store, {
    get(target, name, receiver) {
      const member = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        names.push(name);
        return member.apply(target, args);
      };
    },
  });
  return { store: recording, names };
}
