import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { attachmentKey, AuditedRecord, FileStorage, RecordWriter } from '@clockwork/server-core';
import { assertMayChange, authorIdOf, ParentRecords, parentColumns, parentIdOf } from '@clockwork/server-notes';
import type { AttachmentDto, AttachmentPageDto, AttachmentQueryDto, UploadAttachmentDto } from '@clockwork/shared-dto';
import type { Attachment } from '@clockwork/shared-entities';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkContent, SNIFF_BYTES } from './attachment-content.validator';
import { toAttachmentDto } from './attachment.mapper';
import { AttachmentsRepository } from './attachments.repository';
import { safeFileName } from './content-disposition.util';
import { StoredFileDeletionsRepository } from './cleanup/stored-file-deletions.repository';

/** The part of multer's file the service needs: a spooled temporary file. */
export interface UploadedSpoolFile {
  path: string;
  originalname: string;
  mimetype: string;
  size: number;
}

/** An attachment's bytes, ready to send. */
export interface AttachmentContent {
  attachment: AttachmentDto;
  stream: Readable;
}

const ATTACHMENT: AuditedRecord<Attachment> = { objectType: 'attachment', view: toAttachmentDto };

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Files on accounts, contacts, deals and tasks. Read and added where the caller may read the
 * parent; deleted by their author, admins and managers. The row and the stored object never
 * disagree: the object is written first and removed again if the row's transaction fails; a
 * delete removes the row, then the object. Each upload and delete leaves one audit row.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly records: RecordWriter,
    private readonly attachments: AttachmentsRepository,
    private readonly parents: ParentRecords,
    private readonly storage: FileStorage,
    private readonly deletions: StoredFileDeletionsRepository,
  ) {}

  async list(query: AttachmentQueryDto): Promise<AttachmentPageDto> {
    await this.parents.assertReadable(query.parent_type, query.parent_id);
    return this.attachments.listForParent(query, toAttachmentDto);
  }

  async get(id: string): Promise<AttachmentDto> {
    return toAttachmentDto(await this.readable(id));
  }

  async content(id: string): Promise<AttachmentContent> {
    const attachment = await this.readable(id);
    return { attachment: toAttachmentDto(attachment), stream: await this.storage.get(attachment.storageKey) };
  }

  /** Checks, stores and records an upload; the spooled file is removed whatever happens. */
  async upload(dto: UploadAttachmentDto, file: UploadedSpoolFile | undefined): Promise<AttachmentDto> {
    if (!file) throw new BadRequestException({ message: 'Validation failed: file is required', details: [{ field: 'file', errors: ['file is required'] }] });
    try {
      await this.parents.assertReadable(dto.parent_type, dto.parent_id);
      const fileName = safeFileName(file.originalname);
      const contentType = checkContent(file.mimetype, fileName, await readHead(file.path, SNIFF_BYTES));
      const sha256 = await sha256Of(file.path);
      const id = uuidv7();
      const key = attachmentKey(this.records.organizationId, id);
      await this.storage.put(key, createReadStream(file.path), contentType, { size: file.size, sha256 });
      try {
        return await this.records.transaction(async (manager) => {
          const attachment = await this.attachments.insert(manager, {
            id,
            ...parentColumns(dto.parent_type, dto.parent_id),
            fileName,
            contentType,
            sizeBytes: String(file.size),
            sha256,
            storageKey: key,
            authorId: authorIdOf(this.records.principal),
          });
          await this.records.written(manager, ATTACHMENT, 'create', null, attachment);
          return toAttachmentDto(attachment);
        });
      } catch (e) {
        await this.storage.delete(key).catch((err: Error) => this.logger.error(`Stored object ${key} of a failed upload could not be removed: ${err.message}`));
        throw e;
      }
    } finally {
      await rm(file.path, { force: true });
    }
  }

  async remove(id: string): Promise<void> {
    const removed = await this.records.transaction(async (manager) => {
      const before = await this.readable(id, manager);
      assertMayChange(this.records.principal, before.authorId, 'attachment');
      await this.attachments.deleteById(manager, id);
      await this.records.written(manager, ATTACHMENT, 'delete', before, null);
      return before;
    });
    // The row is gone for good, and its delete queued the file's removal (trigger): done here at
    // once, the queued removal is dropped; if this fails, the worker's clean-up retries it.
    try {
      await this.storage.delete(removed.storageKey);
      await this.deletions.forget(removed.organizationId, [removed.storageKey]);
    } catch (err) {
      this.logger.warn(`Stored object ${removed.storageKey} of deleted attachment ${id} could not be removed now (the worker retries): ${(err as Error).message}`);
    }
  }

  /** The attachment if its parent is readable by the caller, else 404 (locked when in a transaction). */
  private async readable(id: string, manager?: EntityManager): Promise<Attachment> {
    const attachment = manager ? await this.attachments.lockById(manager, id) : await this.attachments.getById(id);
    await this.parents.assertReadable(attachment.parentType, parentIdOf(attachment), manager);
    return attachment;
  }
}
