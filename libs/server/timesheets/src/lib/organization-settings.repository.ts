import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { Organization } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';

export type OrganizationSettings = Pick<Organization, 'timesheetPeriod' | 'invoicesRequireApproval' | 'timezone' | 'autoApplySuggestions' | 'suggestionConfidenceThreshold'>;

/** The caller's organization's settings (columns of `organizations`). */
@Injectable()
export class OrganizationSettingsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  async get(manager?: EntityManager, lock = false): Promise<OrganizationSettings> {
    const [row] = await (manager ?? this.dataSource.manager).query(
      `SELECT timesheet_period, invoices_require_approval, timezone, auto_apply_suggestions, suggestion_confidence_threshold FROM organizations WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [this.context.organizationId],
    );
    return {
      timesheetPeriod: row.timesheet_period, invoicesRequireApproval: row.invoices_require_approval, timezone: row.timezone,
      autoApplySuggestions: row.auto_apply_suggestions,
      suggestionConfidenceThreshold: row.suggestion_confidence_threshold,
    };
  }

  async update(manager: EntityManager, values: Partial<OrganizationSettings>): Promise<void> {
    await manager.getRepository(Organization).update({ id: this.context.organizationId }, values);
  }
}
