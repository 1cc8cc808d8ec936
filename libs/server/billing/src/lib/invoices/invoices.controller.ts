import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { listOrCsv, Roles, IdParam, ApiPageOrCsv, ApiRecord, ApiDeleted } from '@clockwork/server-core';
import { CreateInvoiceDto, ErrorResponseDto, InvoiceFormatQueryDto, InvoicePageDto, InvoicePreviewDto, InvoiceQueryDto, InvoiceWithLinesDto, PayInvoiceDto, VoidInvoiceDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { sendInvoiceCsv } from './invoice-csv.builder';
import { renderInvoicePdf } from './invoice-pdf.builder';
import { INVOICE_CSV_COLUMNS } from './invoice.mapper';
import { InvoicesService } from './invoices.service';

const CONFLICT = { type: ErrorResponseDto, description: 'The invoice is in a state that does not allow this (the message names it)' };

@ApiTags('billing')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiPageOrCsv(InvoicePageDto)
  list(@Query() query: InvoiceQueryDto, @Res({ passthrough: true }) res: Response): Promise<InvoicePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'invoices.csv', columns: INVOICE_CSV_COLUMNS }, (q) => this.invoices.list(q));
  }

  @Post()
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ type: InvoiceWithLinesDto, description: 'A draft built from the billable, not yet invoiced time of the scope and period' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Unknown account/deal, nothing to bill, an entry without a rate, or no stored exchange rate' })
  create(@Body() dto: CreateInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.create(dto);
  }

  @Post('preview')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InvoicePreviewDto, description: 'The draft POST /invoices would create now for the same body, with the time entries behind each line; nothing is stored' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'As POST /invoices: unknown account/deal, nothing to bill, an entry without a rate, or no stored exchange rate' })
  preview(@Body() dto: CreateInvoiceDto): Promise<InvoicePreviewDto> {
    return this.invoices.preview(dto);
  }

  @Get(':id')
  @Roles('admin', 'manager')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiRecord(InvoiceWithLinesDto, '?format=csv: the lines and totals as CSV; ?format=pdf: the invoice as PDF')
  async get(@IdParam() id: string, @Query() query: InvoiceFormatQueryDto, @Res({ passthrough: true }) res: Response): Promise<InvoiceWithLinesDto | undefined> {
    const invoice = await this.invoices.get(id);
    if (query.format === 'csv') return sendInvoiceCsv(res, invoice).then(() => undefined);
    if (query.format !== 'pdf') return invoice;
    const pdf = await renderInvoicePdf(invoice);
    res.status(200).setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${invoice.number ?? `invoice-${invoice.id}`}.pdf"`);
    res.end(pdf);
    return undefined;
  }

  @Delete(':id')
  @Roles('admin', 'manager')
  @ApiDeleted()
  @ApiConflictResponse(CONFLICT)
  remove(@IdParam() id: string): Promise<void> {
    return this.invoices.remove(id);
  }

  @Post(':id/issue')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiRecord(InvoiceWithLinesDto, 'draft -> issued: numbered INV-<year>-<nnnn>, `invoice.issued` recorded')
  @ApiConflictResponse(CONFLICT)
  issue(@IdParam() id: string): Promise<InvoiceWithLinesDto> {
    return this.invoices.issue(id);
  }

  @Post(':id/pay')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiRecord(InvoiceWithLinesDto, 'issued -> paid')
  @ApiConflictResponse(CONFLICT)
  pay(@IdParam() id: string, @Body() dto: PayInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.pay(id, dto);
  }

  @Post(':id/void')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiRecord(InvoiceWithLinesDto, 'draft | issued -> void; its time entries can be invoiced again')
  @ApiConflictResponse(CONFLICT)
  void(@IdParam() id: string, @Body() dto: VoidInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.void(id, dto);
  }
}
