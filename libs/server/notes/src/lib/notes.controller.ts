import { Body, Delete, Get, HttpCode, HttpStatus, Patch, Query, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AnyRole, listOrCsv, IdParam, ApiController, ListRecords, CreateRecord } from '@clockwork/server-core';
import { CreateNoteDto, ErrorResponseDto, NoteDto, NotePageDto, NoteQueryDto, PatchNoteDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { NOTE_CSV_COLUMNS } from './note.mapper';
import { NotesService } from './notes.service';

const PARENT_404 = { type: ErrorResponseDto, description: 'The parent (or note) does not exist in your organization, or your role may not read its type' };

@ApiController('notes', 'notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @ListRecords(NotePageDto)
  @AnyRole()
  @ApiOperation({ summary: 'The notes of one account, contact, deal or task that you may see, newest first' })
  @ApiNotFoundResponse(PARENT_404)
  list(@Query() query: NoteQueryDto, @Res({ passthrough: true }) res: Response): Promise<NotePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'notes.csv', columns: NOTE_CSV_COLUMNS }, (q) => this.notes.list(q));
  }

  @CreateRecord(NoteDto)
  @AnyRole()
  @ApiNotFoundResponse(PARENT_404)
  create(@Body() dto: CreateNoteDto): Promise<NoteDto> {
    return this.notes.create(dto);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: NoteDto })
  @ApiNotFoundResponse(PARENT_404)
  get(@IdParam() id: string): Promise<NoteDto> {
    return this.notes.get(id);
  }

  @Patch(':id')
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Only the author, admins and managers may change a note' })
  @AnyRole()
  @ApiOkResponse({ type: NoteDto, description: 'Only the fields sent are changed' })
  @ApiNotFoundResponse(PARENT_404)
  patch(@IdParam() id: string, @Body() dto: PatchNoteDto): Promise<NoteDto> {
    return this.notes.update(id, dto);
  }

  @Delete(':id')
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Only the author, admins and managers may delete a note' })
  @AnyRole()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(PARENT_404)
  remove(@IdParam() id: string): Promise<void> {
    return this.notes.remove(id);
  }
}
