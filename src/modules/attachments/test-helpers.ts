/** Test helpers: multipart bodies built by the platform's FormData, and sample file contents. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface TestFile {
  name: string;
  content: Buffer | string;
  /** What the client claims; the server ignores it. */
  type?: string;
}

/** A multipart/form-data payload and its content-type header, ready for app.inject(). */
export async function multipartBody(
  fields: Record<string, string>,
  files: TestFile[],
): Promise<{ payload: Buffer; headers: { 'content-type': string } }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files) {
    form.append('files', new Blob([f.content], { type: f.type ?? 'application/octet-stream' }), f.name);
  }
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
  };
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A minimal PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** Every file under dir, recursively (the blobs of a disk store). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
