import type { Env } from '@clockwork/server-core';
import type { MulterOptions } from '@nestjs/platform-express/multer/interfaces/multer-options.interface';
import { diskStorage } from 'multer';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where multer spools uploads before they are checked and stored (removed afterwards). */
export const UPLOAD_SPOOL_DIR = join(tmpdir(), 'clockwork-uploads');

/**
 * multer for `POST /attachments`: one file of at most ATTACHMENT_MAX_BYTES (413 beyond),
 * spooled to a temporary file rather than held in memory, a few short text fields, and file
 * names read as UTF-8 (browsers and curl send them so).
 */
export function uploadOptions(env: Env): MulterOptions {
  // Readable by this user only: uploads wait here until they are checked and stored.
  mkdirSync(UPLOAD_SPOOL_DIR, { recursive: true, mode: 0o700 });
  return {
    storage: diskStorage({ destination: UPLOAD_SPOOL_DIR }),
    limits: { fileSize: env.ATTACHMENT_MAX_BYTES, files: 1, fields: 8, fieldSize: 1024, parts: 10, headerPairs: 100 },
    defParamCharset: 'utf8',
  };
}
