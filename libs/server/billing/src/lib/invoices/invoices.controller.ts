import { Body, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiProduces, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { listOrCsv, Roles, IdParam, ApiRecord, ApiController, GetRecord, ListRecords, CreateRecord, PostAction, DeleteRecord } from '@clockwork/server-core';
import { CreateInvoiceDto, ErrorResponseDto, InvoiceFormatQueryDto, InvoicePageDto, InvoicePreviewDto, InvoiceQueryDto, InvoiceWithLinesDto, PayInvoiceDto, VoidInvoiceDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { sendInvoiceCsv } from './invoice-csv.builder';
import { renderInvoicePdf } from './invoice-pdf.builder';
import { INVOICE_CSV_COLUMNS } from './invoice.mapper';
import { InvoicesService } from './invoices.service';

const CONFLICT = { type: ErrorResponseDto, description: 'The invoice is in a state that does not allow this (the message names it)' };

@ApiController('billing', 'invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @ListRecords(InvoicePageDto)
  @Roles('admin', 'manager')
  list(@Query() query: InvoiceQueryDto, @Res({ passthrough: true }) res: Response): Promise<InvoicePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'invoices.csv', columns: INVOICE_CSV_COLUMNS }, (q) => this.invoices.list(q));
  }

  @CreateRecord(InvoiceWithLinesDto, 'A draft built from the billable, not yet invoiced time of the scope and period')
  @Roles('admin', 'manager')
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Unknown account/deal, nothing to bill, an entry without a rate, or no stored exchange rate' })
  create(@Body() dto: CreateInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.create(dto);
  }

  @PostAction('preview')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: InvoicePreviewDto, description: 'The draft POST /invoices would create now for the same body, with the time entries behind each line; nothing is stored' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'As POST /invoices: unknown account/deal, nothing to bill, an entry without a rate, or no stored exchange rate' })
  preview(@Body() dto: CreateInvoiceDto): Promise<InvoicePreviewDto> {
    return this.invoices.preview(dto);
  }

  @GetRecord(InvoiceWithLinesDto, '?format=csv: the lines and totals as CSV; ?format=pdf: the invoice as PDF')
  @Roles('admin', 'manager')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
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

  @DeleteRecord()
  @Roles('admin', 'manager')
  @ApiConflictResponse(CONFLICT)
  remove(@IdParam() id: string): Promise<void> {
    return this.invoices.remove(id);
  }

  @PostAction(':id/issue')
  @Roles('admin', 'manager')
  @ApiRecord(InvoiceWithLinesDto, 'draft -> issued: numbered INV-<year>-<nnnn>, `invoice.issued` recorded')
  @ApiConflictResponse(CONFLICT)
  issue(@IdParam() id: string): Promise<InvoiceWithLinesDto> {
    return this.invoices.issue(id);
  }

  @PostAction(':id/pay')
  @Roles('admin', 'manager')
  @ApiRecord(InvoiceWithLinesDto, 'issued -> paid')
  @ApiConflictResponse(CONFLICT)
  pay(@IdParam() id: string, @Body() dto: PayInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.pay(id, dto);
  }

  @PostAction(':id/void')
  @Roles('admin', 'manager')
  @ApiRecord(InvoiceWithLinesDto, 'draft | issued -> void; its time entries can be invoiced again')
  @ApiConflictResponse(CONFLICT)
  void(@IdParam() id: string, @Body() dto: VoidInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.void(id, dto);
  }
}
