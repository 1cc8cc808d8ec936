import { Body, Headers, Query, Res } from '@nestjs/common';

import { listOrCsv, parseIfMatch, Roles, IdParam, ApiRecord, withEtag, ApiController, GetRecord, ListRecords, CreateRecord, PostAction, DeleteRecord, PatchRecord } from '@clockwork/server-core';
import { CreateIntegrationDto, IntegrationDto, IntegrationPageDto, IntegrationQueryDto, IntegrationWithSecretDto, PatchIntegrationDto, RotateIntegrationSecretDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { INTEGRATION_CSV_COLUMNS } from './integration.mapper';
import { IntegrationsService } from './integrations.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the integration changed since' };

@ApiController('integrations', 'integrations')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @ListRecords(IntegrationPageDto)
  @Roles('admin', 'manager')
  list(@Query() query: IntegrationQueryDto, @Res({ passthrough: true }) res: Response): Promise<IntegrationPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'integrations.csv', columns: INTEGRATION_CSV_COLUMNS }, (q) => this.integrations.list(q));
  }

  @CreateRecord(IntegrationWithSecretDto, 'The signing secret is shown only in this answer (and on rotation)')
  @Roles('admin')
  create(@Body() dto: CreateIntegrationDto): Promise<IntegrationWithSecretDto> {
    return this.integrations.create(dto);
  }

  @GetRecord(IntegrationDto)
  @Roles('admin', 'manager')
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<IntegrationDto> {
    return withEtag(res, await this.integrations.get(id));
  }

  @PatchRecord(IF_MATCH, IntegrationDto)
  @Roles('admin')
  patch(@IdParam() id: string, @Body() dto: PatchIntegrationDto, @Headers('if-match') ifMatch?: string): Promise<IntegrationDto> {
    return this.integrations.update(id, dto, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles('admin')
  remove(@IdParam() id: string): Promise<void> {
    return this.integrations.remove(id);
  }

  @PostAction(':id/rotate-secret')
  @Roles('admin')
  @ApiRecord(IntegrationWithSecretDto, 'The new secret, shown only now; the old one is accepted until previous_secret_expires_at')
  rotateSecret(@IdParam() id: string, @Body() dto: RotateIntegrationSecretDto): Promise<IntegrationWithSecretDto> {
    return this.integrations.rotateSecret(id, dto);
  }
}
