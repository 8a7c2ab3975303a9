/**
 * Three chunks instead of twenty-five on the way to the desk's first row. Left to itself the bundler cuts the
 * shell (React, the router, TanStack Query, i18next, the API client) and the desk's first screen into a
 * chunk per set of importers — about 25 files — and a cold load waits for them in rounds, since the
 * browser opens six connections to a host over HTTP/1.1 and queues the rest. Here, from the module graph:
 *  - `app`: everything the entry imports, and what the desk's first screen shares with the portal (the
 *    portal loads it on its first page too);
 *  - `staff`: what the desk's first screen shares with the other staff screens (admin console, German
 *    catalogue): the staff-only strings, formatting;
 *  - `desk`: the rest of what the desk's frame and inbox import.
 * src/boot/boot.ts preloads `staff` and `desk` on desk URLs.
 * Every other lazy screen (ticket page, reports, portal, admin) keeps its own chunks.
 */
import type { Plugin } from 'vite';

/** The modules a cold /desk load imports dynamically before its first row (router.tsx prefetchDesk). */
export const DESK_ENTRIES = [
  '/src/desk/DeskLayout.tsx',
  '/src/desk/inbox/InboxScene.tsx',
  '/src/desk/inbox/prefetch.ts',
];

/** Lazy screens of the desk: what only they share with the inbox goes in `desk`. */
const DESK_AREAS = ['/src/desk/', '/src/channels/'];
/** Lazy screens of the customers (portal, account pages): what they share with the desk goes in `app`. */
const CUSTOMER_AREAS = ['/src/portal/', '/src/account/'];

/** What reach() asks of the bundler's plugin context. */
interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/** `roots` and every module they import statically, transitively. */
function reach(graph: ModuleGraph, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

export interface ChunkGroups {
  plugin: Plugin;
  /** For build.rolldownOptions.output.codeSplitting. */
  groups: { name: string; test: (id: string) => boolean }[];
}

export function chunkGroups(): ChunkGroups {
  const groups = { app: new Set<string>(), staff: new Set<string>(), desk: new Set<string>() };
  const plugin: Plugin = {
    name: 'bfg2-chunk-groups',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()];
      const lazy = [...new Set(ids.flatMap((id) => this.getModuleInfo(id)?.dynamicallyImportedIds ?? []))];
      const deskRoots = lazy.filter((id) => DESK_ENTRIES.some((m) => id.endsWith(m)));
      if (deskRoots.length !== DESK_ENTRIES.length)
        this.error(`chunk groups: the desk's lazy modules were not found (${DESK_ENTRIES.join(', ')})`);
      const lazyOf = (areas: string[], inside: boolean) =>
        reach(
          this,
          lazy.filter((id) => areas.some((area) => id.includes(area)) === inside),
        );
      const shell = reach(
        this,
        ids.filter((id) => this.getModuleInfo(id)?.isEntry),
      );
      const customers = lazyOf(CUSTOMER_AREAS, true);
      const otherStaff = lazyOf([...DESK_AREAS, ...CUSTOMER_AREAS], false);
      const first = [...reach(this, deskRoots)].filter((id) => !shell.has(id));
      groups.app = new Set([...shell, ...first.filter((id) => customers.has(id))]);
      groups.staff = new Set(first.filter((id) => !customers.has(id) && otherStaff.has(id)));
      groups.desk = new Set(first.filter((id) => !customers.has(id) && !otherStaff.has(id)));
    },
  };
  return {
    plugin,
    groups: (['app', 'staff', 'desk'] as const).map((name) => ({ name, test: (id) => groups[name].has(id) })),
  };
}
