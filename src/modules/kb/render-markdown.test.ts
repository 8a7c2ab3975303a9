import { describe, expect, it } from 'vitest';
import { deriveExcerpt, renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('renders Markdown (tables, lists, links) and derives plain text without the punctuation', () => {
    const { html, text } = renderMarkdown(
      '## Times\n\n| Where | Days |\n| --- | ---: |\n| DE | 1–3 |\n\n- **Fast** [track it](tracking-your-parcel)\n- `CN-1`',
    );
    expect(html).toContain('<h2>Times</h2>');
    expect(html).toContain('<td style="text-align:right">1–3</td>');
    expect(html).toContain('<a href="tracking-your-parcel">track it</a>');
    expect(html).toContain('<code>CN-1</code>');
    expect(text).toBe('Times\nWhere Days\nDE 1–3\nFast track it\nCN-1');
  });

  it('never lets script, handlers, raw HTML or javascript: links through', () => {
    const { html } = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) ' +
        '![p](javascript:alert(2)) <a href="https://e.test" onclick="x">y</a>\n\n[ok](https://example.com)',
    );
    expect(html).not.toMatch(
      /<script|<[^>]+(onerror|onclick)|href="javascript|src="javascript|<img src="x"/i,
    );
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain(
      '<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">ok</a>',
    );
  });

  it('derives an excerpt at a sentence or word boundary', () => {
    expect(deriveExcerpt('Short one.')).toBe('Short one.');
    const long = `${'Word '.repeat(30)}end. ${'More words here '.repeat(20)}`;
    expect(deriveExcerpt(long)).toBe(`${'Word '.repeat(30)}end.`);
    const noStop = 'abcdefghij '.repeat(40);
    const excerpt = deriveExcerpt(noStop);
    expect(excerpt.endsWith('abcdefghij…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(201);
  });
});
