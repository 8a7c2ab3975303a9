/**
 * Prints the sqlmap targets of a running server, one JSON object a line, from its OpenAPI document:
 * every operation with a path parameter (marked with sqlmap's `*`), a query parameter or a JSON body,
 * filled with values the schema accepts so that sqlmap's payloads reach the use case.
 * Usage: npx tsx bench/sqlmap-targets.ts http://127.0.0.1:3310 <ticket-id> > targets.jsonl
 */
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  items?: Schema;
}
type Operation = {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

const [base = 'http://127.0.0.1:3310', ticketId = '1'] = process.argv.slice(2);

function sample(schema: Schema): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== 'null') ?? {});
  if (schema.enum?.length) return schema.enum[0];
  const type = ([] as string[]).concat(schema.type ?? 'string').find((t) => t !== 'null') ?? 'string';
  if (type === 'integer' || type === 'number') return Math.max(schema.minimum ?? 1, 1);
  if (type === 'boolean') return true;
  if (type === 'array') return schema.items ? [sample(schema.items)] : [];
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = sample(v);
    return out;
  }
  if (schema.format === 'email') return 'sqlmap@example.test';
  if (schema.format === 'date-time') return '2026-01-01T10:00:00Z';
  if (schema.format === 'date') return '2026-01-01';
  if (schema.pattern?.includes(':')) return '09:00';
  return 'probe';
}

const doc = (await (await fetch(`${base}/api/docs/json`)).json()) as {
  paths: Record<string, Record<string, Operation>>;
};
for (const [path, methods] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(methods)) {
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    const query = (op.parameters ?? []).filter((p) => p.in === 'query');
    const body = op.requestBody?.content?.['application/json']?.schema;
    const hasPath = path.includes('{');
    if (!hasPath && query.length === 0 && !body) continue;
    // Path parameters get a real id (the ticket) and sqlmap's injection marker.
    const url = path.replace(/\{[^}]+\}/g, `${ticketId}*`);
    const search = new URLSearchParams(
      query.map((p): [string, string] => [
        p.name,
        String(sample(p.schema ?? {}) as string | number | boolean),
      ]),
    ).toString();
    process.stdout.write(
      `${JSON.stringify({
        method: method.toUpperCase(),
        url: `${base}${url}${search ? `?${search}` : ''}`,
        ...(body ? { data: JSON.stringify(sample(body)) } : {}),
      })}\n`,
    );
  }
}
