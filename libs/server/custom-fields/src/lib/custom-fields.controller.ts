import { Body, Delete, Get, Headers, HttpCode, HttpStatus, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AnyRole, IdParam, parseIfMatch, Roles, ApiController, CreateRecord, PostAction, PatchRecord } from '@clockwork/server-core';
import { CreateCustomFieldDto, CustomFieldDto, CustomFieldListDto, CustomFieldQueryDto, ErrorResponseDto, PatchCustomFieldDto } from '@clockwork/shared-dto';
import { CustomFieldsService } from './custom-fields.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the field changed since' };
const NOT_FOUND = { type: ErrorResponseDto, description: 'No such live custom field in your organization' };

@ApiController('custom-fields', 'custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The custom fields of accounts, contacts, deals and tasks (of one record type when given), in form order; deleted=true: the restorable deleted ones' })
  @ApiOkResponse({ type: CustomFieldListDto })
  list(@Query() query: CustomFieldQueryDto): Promise<CustomFieldListDto> {
    return this.fields.list(query);
  }

  @CreateRecord(CustomFieldDto)
  @Roles('admin')
  @ApiOperation({ summary: 'Defines a custom field; its key is the stable key of the values in the records’ custom_fields' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The key is taken for the record type, or it has 50 fields' })
  create(@Body() dto: CreateCustomFieldDto): Promise<CustomFieldDto> {
    return this.fields.create(dto);
  }

  @PatchRecord(IF_MATCH, CustomFieldDto, 'Renames (values are kept), reorders, changes options or whether it is required; key and type never change')
  @Roles('admin')
  @ApiNotFoundResponse(NOT_FOUND)
  patch(@IdParam() id: string, @Body() dto: PatchCustomFieldDto, @Headers('if-match') ifMatch?: string): Promise<CustomFieldDto> {
    return this.fields.update(id, dto, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Deletes a custom field: gone from forms and writes, values kept; POST /custom-fields/{id}/restore within 30 days brings it back' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  remove(@IdParam() id: string): Promise<void> {
    return this.fields.remove(id);
  }

  @PostAction(':id/restore')
  @Roles('admin')
  @ApiOperation({ summary: 'Restores a custom field deleted less than 30 days ago, with its values' })
  @ApiOkResponse({ type: CustomFieldDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No field deleted less than 30 days ago with this id' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The record type already has 50 fields' })
  restore(@IdParam() id: string): Promise<CustomFieldDto> {
    return this.fields.restore(id);
  }
}
