import { Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { Roles, sendCsv, ApiController } from '@clockwork/server-core';
import { ErrorResponseDto, InvoiceExportQueryDto, InvoicePeriodExportQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { AccountingExportService, AccountingFile } from './accounting-export.service';

const send = (res: Response, file: AccountingFile) => sendCsv(res, file.fileName, file.columns, (async function* () { yield file.rows; })());
const CSV = { description: 'CSV, one row per invoice line, in the columns of the format (docs/accounting-exports.md)', schema: { type: 'string' } };

/** Accounting exports of issued and paid invoices. Registered before InvoicesController so `/invoices/export` is not taken for an id. */
@ApiController('billing', 'invoices')
export class AccountingExportController {
  constructor(private readonly exports: AccountingExportService) {}

  @Get('export')
  @Roles('admin', 'manager')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  async period(@Query() query: InvoicePeriodExportQueryDto, @Res() res: Response): Promise<void> {
    await send(res, await this.exports.period(query));
  }

  @Get(':id/export')
  @Roles('admin', 'manager')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The invoice is a draft or void' })
  async one(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: InvoiceExportQueryDto, @Res() res: Response): Promise<void> {
    await send(res, await this.exports.one(id, query));
  }
}
