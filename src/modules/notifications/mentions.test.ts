import { describe, expect, it } from 'vitest';
import { handleOf, mentionedHandles } from './mentions.js';

describe('@mentions', () => {
  it('names a member by the local part of their email address, lower-cased', () => {
    expect(handleOf('Dana.Kraus@Example.com')).toBe('dana.kraus');
  });

  it('finds each handle once, without trailing dots, and ignores email addresses', () => {
    expect(mentionedHandles('@Dana.Kraus please check. cc @sam, @sam and @dana.kraus.')).toEqual([
      'dana.kraus',
      'sam',
    ]);
    expect(mentionedHandles('write to sam@example.com or x@@y; price @ 5 EUR')).toEqual([]);
    expect(mentionedHandles('(@lee) @o_neil+support')).toEqual(['lee', 'o_neil+support']);
  });
});
