import { describe, expect, it } from 'vitest';
import { splitQuoted } from './quoted';

describe('splitQuoted', () => {
  it('folds the trailing quoted history of an email reply', () => {
    expect(splitQuoted('Thanks!\n\nOn Mon, Ben wrote:\n> old text')).toEqual({
      body: 'Thanks!',
      quoted: 'On Mon, Ben wrote:\n> old text',
    });
    expect(splitQuoted('Thanks!\n> a\n>\n> b').quoted).toBe('> a\n>\n> b');
    expect(splitQuoted('a\n> quoted in the middle\nb').quoted).toBe('');
  });

  it('knows the German attribution and Outlook’s separators, English and German', () => {
    expect(splitQuoted('Danke.\n\nAm 01.12.2026 um 10:00 schrieb Support <s@x.test>:\n> alt').body).toBe(
      'Danke.',
    );
    expect(splitQuoted('Ok.\n-----Original Message-----\nFrom: A\nSent: Mon').body).toBe('Ok.');
    expect(splitQuoted('Ok.\n-----Ursprüngliche Nachricht-----\nVon: A').body).toBe('Ok.');
    expect(splitQuoted('Ok.\n\nVon: Support <s@x.test>\nGesendet: Montag\nAn: mich').body).toBe('Ok.');
  });

  it('leaves a text alone that only mentions such words, or is all quote', () => {
    expect(splitQuoted('From: my side all is fine.\nThanks').quoted).toBe('');
    expect(splitQuoted('> only a quote').quoted).toBe('');
  });
});
