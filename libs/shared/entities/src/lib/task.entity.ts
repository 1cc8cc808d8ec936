import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

@Entity('tasks')
export class Task extends VersionedTenantEntity {
  @Column({ type: 'uuid', nullable: true })
  dealId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'uuid', nullable: true })
  assignedTo: string | null;

  @Column({ type: 'text', default: 'todo' })
  status: TaskStatus;

  @Column({ type: 'text', default: 'medium' })
  priority: TaskPriority;

  @Column({ type: 'timestamptz', nullable: true })
  dueDate: Date | null;

  /** Decimal string, e.g. "2.50". */
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true })
  estimatedHours: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Custom field values by the field's key (docs/custom-fields.md). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  customFields: Record<string, unknown>;
}
