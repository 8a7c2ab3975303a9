import { describe, expect, it } from 'vitest';
import { sanitizeFilename } from './filename.js';

describe('sanitizeFilename', () => {
  it('strips directories, controls and reserved characters', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFilename('a\u0000b\r\nc<>:"|?*.txt')).toBe('abc.txt');
    expect(sanitizeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFilename('  Grüße .txt  ')).toBe('Grüße .txt');
  });

  it('falls back to "attachment" when nothing is left', () => {
    for (const raw of [undefined, '', '..', '/', '  ', '\u0001', '...']) {
      expect(sanitizeFilename(raw)).toBe('attachment');
    }
  });

  it('keeps the extension within 255 characters', () => {
    const long = sanitizeFilename(`${'x'.repeat(300)}.docx`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.docx')).toBe(true);
    expect(sanitizeFilename('y'.repeat(300))).toHaveLength(255);
  });
});
