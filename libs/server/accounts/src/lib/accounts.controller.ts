import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiPreconditionFailedResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { etagOf, parseIfMatch, Roles, listOrCsv } from '@clockwork/server-core';
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
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AccountPageDto })
  list(@Query() query: AccountQueryDto, @Res({ passthrough: true }) res: Response): Promise<AccountPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'accounts.csv', columns: ACCOUNT_CSV_COLUMNS }, (q) => this.accounts.list(q));
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
  @ApiOkResponse({ type: AccountDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response): Promise<AccountDto> {
    const account = await this.accounts.get(id);
    res.setHeader('ETag', etagOf(account.version));
    return account;
  }

  @Put(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AccountDto, description: 'Every field replaced; omitted optional fields become null' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  replace(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateAccountDto, @Headers('if-match') ifMatch?: string): Promise<AccountDto> {
    return this.accounts.update(id, dto, true, parseIfMatch(ifMatch));
  }

  @Patch(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AccountDto, description: 'Only the fields sent are changed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  patch(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchAccountDto, @Headers('if-match') ifMatch?: string): Promise<AccountDto> {
    return this.accounts.update(id, dto, false, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'manager', 'sales')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.accounts.remove(id);
  }
}
