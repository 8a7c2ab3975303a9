/**
 * React.lazy for a screen whose chunk may be fetched before it is first rendered (router.tsx prefetchDesk):
 * once preload() has resolved, the component renders the module at once instead of suspending. A screen
 * that suspends is rendered again when its chunk arrives, in React's retry lane: in time slices of 5 ms
 * that each wait for the next turn of the event loop — on a busy machine the desk's first rows waited
 * about half a second for those turns.
 */
import { lazy, type ComponentType } from 'react';

export type Preloadable<P> = ComponentType<P> & {
  /** Fetches and runs the module (once); resolves when the component renders without suspending. */
  preload(): Promise<unknown>;
};

export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Suspending = lazy(preload);
  function Screen(props: P) {
    const Component = loaded ?? Suspending;
    return <Component {...props} />;
  }
  return Object.assign(Screen, { preload });
}
