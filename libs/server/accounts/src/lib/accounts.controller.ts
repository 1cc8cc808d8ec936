import { Body, Headers, Query, Res } from '@nestjs/common';
import { ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { parseIfMatch, Roles, listOrCsv, IdParam, withEtag, ApiController, GetRecord, ListRecords, CreateRecord, DeleteRecord, PatchRecord, PutRecord } from '@clockwork/server-core';
import { AccountDto, AccountPageDto, AccountQueryDto, CreateAccountDto, ErrorResponseDto, PatchAccountDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { ACCOUNT_CSV_COLUMNS } from './account.mapper';
import { AccountsService } from './accounts.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the account changed since' };

@ApiController('accounts', 'accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @ListRecords(AccountPageDto)
  @Roles('admin', 'manager', 'sales')
  list(@Query() query: AccountQueryDto, @Res({ passthrough: true }) res: Response): Promise<AccountPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'accounts.csv', columns: ACCOUNT_CSV_COLUMNS, extra: () => this.accounts.customFieldCsvColumns() }, (q) => this.accounts.list(q));
  }

  @CreateRecord(AccountDto)
  @Roles('admin', 'manager', 'sales')
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'owner_id or primary_contact_id is not of this organization' })
  create(@Body() dto: CreateAccountDto): Promise<AccountDto> {
    return this.accounts.create(dto);
  }

  @GetRecord(AccountDto)
  @Roles('admin', 'manager', 'sales')
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<AccountDto> {
    return withEtag(res, await this.accounts.get(id));
  }

  @PutRecord(IF_MATCH, AccountDto, 'Every field replaced; omitted optional fields become null')
  @Roles('admin', 'manager', 'sales')
  replace(@IdParam() id: string, @Body() dto: CreateAccountDto, @Headers('if-match') ifMatch?: string): Promise<AccountDto> {
    return this.accounts.update(id, dto, true, parseIfMatch(ifMatch));
  }

  @PatchRecord(IF_MATCH, AccountDto, 'Only the fields sent are changed')
  @Roles('admin', 'manager', 'sales')
  patch(@IdParam() id: string, @Body() dto: PatchAccountDto, @Headers('if-match') ifMatch?: string): Promise<AccountDto> {
    return this.accounts.update(id, dto, false, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles('admin', 'manager', 'sales')
  remove(@IdParam() id: string): Promise<void> {
    return this.accounts.remove(id);
  }
}
