import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IdParam, RequestContext, Roles, ApiRecord, PostAction } from '@clockwork/server-core';
import { AutoApplyResultDto, AutoApplyRunDto, DismissSuggestedRuleDto, ErrorResponseDto, RulePrecisionListDto, SuggestedRulesDto, SuggestedRulesQueryDto, TimeEntryDto } from '@clockwork/shared-dto';
import { MappingLearningService } from './mapping-learning.service';
import { SuggestionAutoApplyService } from './suggestion-auto-apply.service';

/** Mapping that learns (docs/insights.md): rule precision, suggested rules, auto-applied suggestions and their undo. */
@ApiTags('insights')
@Controller('insights')
export class MappingLearningController {
  constructor(
    private readonly learning: MappingLearningService,
    private readonly autoApply: SuggestionAutoApplyService,
    private readonly context: RequestContext,
  ) {}

  @Get('rule-precision')
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Precision of each mapping rule: of the time entries it mapped, the share still on its deal and task',
    description: 'mapped: entries the rule was the last rule to map; stayed: still on the deal and task it gave them; reassigned: moved elsewhere by a person in the review queue; precision = stayed / mapped.',
  })
  @ApiOkResponse({ type: RulePrecisionListDto })
  rulePrecision(): Promise<RulePrecisionListDto> {
    return this.learning.rulePrecision();
  }

  @Get('suggested-rules')
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Rules people keep making by hand: a project name, tag, activity type, employee or user assigned to one open deal at least min_decisions times (80 % of its decisions), that no rule covers',
    description: 'Each suggestion carries the body of POST /mapping-rules that creates it; dismissed suggestions are left out.',
  })
  @ApiOkResponse({ type: SuggestedRulesDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'min_decisions out of range, named in details' })
  suggestedRules(@Query() q: SuggestedRulesQueryDto): Promise<SuggestedRulesDto> {
    return this.learning.suggestedRules(q);
  }

  @Post('suggested-rules/dismiss')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Dismisses a suggested rule (its pattern and deal) for the organization; audited' })
  @ApiNoContentResponse({ description: 'Dismissed (again: nothing changes)' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad field, named in details' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'deal_id is not a deal of this organization' })
  dismissSuggestedRule(@Body() dto: DismissSuggestedRuleDto): Promise<void> {
    return this.learning.dismiss(dto);
  }

  @PostAction('auto-apply')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: "Runs the auto-apply of mapping suggestions for the organization now (the worker runs it after each insights job); nothing while the setting is off" })
  @ApiOkResponse({ type: AutoApplyResultDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The body has a field (it takes none)' })
  runAutoApply(@Body() _body: AutoApplyRunDto): Promise<AutoApplyResultDto> {
    return this.autoApply.run(this.context.organizationId);
  }

  @PostAction('auto-applied/:id/undo')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Undoes an auto-applied suggestion: the entry goes back into the review queue (unmapped, reason suggestion_undone) and is never auto-applied again; audited' })
  @ApiRecord(TimeEntryDto)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The entry is not mapped by an auto-applied suggestion now' })
  undoAutoApplied(@IdParam() id: string): Promise<TimeEntryDto> {
    return this.autoApply.undo(id);
  }
}
