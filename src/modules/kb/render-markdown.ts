/**
 * Article Markdown → sanitised HTML and plain text. markdown-it renders with raw HTML disabled, and the
 * result still goes through sanitize-html's allow-list, so neither an author nor a bug in the renderer
 * can put script, event handlers or javascript: links on the public help centre. The plain text (what
 * search indexes and snippets quote) comes from the same tokens, without Markdown punctuation.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
type Token = ReturnType<typeof md.parse>[number];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    code: ['class'],
  },
  allowedStyles: {
    th: { 'text-align': [/^(left|right|center)$/] },
    td: { 'text-align': [/^(left|right|center)$/] },
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    // Links to other sites open safely; relative links (other articles) stay as they are.
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } : attribs,
      };
    },
  },
};

// Control characters mark search matches in the database (see search-repository.ts): never in text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export interface RenderedArticle {
  html: string;
  text: string;
}

function plainText(tokens: Token[]): string {
  const parts: string[] = [];
  const walk = (list: Token[]) => {
    for (const t of list) {
      if (t.children) walk(t.children);
      else if (t.type === 'text' || t.type === 'code_inline') parts.push(t.content);
      else if (t.type === 'code_block' || t.type === 'fence') parts.push(t.content, '\n');
      else if (t.type === 'softbreak' || t.type === 'hardbreak') parts.push(' ');
      else if (t.type === 'image') parts.push(t.content);
      // Cells of a row stay on one line; every other block ends one.
      if (t.type === 'th_close' || t.type === 'td_close') parts.push(' ');
      else if (t.block && t.nesting === -1) parts.push('\n');
    }
  };
  walk(tokens);
  return parts
    .join('')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n+ */g, '\n')
    .trim();
}

/** Renders article Markdown to sanitised HTML and plain text. */
export function renderMarkdown(markdown: string): RenderedArticle {
  const source = markdown.replace(CONTROL, '');
  const tokens = md.parse(source, {});
  return {
    html: sanitizeHtml(md.renderer.render(tokens, md.options, {}), SANITIZE),
    text: plainText(tokens).replace(CONTROL, ''),
  };
}

const EXCERPT_LENGTH = 200;

/** An excerpt from the plain text: its first sentences up to about 200 characters, cut at a word. */
export function deriveExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  const window = flat.slice(0, EXCERPT_LENGTH);
  const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '));
  if (sentence >= EXCERPT_LENGTH / 2) return window.slice(0, sentence + 1);
  const space = window.lastIndexOf(' ');
  return `${window.slice(0, space > 0 ? space : EXCERPT_LENGTH).replace(/[,;:.\s]+$/, '')}…`;
}
