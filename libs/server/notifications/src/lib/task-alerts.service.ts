import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env, OutboxWriter } from '@clockwork/server-core';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { NewNotification, NotificationWriter } from './notification.writer';
import { AlertRecipientRow, TaskAlertsRepository } from './task-alerts.repository';

/** Episodes opened per transaction; a scan repeats batches until nothing is left. */
const BATCH = 500;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export interface AlertScanResult {
  ended: number;
  opened: number;
  notified: number;
}

/**
 * Alerts about high/urgent tasks that are overdue or idle: one alert per task per episode.
 * A scan ends the episodes whose task no longer matches, opens one for each task that matches
 * without an open one, and for each opened episode records, in the same transaction, a
 * `task.overdue` / `task.idle` outbox event and a notification (with an email) to the assignee
 * and the organization's admins and managers. A scan that finds an open episode does nothing,
 * so repeated scans never alert twice; when an episode has ended, the next match alerts again.
 */
@Injectable()
export class TaskAlertsService {
  private readonly logger = new Logger(TaskAlertsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: TaskAlertsRepository,
    private readonly notifications: NotificationWriter,
    private readonly outbox: OutboxWriter,
    private readonly env: Env,
  ) {}

  async scan(): Promise<AlertScanResult> {
    const idleSince = new Date(Date.now() - this.env.TASK_IDLE_HOURS * 3600_000);
    const result: AlertScanResult = { ended: 0, opened: 0, notified: 0 };
    result.ended = await this.dataSource.transaction((m) => this.alerts.endEpisodes(m, idleSince));
    for (;;) {
      const batch = await this.dataSource.transaction((m) => this.openBatch(m, idleSince));
      result.opened += batch.opened;
      result.notified += batch.notified;
      if (batch.candidates < BATCH || batch.opened === 0) break;
    }
    if (result.opened > 0) this.logger.log(`Task alerts: ${result.opened} opened, ${result.ended} ended, ${result.notified} notifications`);
    return result;
  }

  private async openBatch(manager: EntityManager, idleSince: Date): Promise<{ candidates: number; opened: number; notified: number }> {
    const candidates = await this.alerts.candidates(manager, idleSince, BATCH);
    const rows = await this.alerts.openEpisodes(manager, candidates.map((c) => ({ ...c, id: uuidv7() })));
    const byOrganization = new Map<string, AlertRecipientRow[]>();
    for (const row of rows) byOrganization.set(row.organization_id, [...(byOrganization.get(row.organization_id) ?? []), row]);
    let opened = 0;
    let notified = 0;
    for (const [organizationId, orgRows] of byOrganization) {
      const episodes = [...new Map(orgRows.map((r) => [r.episode_id, r])).values()];
      opened += episodes.length;
      await this.outbox.recordMany(
        manager,
        organizationId,
        episodes.map((e) => ({ type: `task.${e.kind}`, aggregateType: 'task', aggregateId: e.task_id, payload: this.eventData(e) })),
      );
      notified += await this.notifications.recordMany(manager, organizationId, orgRows.filter((r) => r.user_id).map((r) => this.notification(r)));
    }
    return { candidates: candidates.length, opened, notified };
  }

  private eventData(e: AlertRecipientRow): Record<string, unknown> {
    return {
      task_id: e.task_id,
      episode_id: e.episode_id,
      title: e.title,
      status: e.status,
      priority: e.priority,
      due_date: iso(e.due_date),
      deal_id: e.deal_id,
      assigned_to: e.assigned_to,
      status_changed_at: iso(e.status_changed_at),
      ...(e.kind === 'idle' ? { idle_hours: this.env.TASK_IDLE_HOURS } : {}),
    };
  }

  private notification(r: AlertRecipientRow): NewNotification {
    const priority = r.priority.charAt(0).toUpperCase() + r.priority.slice(1);
    const overdue = r.kind === 'overdue';
    return {
      userId: r.user_id as string,
      kind: `task.${r.kind}`,
      title: `${overdue ? 'Overdue' : 'Idle'} task: ${r.title}`,
      body: overdue
        ? `${priority} priority, due ${iso(r.due_date)?.slice(0, 16).replace('T', ' ')} UTC and not done.`
        : `${priority} priority, no status change and no time logged for ${this.env.TASK_IDLE_HOURS} hours.`,
      link: `/tasks/${r.task_id}`,
      data: { task_id: r.task_id, episode_id: r.episode_id, priority: r.priority, due_date: iso(r.due_date), assigned_to: r.assigned_to },
      dedupeKey: `task.${r.kind}:${r.episode_id}`,
      email: true,
    };
  }
}
