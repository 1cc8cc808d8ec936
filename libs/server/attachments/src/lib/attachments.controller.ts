import { Body, Delete, Get, HttpCode, HttpStatus, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { AnyRole, listOrCsv, IdParam, ApiController, ListRecords } from '@clockwork/server-core';
import { ATTACHMENT_CONTENT_TYPES, AttachmentDto, AttachmentPageDto, AttachmentQueryDto, ErrorResponseDto, RECORD_PARENT_TYPES, UploadAttachmentDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { ATTACHMENT_CSV_COLUMNS } from './attachment.mapper';
import { AttachmentsService, UploadedSpoolFile } from './attachments.service';
import { contentDisposition } from './content-disposition.util';

const PARENT_404 = { type: ErrorResponseDto, description: 'The parent (or attachment) does not exist in your organization, or your role may not read its type' };

@ApiController('attachments', 'attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @ListRecords(AttachmentPageDto)
  @AnyRole()
  @ApiOperation({ summary: 'The attachments of one account, contact, deal or task, newest first' })
  @ApiNotFoundResponse(PARENT_404)
  list(@Query() query: AttachmentQueryDto, @Res({ passthrough: true }) res: Response): Promise<AttachmentPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'attachments.csv', columns: ATTACHMENT_CSV_COLUMNS }, (q) => this.attachments.list(q));
  }

  @Post()
  @AnyRole()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Uploads a file (multipart/form-data) to an account, contact, deal or task' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'parent_type', 'parent_id'],
      properties: {
        file: { type: 'string', format: 'binary', description: `At most ATTACHMENT_MAX_BYTES (default 25 MiB); one of ${ATTACHMENT_CONTENT_TYPES.join(', ')}` },
        parent_type: { type: 'string', enum: [...RECORD_PARENT_TYPES] },
        parent_id: { type: 'string', format: 'uuid' },
      },
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiNotFoundResponse(PARENT_404)
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'The file is larger than ATTACHMENT_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'The type is not allowed, or the content does not match it' })
  upload(@Body() dto: UploadAttachmentDto, @UploadedFile() file?: UploadedSpoolFile): Promise<AttachmentDto> {
    return this.attachments.upload(dto, file);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: AttachmentDto })
  @ApiNotFoundResponse(PARENT_404)
  get(@IdParam() id: string): Promise<AttachmentDto> {
    return this.attachments.get(id);
  }

  @Get(':id/content')
  @AnyRole()
  @ApiOperation({ summary: "The file's bytes, as a download with its stored content type" })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The bytes, with Content-Type as stored and Content-Disposition: attachment' })
  @ApiNotFoundResponse(PARENT_404)
  async content(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { attachment, stream } = await this.attachments.content(id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-cache');
    return new StreamableFile(stream, { type: attachment.content_type, disposition: contentDisposition(attachment.file_name), length: attachment.size_bytes });
  }

  @Delete(':id')
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Only the uploader, admins and managers may delete an attachment' })
  @AnyRole()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(PARENT_404)
  remove(@IdParam() id: string): Promise<void> {
    return this.attachments.remove(id);
  }
}
