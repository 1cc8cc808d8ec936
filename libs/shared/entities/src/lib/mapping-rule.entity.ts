import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const MAPPING_RULE_PROJECT_MATCHES = ['equals', 'contains'] as const;
export type MappingRuleProjectMatch = (typeof MAPPING_RULE_PROJECT_MATCHES)[number];

/**
 * A manager-defined mapping rule: when every criterion that is set holds for a time entry, the
 * entry goes to the rule's deal and/or task. Enabled rules are tried by priority (lower first),
 * ties by age.
 */
@Entity('mapping_rules')
export class MappingRule extends VersionedTenantEntity {
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'integer', default: 100 }) priority: number;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  /** Compared case-insensitively, as `projectMatch` says. */
  @Column({ type: 'text', nullable: true }) projectName: string | null;
  @Column({ type: 'text', default: 'equals' }) projectMatch: MappingRuleProjectMatch;
  /** Every one must be on the entry (case-insensitive); empty: no tag criterion. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags: string[];
  /** The entry's person: a user of the organization... */
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  /** ...or the productivity platform's employee id. */
  @Column({ type: 'text', nullable: true }) employeeId: string | null;
  @Column({ type: 'text', nullable: true }) activityType: 'app' | 'website' | 'manual' | null;
  @Column({ type: 'uuid', nullable: true }) dealId: string | null;
  @Column({ type: 'uuid', nullable: true }) taskId: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
}
