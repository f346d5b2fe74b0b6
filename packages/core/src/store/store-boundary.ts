import { toCrmError } from '../error-boundary.js';
import type { Store } from './store.js';

const guarded = new WeakMap<Store, Store>();

/**
 * `crm.store`: the raw store behind the error contract. Plugin authors use it
 * for their own rows (`meta`) and fast reads; it applies no roles, validation
 * or history. Every failure — of the adapter, of an unknown table, or thrown
 * by a `transaction` callback — reaches the caller as a `CrmError`
 * (`StorageError` for storage faults, `InternalError` with the original as
 * `cause` otherwise). One wrapper per store, so every `Crm` view returns the
 * same object (plugins key caches by it). @internal
 */
export function guardedStore(store: Store, locale: () => string): Store {
  let out = guarded.get(store);
  if (out) return out;
  const methods = new Map<PropertyKey, unknown>();
  out = new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function' || prop === 'constructor') return value;
      let wrapped = methods.get(prop);
      if (!wrapped || (wrapped as { original?: unknown }).original !== value) {
        const where = `crm.store.${String(prop)}()`;
        const fn = (...args: unknown[]): unknown => {
          try {
            const result = (value as (...a: unknown[]) => unknown).apply(target, args);
            return result instanceof Promise ? result.catch((e: unknown) => Promise.reject(toCrmError(e, where, locale()))) : result;
          } catch (e) {
            throw toCrmError(e, where, locale());
          }
        };
        wrapped = Object.assign(fn, { original: value });
        methods.set(prop, wrapped);
      }
      return wrapped;
    },
  });
  guarded.set(store, out);
  return out;
}
