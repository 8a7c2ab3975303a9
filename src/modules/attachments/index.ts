/** The attachments module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export { attachUploads, uploaderOf } from './attach-uploads.js';
export { acceptsUploads, uploadsOf } from './receive-uploads.js';
export { attachmentRoutes } from './routes.js';
export { MULTIPART_NOTE } from './schema.js';
