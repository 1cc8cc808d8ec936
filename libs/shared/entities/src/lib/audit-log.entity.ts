import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ActorType = 'user' | 'api_key' | 'integration' | 'system' | 'anonymous';

/** One change (or security event), written in the transaction of the change itself. */
@Entity('audit_logs')
export class AuditLog {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  actorType: ActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** `create`, `update`, `delete`, `login`, `login_failed`, `role_change`, ... */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  objectType: string;

  @Column({ type: 'uuid', nullable: true })
  objectId: string | null;

  /** `{ field: { from, to } }` for updates; the created or deleted fields otherwise. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  changes: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
