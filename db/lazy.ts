// Heavy libraries that only some commands use (language analysis, date parsing, the fuzzy index), loaded on
// first use so that every other command, and the app's start, does not pay for them. Synchronous, so that
// operations stay plain functions.
import { createRequire } from 'node:module';

const requireModule = createRequire(import.meta.url);

export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

type Compromise = typeof import('compromise').default;
type Chrono = typeof import('chrono-node');
type MiniSearchModule = typeof import('minisearch');

export const compromise = lazy(() => {
  const module = requireModule('compromise') as Compromise | { default: Compromise };
  return ('default' in module ? module.default : module) as Compromise;
});
export const chrono = lazy(() => requireModule('chrono-node') as Chrono);
export const miniSearch = lazy(() => {
  const module = requireModule('minisearch') as MiniSearchModule | MiniSearchModule['default'];
  return ('default' in module ? module.default : module) as MiniSearchModule['default'];
});
