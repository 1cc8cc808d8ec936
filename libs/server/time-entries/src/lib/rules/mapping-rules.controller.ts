import { Body, Delete, Get, Headers, HttpCode, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { listOrCsv, parseIfMatch, Roles, IdParam, withEtag, ApiController, GetRecord, CreateRecord, PatchRecord } from '@clockwork/server-core';
import { CreateMappingRuleDto, ErrorResponseDto, MappingRuleDto, MappingRulePageDto, MappingRuleQueryDto, PatchMappingRuleDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { MAPPING_RULE_CSV_COLUMNS } from './mapping-rule.mapper';
import { MappingRulesService } from './mapping-rules.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the rule changed since' };
const REFERENCES = 'deal_id, task_id or user_id is not of this organization, or the task is of another deal';

@ApiController('mapping-rules', 'mapping-rules')
export class MappingRulesController {
  constructor(private readonly rules: MappingRulesService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: MappingRulePageDto, description: 'By default in the order rules are tried (priority, then age)' })
  list(@Query() query: MappingRuleQueryDto, @Res({ passthrough: true }) res: Response): Promise<MappingRulePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'mapping-rules.csv', columns: MAPPING_RULE_CSV_COLUMNS }, (q) => this.rules.list(q));
  }

  @CreateRecord(MappingRuleDto, 'Created; the review queue is re-mapped in the background')
  @Roles('admin', 'manager')
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: REFERENCES })
  create(@Body() dto: CreateMappingRuleDto): Promise<MappingRuleDto> {
    return this.rules.create(dto);
  }

  @GetRecord(MappingRuleDto)
  @Roles('admin', 'manager')
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<MappingRuleDto> {
    return withEtag(res, await this.rules.get(id));
  }

  @PatchRecord(IF_MATCH, MappingRuleDto, 'Only the fields sent are changed; the review queue is re-mapped in the background')
  @Roles('admin', 'manager')
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: REFERENCES })
  patch(@IdParam() id: string, @Body() dto: PatchMappingRuleDto, @Headers('if-match') ifMatch?: string): Promise<MappingRuleDto> {
    return this.rules.update(id, dto, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted; entries it mapped stay mapped' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@IdParam() id: string): Promise<void> {
    return this.rules.remove(id);
  }
}
