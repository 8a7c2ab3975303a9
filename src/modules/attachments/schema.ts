/** JSON schemas of the attachment endpoints. */
import { ticketParams } from '../tickets/index.js';

export const attachmentParams = {
  type: 'object',
  required: ['id', 'attachmentId'],
  properties: {
    ...ticketParams.properties,
    attachmentId: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  },
} as const;

/** OpenAPI note for the routes that take files. */
export const MULTIPART_NOTE =
  'Also accepts multipart/form-data: the same fields as form fields, plus one or more files in `files`.';
