import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter } from '@clockwork/server-core';
import type { OrganizationSettingsDto, UpdateOrganizationSettingsDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { OrganizationSettings, OrganizationSettingsRepository } from './organization-settings.repository';

const toDto = (s: OrganizationSettings): OrganizationSettingsDto => ({
  timesheet_period: s.timesheetPeriod,
  invoices_require_approval: s.invoicesRequireApproval,
  timezone: s.timezone,
  auto_apply_suggestions: s.autoApplySuggestions,
  confidence_threshold: Number(s.suggestionConfidenceThreshold),
});

/** `GET/PATCH /organization/settings`: the timesheet period, whether invoices need approved time, the time zone of retainer months and the auto-apply of mapping suggestions (audited). */
@Injectable()
export class OrganizationSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: OrganizationSettingsRepository,
    private readonly audit: AuditWriter,
  ) {}

  async get(): Promise<OrganizationSettingsDto> {
    return toDto(await this.settings.get());
  }

  update(dto: UpdateOrganizationSettingsDto): Promise<OrganizationSettingsDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = toDto(await this.settings.get(manager, true));
      await this.settings.update(manager, {
        ...(dto.timesheet_period !== undefined ? { timesheetPeriod: dto.timesheet_period } : {}),
        ...(dto.invoices_require_approval !== undefined ? { invoicesRequireApproval: dto.invoices_require_approval } : {}),
        ...(dto.timezone !== undefined ? { timezone: dto.timezone } : {}),
        ...(dto.auto_apply_suggestions !== undefined ? { autoApplySuggestions: dto.auto_apply_suggestions } : {}),
        ...(dto.confidence_threshold !== undefined ? { suggestionConfidenceThreshold: String(dto.confidence_threshold) } : {}),
      });
      const after = toDto(await this.settings.get(manager));
      await this.audit.record(manager, { action: 'update', objectType: 'organization_settings', objectId: null, before, after });
      return after;
    });
  }
}
