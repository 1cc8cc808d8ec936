import { Body, Headers, Query, Res } from '@nestjs/common';
import { ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { parseIfMatch, Roles, listOrCsv, IdParam, withEtag, ApiController, GetRecord, ListRecords, CreateRecord, DeleteRecord, PatchRecord, PutRecord } from '@clockwork/server-core';
import { ContactDto, ContactPageDto, ContactQueryDto, CreateContactDto, ErrorResponseDto, PatchContactDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { CONTACT_CSV_COLUMNS } from './contact.mapper';
import { ContactsService } from './contacts.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the contact changed since' };
const UNPROCESSABLE = { type: ErrorResponseDto, description: 'account_id or owner_id is not of this organization' };

@ApiController('contacts', 'contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @ListRecords(ContactPageDto)
  @Roles('admin', 'manager', 'sales', 'support')
  list(@Query() query: ContactQueryDto, @Res({ passthrough: true }) res: Response): Promise<ContactPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'contacts.csv', columns: CONTACT_CSV_COLUMNS, extra: () => this.contacts.customFieldCsvColumns() }, (q) => this.contacts.list(q));
  }

  @CreateRecord(ContactDto)
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  create(@Body() dto: CreateContactDto): Promise<ContactDto> {
    return this.contacts.create(dto);
  }

  @GetRecord(ContactDto)
  @Roles('admin', 'manager', 'sales', 'support')
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<ContactDto> {
    return withEtag(res, await this.contacts.get(id));
  }

  @PutRecord(IF_MATCH, ContactDto, 'Every field replaced; omitted optional fields become null (tags empty)')
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  replace(@IdParam() id: string, @Body() dto: CreateContactDto, @Headers('if-match') ifMatch?: string): Promise<ContactDto> {
    return this.contacts.update(id, dto, true, parseIfMatch(ifMatch));
  }

  @PatchRecord(IF_MATCH, ContactDto, 'Only the fields sent are changed')
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  patch(@IdParam() id: string, @Body() dto: PatchContactDto, @Headers('if-match') ifMatch?: string): Promise<ContactDto> {
    return this.contacts.update(id, dto, false, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles('admin', 'manager', 'sales', 'support')
  remove(@IdParam() id: string): Promise<void> {
    return this.contacts.remove(id);
  }
}
