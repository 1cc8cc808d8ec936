import { Body, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Put, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { UsersOnly, ApiController, CreateRecord } from '@clockwork/server-core';
import { CreateSavedViewDto, ErrorResponseDto, ROLES, PatchSavedViewDto, SavedViewDto, SavedViewListDto, SavedViewQueryDto } from '@clockwork/shared-dto';
import { SavedViewsService } from './saved-views.service';

const NOT_FOUND = { type: ErrorResponseDto, description: "No such view in your organization, someone else's private view, or a shared view of a list your role may not open" };
const NOT_EDITOR = { type: ErrorResponseDto, description: 'Only the owner (or an admin, for a shared view) may change or delete it' };

@ApiController('saved-views', 'saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @UsersOnly(...ROLES)
  @ApiOperation({ summary: "Your views of a list and the ones shared with the organization, by name (is_default marks yours)" })
  @ApiOkResponse({ type: SavedViewListDto })
  list(@Query() query: SavedViewQueryDto): Promise<SavedViewListDto> {
    return this.views.list(query.list);
  }

  @CreateRecord(SavedViewDto)
  @UsersOnly(...ROLES)
  @ApiOperation({ summary: "Saves a view of a list your role may open; filters are checked against the list's filter keys" })
  create(@Body() dto: CreateSavedViewDto): Promise<SavedViewDto> {
    return this.views.create(dto);
  }

  @Patch(':id')
  @UsersOnly(...ROLES)
  @ApiForbiddenResponse(NOT_EDITOR)
  @ApiOkResponse({ type: SavedViewDto, description: 'Only the fields sent are changed' })
  @ApiNotFoundResponse(NOT_FOUND)
  patch(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchSavedViewDto): Promise<SavedViewDto> {
    return this.views.update(id, dto);
  }

  @Delete(':id')
  @UsersOnly(...ROLES)
  @ApiForbiddenResponse(NOT_EDITOR)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.views.remove(id);
  }

  @Put(':id/default')
  @UsersOnly(...ROLES)
  @ApiOperation({ summary: 'Makes it your default view of its list (applied when you open the list without filters)' })
  @ApiOkResponse({ type: SavedViewDto })
  @ApiNotFoundResponse(NOT_FOUND)
  makeDefault(@Param('id', new ParseUUIDPipe()) id: string): Promise<SavedViewDto> {
    return this.views.makeDefault(id);
  }

  @Delete(':id/default')
  @UsersOnly(...ROLES)
  @ApiOperation({ summary: 'Stops it being your default view' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  unsetDefault(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.views.unsetDefault(id);
  }
}
