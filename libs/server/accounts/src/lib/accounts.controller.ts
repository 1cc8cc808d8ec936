import { Body, Controller, Delete, Get, Headers, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { parseIfMatch, Roles, listOrCsv, IdParam, ApiPageOrCsv, ApiRecord, ApiVersionedWrite, ApiDeleted, withEtag } from '@clockwork/server-core';
import { AccountDto, AccountPageDto, AccountQueryDto, CreateAccountDto, ErrorResponseDto, PatchAccountDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { ACCOUNT_CSV_COLUMNS } from './account.mapper';
import { AccountsService } from './accounts.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the account changed since' };

@ApiTags('accounts')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Roles('admin', 'manager', 'sales')
  @ApiPageOrCsv(AccountPageDto)
  list(@Query() query: AccountQueryDto, @Res({ passthrough: true }) res: Response): Promise<AccountPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'accounts.csv', columns: ACCOUNT_CSV_COLUMNS, extra: () => this.accounts.customFieldCsvColumns() }, (q) => this.accounts.list(q));
  }

  @Post()
  @Roles('admin', 'manager', 'sales')
  @ApiCreatedResponse({ type: AccountDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'owner_id or primary_contact_id is not of this organization' })
  create(@Body() dto: CreateAccountDto): Promise<AccountDto> {
    return this.accounts.create(dto);
  }

  @Get(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiRecord(AccountDto)
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<AccountDto> {
    return withEtag(res, await this.accounts.get(id));
  }

  @Put(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiVersionedWrite(IF_MATCH, AccountDto, 'Every field replaced; omitted optional fields become null')
  replace(@IdParam() id: string, @Body() dto: CreateAccountDto, @Headers('if-match') ifMatch?: string): Promise<AccountDto> {
    return this.accounts.update(id, dto, true, parseIfMatch(ifMatch));
  }

  @Patch(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiVersionedWrite(IF_MATCH, AccountDto, 'Only the fields sent are changed')
  patch(@IdParam() id: string, @Body() dto: PatchAccountDto, @Headers('if-match') ifMatch?: string): Promise<AccountDto> {
    return this.accounts.update(id, dto, false, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiDeleted()
  remove(@IdParam() id: string): Promise<void> {
    return this.accounts.remove(id);
  }
}
