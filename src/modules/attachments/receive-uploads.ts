/**
 * Lets a JSON route also take multipart/form-data: the form's text fields become the request body (so the
 * route's JSON schema validates them exactly as a JSON body, unknown fields included) and every `files`
 * part is streamed to a temp file while it is hashed and measured. Limits are checked while the bytes
 * arrive, before anything is stored: a request over a limit is refused with 413 and leaves nothing behind.
 * The temp files are removed once the response is sent (storage.put() has moved the ones it kept).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../platform/errors.js';
import { markAsFormFields } from '../../platform/http/validator-factory.js';
import { sanitizeFilename } from './filename.js';
import { InspectStream } from './inspect-stream.js';
import { sniffMimeType } from './sniff.js';

export interface Upload {
  tempPath: string;
  filename: string;
  size: number;
  sha256: string;
  mimeType: string;
}

/** The upload settings, passed in from the install's config (AppDeps.config satisfies it). */
export interface AttachmentLimits {
  maxAttachmentBytes: number;
  maxMessageAttachmentsBytes: number;
  maxAttachmentsPerMessage: number;
}

export const FILES_FIELD = 'files';
const MAX_FIELDS = 30;
const MAX_FIELD_BYTES = 1024 * 1024;

const received = new WeakMap<FastifyRequest, Upload[]>();

/** The files received with the request (none for a JSON body). */
export function uploadsOf(request: FastifyRequest): Upload[] {
  return received.get(request) ?? [];
}

const tooMany = (limits: AttachmentLimits) =>
  new AppError('PAYLOAD_TOO_LARGE', `at most ${limits.maxAttachmentsPerMessage} files per message`);
const fileTooLarge = (limits: AttachmentLimits, name: string) =>
  new AppError('PAYLOAD_TOO_LARGE', `${name} is larger than ${limits.maxAttachmentBytes} bytes`);
const totalTooLarge = (limits: AttachmentLimits) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `the files of one message may total at most ${limits.maxMessageAttachmentsBytes} bytes`,
  );

/** Errors of the multipart parser are the client's fault, except those of our own disk. */
function asClientError(err: unknown, limits: AttachmentLimits): unknown {
  if (err instanceof AppError || !(err instanceof Error)) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return tooMany(limits);
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new AppError('PAYLOAD_TOO_LARGE', 'too many form fields');
  if ((err as { syscall?: string }).syscall !== undefined) return err;
  return new AppError('MALFORMED_REQUEST', `malformed multipart body: ${err.message}`);
}

async function receiveFile(part: MultipartFile, limits: AttachmentLimits, usedBytes: number) {
  const filename = sanitizeFilename(part.filename);
  const perFile = limits.maxAttachmentBytes;
  const remaining = limits.maxMessageAttachmentsBytes - usedBytes;
  const inspect = new InspectStream(Math.min(perFile, remaining), () =>
    remaining < perFile ? totalTooLarge(limits) : fileTooLarge(limits, filename),
  );
  const tempPath = path.join(tmpdir(), `bfg2-upload-${randomUUID()}`);
  try {
    await pipeline(part.file, inspect, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    if (part.file.truncated) throw fileTooLarge(limits, filename);
    const upload: Upload = {
      tempPath,
      filename,
      size: inspect.bytes,
      sha256: inspect.sha256,
      mimeType: await sniffMimeType(tempPath, inspect.isText),
    };
    return upload;
  } catch (err) {
    await rm(tempPath, { force: true });
    throw err;
  }
}

async function discard(uploads: Upload[]): Promise<void> {
  await Promise.all(uploads.map((u) => rm(u.tempPath, { force: true })));
}

async function receiveMultipart(request: FastifyRequest, limits: AttachmentLimits): Promise<void> {
  // Text fields: validated with type coercion, like a query string.
  const fields: Record<string, unknown> = markAsFormFields({});
  const uploads: Upload[] = [];
  let usedBytes = 0;
  received.set(request, uploads);
  const parts = request.parts({
    limits: {
      fileSize: limits.maxAttachmentBytes,
      files: limits.maxAttachmentsPerMessage,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      parts: MAX_FIELDS + limits.maxAttachmentsPerMessage,
    },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new AppError('PAYLOAD_TOO_LARGE', `${part.fieldname} is too long`);
        if (part.fieldname === FILES_FIELD) throw invalid(FILES_FIELD, 'must be files');
        if (Object.hasOwn(fields, part.fieldname)) throw invalid(part.fieldname, 'is given twice');
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== FILES_FIELD) {
        part.file.resume();
        throw invalid(part.fieldname, `files go in the "${FILES_FIELD}" field`);
      }
      // A file input left empty in a browser form sends a nameless empty part.
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      if (uploads.length >= limits.maxAttachmentsPerMessage) throw tooMany(limits);
      const upload = await receiveFile(part, limits, usedBytes);
      uploads.push(upload);
      usedBytes += upload.size;
    }
  } catch (err) {
    await discard(uploads);
    received.delete(request);
    throw asClientError(err, limits);
  }
  request.body = fields;
}

/**
 * Route hooks that make a JSON route accept multipart/form-data too (fields as the body, files in
 * uploadsOf(request)). Use as `{ ...acceptsUploads(limits), schema: …, handler }`.
 */
export function acceptsUploads(limits: AttachmentLimits) {
  return {
    preValidation: async (request: FastifyRequest): Promise<void> => {
      if (request.isMultipart()) await receiveMultipart(request, limits);
    },
    onResponse: async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
      const uploads = received.get(request);
      if (uploads) {
        received.delete(request);
        await discard(uploads);
      }
    },
  };
}
