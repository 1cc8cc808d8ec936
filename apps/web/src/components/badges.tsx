import type { DealDto, TaskDto, TimeEntryDto } from '@clockwork/api-client';
import { Badge, type Tone } from './Badge';

/** A stage key of the deal's pipeline; the labels and tones below are the default pipeline's. */
export type DealStage = DealDto['stage'];
export const dealStages: DealStage[] = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'];
export const stageLabels: Record<DealStage, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  won: 'Won',
  lost: 'Lost',
};
const stageTones: Record<DealStage, Tone> = {
  prospecting: 'neutral',
  qualification: 'info',
  proposal: 'accent',
  negotiation: 'warning',
  won: 'success',
  lost: 'danger',
};
/** A deal's stage; `name` (the stage's name in its pipeline) when known, else the default pipeline's label or the key. */
export const StageBadge = ({ stage, name }: { stage: DealStage; name?: string }) => (
  <Badge tone={stageTones[stage] ?? 'neutral'} dot>
    {name ?? stageLabels[stage] ?? stage}
  </Badge>
);

export type TaskStatus = TaskDto['status'];
export const taskStatuses: TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done'];
export const taskStatusLabels: Record<TaskStatus, string> = { todo: 'To do', in_progress: 'In progress', blocked: 'Blocked', done: 'Done' };
const statusTones: Record<TaskStatus, Tone> = { todo: 'neutral', in_progress: 'info', blocked: 'danger', done: 'success' };
export const TaskStatusBadge = ({ status }: { status: TaskStatus }) => (
  <Badge tone={statusTones[status]} dot>
    {taskStatusLabels[status]}
  </Badge>
);

export type TaskPriority = TaskDto['priority'];
export const taskPriorities: TaskPriority[] = ['low', 'medium', 'high', 'urgent'];
const priorityTones: Record<TaskPriority, Tone> = { low: 'neutral', medium: 'info', high: 'warning', urgent: 'danger' };
export const PriorityBadge = ({ priority }: { priority: TaskPriority }) => <Badge tone={priorityTones[priority]}>{priority[0].toUpperCase() + priority.slice(1)}</Badge>;

export const SyncBadge = ({ status }: { status: TimeEntryDto['sync_status'] }) =>
  status === 'synced' ? (
    <Badge tone="success" dot>
      Synced
    </Badge>
  ) : (
    <Badge tone="warning" dot>
      Pending
    </Badge>
  );

export const MappingBadge = ({ entry }: { entry: Pick<TimeEntryDto, 'mapping_status' | 'unmapped_reason'> }) =>
  entry.mapping_status === 'mapped' ? <Badge tone="accent">Mapped</Badge> : <Badge tone="warning">Unmapped{entry.unmapped_reason ? ` · ${entry.unmapped_reason.replace(/_/g, ' ')}` : ''}</Badge>;
