import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { listOrCsv, Roles } from '@clockwork/server-core';
import { CreateInvoiceDto, ErrorResponseDto, InvoiceFormatQueryDto, InvoicePageDto, InvoicePreviewDto, InvoiceQueryDto, InvoiceWithLinesDto, PayInvoiceDto, VoidInvoiceDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { sendInvoiceCsv } from './invoice-csv';
import { renderInvoicePdf } from './invoice-pdf';
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
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: InvoicePageDto })
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
  @ApiOkResponse({ type: InvoiceWithLinesDto, description: '?format=csv: the lines and totals as CSV; ?format=pdf: the invoice as PDF' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: InvoiceFormatQueryDto, @Res({ passthrough: true }) res: Response): Promise<InvoiceWithLinesDto | undefined> {
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
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(CONFLICT)
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.invoices.remove(id);
  }

  @Post(':id/issue')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InvoiceWithLinesDto, description: 'draft -> issued: numbered INV-<year>-<nnnn>, `invoice.issued` recorded' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(CONFLICT)
  issue(@Param('id', new ParseUUIDPipe()) id: string): Promise<InvoiceWithLinesDto> {
    return this.invoices.issue(id);
  }

  @Post(':id/pay')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InvoiceWithLinesDto, description: 'issued -> paid' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(CONFLICT)
  pay(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PayInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.pay(id, dto);
  }

  @Post(':id/void')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InvoiceWithLinesDto, description: 'draft | issued -> void; its time entries can be invoiced again' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse(CONFLICT)
  void(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: VoidInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.invoices.void(id, dto);
  }
}
