/**
 * searchFilter, the `search` argument of `users` and `adminTokens`: text trimmed as every stored
 * name is, so a search of blanks is no search, as an empty one is.
 */
import { describe, expect, it } from 'vitest';
import { searchFilter } from '../../src/schema/validation.js';

describe('searchFilter', () => {
  it('is no filter for an absent, empty or blank search', () => {
    for (const blank of [undefined, null, '', ' ', '   ', '\u3000']) expect([blank, searchFilter(blank)]).toEqual([blank, undefined]);
  });

  it('trims the text around a search, keeps the spaces inside, and escapes LIKE wildcards', () => {
    expect(searchFilter('  Ada Lovelace ')).toEqual({ contains: 'Ada Lovelace', mode: 'insensitive' });
    expect(searchFilter(' 50%_a\\b ')).toEqual({ contains: '50\\%\\_a\\\\b', mode: 'insensitive' });
  });
});
