import { BadRequestException, Injectable } from '@nestjs/common';
import { flattenValidationErrors, RecordWriter } from '@clockwork/server-core';
import { CreateReportScheduleDto, PatchReportScheduleDto, ReportScheduleDto, ReportScheduleListDto } from '@clockwork/shared-dto';
import type { ReportSchedule } from '@clockwork/shared-entities';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ownerRefusal, validateReportParams } from '../catalog/report.catalogue';
import { ReportOwnersRepository } from '../report-owners.repository';
import { toReportScheduleDto } from './report-schedule.mapper';
import { ReportSchedulesRepository } from './report-schedules.repository';
import { nextRunAt } from './schedule-time.rules';

type Settings = Required<Omit<CreateReportScheduleDto, 'weekday' | 'day_of_month'>> & { weekday: number | null; day_of_month: number | null };

/** A stored schedule as the create body, to merge a patch into. */
const settingsOf = (s: ReportSchedule): Settings => {
  const { report, params, frequency, weekday, day_of_month, hour, timezone, recipients, format } = toReportScheduleDto(s);
  return { report, params, frequency, weekday, day_of_month, hour, timezone, recipients, format };
};

/**
 * Scheduled email reports: a user's own schedules (admins manage every one). Each write is one
 * transaction with its audit row; next_run_at is computed from frequency, day, hour and zone.
 */
@Injectable()
export class ReportSchedulesService {
  constructor(
    private readonly records: RecordWriter,
    private readonly schedules: ReportSchedulesRepository,
    private readonly owners: ReportOwnersRepository,
  ) {}

  async list(): Promise<ReportScheduleListDto> {
    return { data: (await this.schedules.list()).map(toReportScheduleDto) };
  }

  async get(id: string): Promise<ReportScheduleDto> {
    return toReportScheduleDto(await this.schedules.visible(id));
  }

  async create(dto: CreateReportScheduleDto): Promise<ReportScheduleDto> {
    const settings = await this.checked({ ...dto, params: dto.params ?? {}, hour: dto.hour ?? 8, timezone: dto.timezone ?? 'UTC', weekday: dto.weekday ?? null, day_of_month: dto.day_of_month ?? null });
    return this.records.transaction(async (manager) => {
      const row = await this.schedules.insert(manager, { ...this.columns(settings), userId: this.records.principal?.id as string });
      await this.written(manager, 'create', null, row);
      return toReportScheduleDto(row);
    });
  }

  update(id: string, patch: PatchReportScheduleDto): Promise<ReportScheduleDto> {
    const { paused, ...dto } = patch;
    return this.records.transaction(async (manager) => {
      const before = await this.schedules.visible(id, manager, true);
      const merged: Settings = { ...settingsOf(before), ...(Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<Settings>) };
      // A new frequency drops the day field of the old one unless the patch sets it.
      if (dto.frequency && dto.frequency !== 'weekly' && dto.weekday === undefined) merged.weekday = null;
      if (dto.frequency && dto.frequency !== 'monthly' && dto.day_of_month === undefined) merged.day_of_month = null;
      const settings = await this.checked(merged);
      const after = await this.schedules.updateById(manager, id, { ...this.columns(settings), ...(await this.pauseColumns(manager, before, settings, paused)) });
      await this.written(manager, 'update', before, after);
      return toReportScheduleDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.schedules.visible(id, manager, true);
      await this.schedules.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  /**
   * paused: true pauses (by a user); false resumes, only when the owner is active and its current
   * role may still schedule the report (it runs as its owner): 400 naming `paused` otherwise.
   */
  private async pauseColumns(manager: EntityManager, before: ReportSchedule, settings: Settings, paused: boolean | undefined) {
    const isPaused = before.pausedAt !== null;
    if (paused === true && !isPaused) return { pausedAt: new Date(), pausedReason: 'paused_by_user' as const };
    if (paused === false && isPaused) {
      const refusal = ownerRefusal(await this.owners.current(manager, before.organizationId, before.userId), settings.report);
      if (refusal) {
        const why = refusal === 'owner_deactivated' ? 'its owner is deactivated' : "its owner's role may not schedule this report";
        const errors = [`paused cannot be set to false: ${why}; delete the schedule and let a current admin or manager create it again`];
        throw new BadRequestException({ message: `Validation failed: ${errors[0]}`, details: [{ field: 'paused', errors }] });
      }
      return { pausedAt: null, pausedReason: null };
    }
    return {};
  }

  /** The whole schedule is valid (body rules, then the report's params): 400 naming each field. */
  private async checked(settings: Settings): Promise<Settings> {
    const errors = await validate(plainToInstance(CreateReportScheduleDto, settings));
    if (errors.length > 0) {
      const details = flattenValidationErrors(errors);
      throw new BadRequestException({ message: `Validation failed: ${details.flatMap((d) => d.errors).join('; ')}`, details });
    }
    await validateReportParams(settings.report, settings.params);
    return settings;
  }

  private columns(s: Settings) {
    return {
      report: s.report,
      params: s.params as QueryDeepPartialEntity<Record<string, unknown>>,
      frequency: s.frequency,
      weekday: s.weekday,
      dayOfMonth: s.day_of_month,
      hour: s.hour,
      timezone: s.timezone,
      recipients: s.recipients,
      format: s.format,
      nextRunAt: nextRunAt(s, new Date()),
    };
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: ReportSchedule | null, after: ReportSchedule | null): Promise<void> {
    const dto = (s: ReportSchedule | null) => (s ? toReportScheduleDto(s) : null);
    await this.records.audit(manager, { action, objectType: 'report_schedule', objectId: (after ?? before)?.id as string, before: dto(before), after: dto(after) });
  }
}
