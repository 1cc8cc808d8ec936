import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@clockwork/server-core';
import { ErrorResponseDto, OrganizationSettingsDto, UpdateOrganizationSettingsDto } from '@clockwork/shared-dto';
import { OrganizationSettingsService } from './organization-settings.service';

@ApiTags('timesheets')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('organization/settings')
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
