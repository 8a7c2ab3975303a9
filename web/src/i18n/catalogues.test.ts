import { describe, expect, it } from 'vitest';
import { keysOf } from './catalogue';
import { completeDe as de, completeEn as en } from './complete';
import { en as startEn } from './en';
import { staffAreasEn } from './staff-en';

describe('message catalogues', () => {
  it('German has every English key and no other', () => {
    const english = keysOf(en).sort();
    const german = keysOf(de).sort();
    expect(german.filter((key) => !english.includes(key))).toEqual([]);
    expect(english.filter((key) => !german.includes(key))).toEqual([]);
  });

  it('German keeps every {{placeholder}} of the English text and has no empty value', () => {
    const lookup = (catalogue: object, key: string): string =>
      key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue) as string;
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keysOf(en)) {
      const german = lookup(de, key);
      expect(german.trim(), key).not.toBe('');
      expect(placeholders(german), key).toEqual(placeholders(lookup(en, key)));
    }
  });

  it('adds the staff areas as top-level keys the start catalogue does not have', () => {
    // desk/catalogue.ts adds them without a deep merge: a shared key would lose the start catalogue's strings.
    const start = Object.keys(startEn);
    expect(Object.keys(staffAreasEn).filter((key) => start.includes(key))).toEqual([]);
    expect(Object.keys(staffAreasEn).length).toBeGreaterThan(0);
  });
});
