import { BadRequestException, Body, Delete, Get, Param, ParseEnumPipe, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { Roles, ApiDeleted, ApiController, PostAction } from '@clockwork/server-core';
import { ErrorResponseDto, PutRetentionPolicyDto, RETENTION_KINDS, RetentionDryRunDto, RetentionKind, RetentionPolicyDto, RetentionPolicyListDto } from '@clockwork/shared-dto';
import { RetentionPoliciesService } from './retention-policies.service';

const KIND = { name: 'kind', enum: RETENTION_KINDS };
const KIND_ERROR = `kind must be one of: ${RETENTION_KINDS.join(', ')}`;
const kindPipe = () =>
  new ParseEnumPipe(Object.fromEntries(RETENTION_KINDS.map((k) => [k, k])), {
    exceptionFactory: () => new BadRequestException({ message: `Validation failed: ${KIND_ERROR}`, details: [{ field: 'kind', errors: [KIND_ERROR] }] }),
  });

@ApiController('retention', 'retention-policies')
export class RetentionPoliciesController {
  constructor(private readonly policies: RetentionPoliciesService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: RetentionPolicyListDto })
  list(): Promise<RetentionPolicyListDto> {
    return this.policies.list();
  }

  @PostAction('dry-run')
  @Roles('admin')
  @ApiOperation({ summary: 'How many rows each policy would delete or anonymize if applied now; changes nothing' })
  @ApiOkResponse({ type: RetentionDryRunDto })
  dryRun(): Promise<RetentionDryRunDto> {
    return this.policies.dryRun();
  }

  @Put(':kind')
  @Roles('admin')
  @ApiParam(KIND)
  @ApiOperation({ summary: "Sets the kind's policy (keep N months, then delete or anonymize); the worker applies it" })
  @ApiOkResponse({ type: RetentionPolicyDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  put(@Param('kind', kindPipe()) kind: RetentionKind, @Body() dto: PutRetentionPolicyDto): Promise<RetentionPolicyDto> {
    return this.policies.put(kind, dto);
  }

  @Delete(':kind')
  @Roles('admin')
  @ApiParam(KIND)
  @ApiDeleted()
  remove(@Param('kind', kindPipe()) kind: RetentionKind): Promise<void> {
    return this.policies.remove(kind);
  }
}
