import { Body, HttpCode, HttpStatus, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiPayloadTooLargeResponse, getSchemaPath } from '@nestjs/swagger';
import { Roles, listOrCsv, IdParam, ApiController, GetRecord, ListRecords } from '@clockwork/server-core';
import { CREATE_IMPORT_SCHEMA, CreateImportDto, ErrorResponseDto, ImportDto, ImportPageDto, ImportPreviewDto, ImportQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { IMPORT_CSV_COLUMNS } from './import.mapper';
import { ImportsService, UploadedCsv } from './imports.service';

@ApiController('imports', 'imports')
@ApiExtraModels(ImportDto, ImportPreviewDto)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: CREATE_IMPORT_SCHEMA })
  @ApiAcceptedResponse({ type: ImportDto, description: 'Import queued (status pending); poll GET /imports/{id} for progress' })
  @ApiOkResponse({ description: 'dry_run=true: a preview, nothing written', schema: { $ref: getSchemaPath(ImportPreviewDto) } })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'The file is larger than IMPORT_MAX_BYTES' })
  create(@UploadedFile() file: UploadedCsv | undefined, @Body() dto: CreateImportDto, @Res({ passthrough: true }) res: Response): Promise<ImportDto | ImportPreviewDto> {
    if (!dto.dry_run) return this.imports.start(file, dto);
    res.status(HttpStatus.OK);
    return this.imports.preview(file, dto);
  }

  @ListRecords(ImportPageDto)
  @Roles('admin', 'manager')
  list(@Query() query: ImportQueryDto, @Res({ passthrough: true }) res: Response): Promise<ImportPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'imports.csv', columns: IMPORT_CSV_COLUMNS }, (q) => this.imports.list(q));
  }

  @GetRecord(ImportDto)
  @Roles('admin', 'manager')
  get(@IdParam() id: string): Promise<ImportDto> {
    return this.imports.get(id);
  }
}
