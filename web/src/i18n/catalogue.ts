/** The shape every catalogue has: the keys of en.ts and staff-en.ts, each with a string. */
import type { en } from './en';
import type { staffAreasEn } from './staff-en';

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Catalogue = Strings<typeof en & typeof staffAreasEn>;

/** The dotted keys of a catalogue, e.g. "inbox.columns.sla". */
export function keysOf(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : keysOf(value as object, `${prefix}${key}.`),
  );
}
