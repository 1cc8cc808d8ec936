import { Body, Get, Patch } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { AnyRole, Roles, ApiController } from '@clockwork/server-core';
import { OrganizationSettingsDto, UpdateOrganizationSettingsDto } from '@clockwork/shared-dto';
import { OrganizationSettingsService } from './organization-settings.service';

@ApiController('timesheets', 'organization/settings')
export class OrganizationSettingsController {
  constructor(private readonly settings: OrganizationSettingsService) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: OrganizationSettingsDto })
  get(): Promise<OrganizationSettingsDto> {
    return this.settings.get();
  }

  @Patch()
  @Roles('admin')
  @ApiOkResponse({ type: OrganizationSettingsDto, description: 'A new period applies to timesheets submitted from now on' })
  update(@Body() dto: UpdateOrganizationSettingsDto): Promise<OrganizationSettingsDto> {
    return this.settings.update(dto);
  }
}
