/**
 * A parsed mail's attachments as uploads for the attachment store, within its limits: each part is
 * written to a temp file with its sha256 (the store's content address); what is over a limit is left
 * out and named in a note (the raw mail keeps it).
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MailPart } from './read-mail.js';

export interface AttachmentLimits {
  maxAttachmentBytes: number;
  maxMessageAttachmentsBytes: number;
  maxAttachmentsPerMessage: number;
}

export interface MailUpload {
  tempPath: string;
  filename: string;
  size: number;
  sha256: string;
  mimeType: string;
  /** The Content-ID (without <>) of an inline part, else null. */
  contentId: string | null;
}

export interface PreparedAttachments {
  uploads: MailUpload[];
  /** One line per part left out, for the message. */
  skipped: string[];
  /** Removes the temp files the store did not take. */
  cleanup(): Promise<void>;
}

const MB = 1024 * 1024;

function nameOf(a: MailPart, index: number): string {
  const name = (a.filename ?? '').replace(/[\\/\0]/g, '_').trim();
  if (name) return name.slice(0, 200);
  const ext =
    a.contentType
      .split('/')[1]
      ?.replace(/[^a-z0-9]/gi, '')
      .slice(0, 10) || 'bin';
  return `attachment-${index + 1}.${ext}`;
}

/** Writes the parts within the limits to temp files. */
export async function prepareAttachments(
  attachments: MailPart[],
  limits: AttachmentLimits,
): Promise<PreparedAttachments> {
  const uploads: MailUpload[] = [];
  const skipped: string[] = [];
  let total = 0;
  for (const [i, a] of attachments.entries()) {
    const filename = nameOf(a, i);
    const size = a.content.length;
    if (uploads.length >= limits.maxAttachmentsPerMessage) {
      skipped.push(`${filename}: more than ${limits.maxAttachmentsPerMessage} attachments`);
    } else if (size > limits.maxAttachmentBytes || total + size > limits.maxMessageAttachmentsBytes) {
      skipped.push(`${filename} (${(size / MB).toFixed(1)} MB): over the attachment size limit`);
    } else {
      const tempPath = path.join(tmpdir(), `bfg2-mail-${randomUUID()}`);
      await writeFile(tempPath, a.content);
      total += size;
      uploads.push({
        tempPath,
        filename,
        size,
        sha256: a.sha256,
        mimeType: a.contentType.slice(0, 100) || 'application/octet-stream',
        contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
      });
    }
  }
  return {
    uploads,
    skipped,
    cleanup: async () => {
      await Promise.all(uploads.map((u) => rm(u.tempPath, { force: true })));
    },
  };
}
