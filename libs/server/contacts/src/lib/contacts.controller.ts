import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiPreconditionFailedResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { etagOf, parseIfMatch, Roles, listOrCsv } from '@clockwork/server-core';
import { ContactDto, ContactPageDto, ContactQueryDto, CreateContactDto, ErrorResponseDto, PatchContactDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { CONTACT_CSV_COLUMNS } from './contact.mapper';
import { ContactsService } from './contacts.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the contact changed since' };
const UNPROCESSABLE = { type: ErrorResponseDto, description: 'account_id or owner_id is not of this organization' };

@ApiTags('contacts')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ContactPageDto })
  list(@Query() query: ContactQueryDto, @Res({ passthrough: true }) res: Response): Promise<ContactPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'contacts.csv', columns: CONTACT_CSV_COLUMNS }, (q) => this.contacts.list(q));
  }

  @Post()
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiCreatedResponse({ type: ContactDto })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  create(@Body() dto: CreateContactDto): Promise<ContactDto> {
    return this.contacts.create(dto);
  }

  @Get(':id')
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiOkResponse({ type: ContactDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response): Promise<ContactDto> {
    const contact = await this.contacts.get(id);
    res.setHeader('ETag', etagOf(contact.version));
    return contact;
  }

  @Put(':id')
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContactDto, description: 'Every field replaced; omitted optional fields become null (tags empty)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  replace(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateContactDto, @Headers('if-match') ifMatch?: string): Promise<ContactDto> {
    return this.contacts.update(id, dto, true, parseIfMatch(ifMatch));
  }

  @Patch(':id')
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ContactDto, description: 'Only the fields sent are changed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  patch(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchContactDto, @Headers('if-match') ifMatch?: string): Promise<ContactDto> {
    return this.contacts.update(id, dto, false, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'manager', 'sales', 'support')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.contacts.remove(id);
  }
}
