import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { RecordWriter } from '@clockwork/server-core';
import type { PutRetentionPolicyDto, RetentionDryRunDto, RetentionKind, RetentionOutcomeDto, RetentionPolicyDto, RetentionPolicyListDto } from '@clockwork/shared-dto';
import type { RetentionPolicy } from '@clockwork/shared-entities';
import { QueryFailedError } from 'typeorm';
import { RetentionPoliciesRepository } from './retention-policies.repository';
import { RetentionRepository } from './retention.repository';

export function toRetentionPolicyDto(p: RetentionPolicy): RetentionPolicyDto {
  return {
    id: p.id,
    kind: p.kind,
    keep_months: p.keepMonths,
    action: p.action,
    last_applied_at: p.lastAppliedAt?.toISOString() ?? null,
    last_affected: p.lastAffected,
    version: p.version,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a policy: the rule, not the bookkeeping of its runs. */
const auditView = (p: RetentionPolicy | null) => (p ? { kind: p.kind, keep_months: p.keepMonths, action: p.action } : null);

/**
 * Retention policies of the caller's organization (admins): one per kind, set with PUT, removed
 * with DELETE, each change audited; the dry run counts what applying them now would change.
 */
@Injectable()
export class RetentionPoliciesService {
  constructor(
    private readonly records: RecordWriter,
    private readonly policies: RetentionPoliciesRepository,
    private readonly retention: RetentionRepository,
  ) {}

  async list(): Promise<RetentionPolicyListDto> {
    return { data: (await this.policies.listAll()).map(toRetentionPolicyDto) };
  }

  async put(kind: RetentionKind, dto: PutRetentionPolicyDto): Promise<RetentionPolicyDto> {
    try {
      return await this.records.transaction(async (manager) => {
        const before = await this.policies.lockByKind(manager, kind);
        const updatedBy = this.records.userId;
        const after = before
          ? await this.policies.updateById(manager, before.id, { keepMonths: dto.keep_months, action: dto.action, updatedBy, version: () => 'version + 1' })
          : await this.policies.insert(manager, { kind, keepMonths: dto.keep_months, action: dto.action, updatedBy });
        await this.records.audit(manager, { action: before ? 'update' : 'create', objectType: 'retention_policy', objectId: after.id, before: auditView(before), after: auditView(after) });
        return toRetentionPolicyDto(after);
      });
    } catch (e) {
      // Two first PUTs of one kind at once: the second meets the unique key.
      if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23505') throw new ConflictException(`A ${kind} policy was set at the same time; send the PUT again`);
      throw e;
    }
  }

  remove(kind: RetentionKind): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.policies.lockByKind(manager, kind);
      if (!before) throw new NotFoundException(`No ${kind} retention policy is set`);
      await this.policies.deleteById(manager, before.id);
      await this.records.audit(manager, { action: 'delete', objectType: 'retention_policy', objectId: before.id, before: auditView(before), after: null });
    });
  }

  /** Per policy: how many rows applying it now would delete or anonymize. Changes nothing. */
  async dryRun(): Promise<RetentionDryRunDto> {
    const invoiceClaims = await this.retention.hasInvoiceClaims();
    const data: RetentionOutcomeDto[] = [];
    for (const policy of await this.policies.listAll()) {
      const cutoff = await this.retention.cutoff(policy.keepMonths);
      const counts = await this.retention.count({ organizationId: policy.organizationId, kind: policy.kind, action: policy.action, cutoff, invoiceClaims });
      data.push({ kind: policy.kind, action: policy.action, keep_months: policy.keepMonths, cutoff: cutoff.toISOString(), ...counts });
    }
    return { data };
  }
}
