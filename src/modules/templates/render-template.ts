/**
 * Response-template placeholders: {{customer.name}}, {{ticket.ticket_number}}… A template with an unknown
 * placeholder is refused when it is saved, so rendering never leaves braces in a reply.
 */
import { invalid } from '../../platform/errors.js';

export const PLACEHOLDERS = [
  'customer.name',
  'customer.email',
  'ticket.ticket_number',
  'ticket.subject',
  'ticket.status',
  'agent.name',
  'agent.email',
  'workspace.name',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

const PATTERN = /\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/g;

/** The placeholders a text uses that do not exist. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...text.matchAll(PATTERN)].map((m) => m[1] ?? '').filter((name) => !known.has(name));
}

/** Throws 400 naming the unknown placeholders of a template's subject or content. */
export function assertKnownPlaceholders(text: string, path: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    throw invalid(
      path,
      `unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}; use ${PLACEHOLDERS.join(', ')}`,
    );
  }
}

export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(PATTERN, (whole, name: string) =>
    name in values ? values[name as Placeholder] : whole,
  );
}
