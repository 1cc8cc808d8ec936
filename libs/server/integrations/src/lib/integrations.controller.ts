import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { listOrCsv, parseIfMatch, Roles, IdParam, ApiPageOrCsv, ApiRecord, ApiVersionedWrite, ApiDeleted, withEtag } from '@clockwork/server-core';
import { CreateIntegrationDto, ErrorResponseDto, IntegrationDto, IntegrationPageDto, IntegrationQueryDto, IntegrationWithSecretDto, PatchIntegrationDto, RotateIntegrationSecretDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { INTEGRATION_CSV_COLUMNS } from './integration.mapper';
import { IntegrationsService } from './integrations.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the integration changed since' };

@ApiTags('integrations')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('integrations')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiPageOrCsv(IntegrationPageDto)
  list(@Query() query: IntegrationQueryDto, @Res({ passthrough: true }) res: Response): Promise<IntegrationPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'integrations.csv', columns: INTEGRATION_CSV_COLUMNS }, (q) => this.integrations.list(q));
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: IntegrationWithSecretDto, description: 'The signing secret is shown only in this answer (and on rotation)' })
  create(@Body() dto: CreateIntegrationDto): Promise<IntegrationWithSecretDto> {
    return this.integrations.create(dto);
  }

  @Get(':id')
  @Roles('admin', 'manager')
  @ApiRecord(IntegrationDto)
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<IntegrationDto> {
    return withEtag(res, await this.integrations.get(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiVersionedWrite(IF_MATCH, IntegrationDto)
  patch(@IdParam() id: string, @Body() dto: PatchIntegrationDto, @Headers('if-match') ifMatch?: string): Promise<IntegrationDto> {
    return this.integrations.update(id, dto, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiDeleted()
  remove(@IdParam() id: string): Promise<void> {
    return this.integrations.remove(id);
  }

  @Post(':id/rotate-secret')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiRecord(IntegrationWithSecretDto, 'The new secret, shown only now; the old one is accepted until previous_secret_expires_at')
  rotateSecret(@IdParam() id: string, @Body() dto: RotateIntegrationSecretDto): Promise<IntegrationWithSecretDto> {
    return this.integrations.rotateSecret(id, dto);
  }
}
