import { describe, expect, it } from 'vitest';
import { visibleCategoryIds, subtreeIds, wouldCycle, pathTo } from './category-tree.js';
import { acceptedLanguages, chooseLanguage, matchLanguage } from './language.js';
import { compoundPieces, parseQuery } from './search-query.js';

describe('language choice', () => {
  it('reads Accept-Language by weight, ignoring * and q=0', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5, it;q=0')).toEqual([
      'fr-ch',
      'fr',
      'en',
      'de',
    ]);
    expect(acceptedLanguages('')).toEqual([]);
    expect(acceptedLanguages('garbage;;;, ,')).toEqual([]);
  });

  it('matches regional variants both ways', () => {
    expect(matchLanguage('de-at', ['en', 'de'])).toBe('de');
    expect(matchLanguage('pt', ['en', 'pt-br'])).toBe('pt-br');
    expect(matchLanguage('fr', ['en', 'de'])).toBeNull();
  });

  it('prefers ?language=, then the browser, then the default, and flags a fallback', () => {
    const available = ['en', 'de'];
    expect(chooseLanguage({ available, defaultLanguage: 'en', requested: 'DE' })).toEqual({
      language: 'de',
      requested: 'de',
      fallback: false,
    });
    expect(chooseLanguage({ available, defaultLanguage: 'en', requested: 'fr' })).toEqual({
      language: 'en',
      requested: 'fr',
      fallback: true,
    });
    expect(chooseLanguage({ available, defaultLanguage: 'en', acceptLanguage: 'fr, de;q=0.5' })).toEqual({
      language: 'de',
      requested: 'de',
      fallback: false,
    });
    expect(chooseLanguage({ available, defaultLanguage: 'EN', acceptLanguage: 'fr' })).toEqual({
      language: 'en',
      requested: 'fr',
      fallback: true,
    });
    expect(chooseLanguage({ available, defaultLanguage: 'en' })).toEqual({
      language: 'en',
      requested: 'en',
      fallback: false,
    });
    expect(() => chooseLanguage({ available, defaultLanguage: 'en', requested: 'x y' })).toThrow(/language/);
  });
});

describe('category tree', () => {
  const tree = [
    { id: 1, parent_id: null, is_active: true },
    { id: 2, parent_id: 1, is_active: false },
    { id: 3, parent_id: 2, is_active: true },
    { id: 4, parent_id: 1, is_active: true },
  ];
  it('hides inactive categories and everything under them', () => {
    expect([...visibleCategoryIds(tree)].sort()).toEqual([1, 4]);
  });
  it('finds sub-trees, paths and cycles', () => {
    expect([...subtreeIds(tree, 1)].sort()).toEqual([1, 2, 3, 4]);
    expect(wouldCycle(tree, 1, 3)).toBe(true);
    expect(wouldCycle(tree, 3, 4)).toBe(false);
    expect(pathTo(tree, 3).map((c) => c.id)).toEqual([1, 2, 3]);
  });
});

describe('query parsing', () => {
  it('treats an unfinished last word as a prefix, but not after OR, inside quotes or when negated', () => {
    expect(parseQuery('how do I retu')).toMatchObject({ text: 'how do I', prefix: 'retu' });
    expect(parseQuery('return ')).toMatchObject({ text: 'return', prefix: null });
    expect(parseQuery('"damaged parc')).toMatchObject({ prefix: null });
    expect(parseQuery('refund OR retu')).toMatchObject({ prefix: null });
    expect(parseQuery('parcel -lost')).toMatchObject({
      prefix: null,
      negated: ['lost'],
      positive: ['parcel'],
    });
    expect(parseQuery('e-mail adress')).toMatchObject({ positive: ['e', 'mail'], prefix: 'adress' });
    expect(parseQuery('  a\u0001b  ' + 'x'.repeat(300)).full.length).toBeLessThanOrEqual(200);
  });
  it('lists the pieces of a compound word, longest first', () => {
    expect(compoundPieces('ratenzahlung')).toMatchObject({
      prefixes: ['ratenzahl', 'ratenzah', 'ratenza', 'ratenz', 'raten', 'rate'],
      suffixes: ['enzahlung', 'nzahlung', 'zahlung', 'ahlung', 'hlung', 'lung'],
    });
  });
});
