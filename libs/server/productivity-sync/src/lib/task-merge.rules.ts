import type { SyncSide } from '@clockwork/shared-dto';
import { sameValue, SyncValues } from './sync.fields';

export interface FieldConflict {
  field: string;
  crmValue: unknown;
  remoteValue: unknown;
  winner: SyncSide;
}

export interface MergeInput {
  /** The fields the event sent, normalized (only these are looked at). */
  sent: SyncValues;
  /** The CRM's current values. */
  crm: SyncValues;
  /** The last synced values, or null when the record was never synced. */
  snapshot: SyncValues | null;
  /** The event's updated_at and the CRM record's updated_at. */
  remoteAt: Date;
  crmAt: Date;
}

export interface MergeResult {
  /** The remote values to write into the CRM record. */
  apply: SyncValues;
  /** Fields both sides changed to different values since the last sync (the loser is kept here). */
  conflicts: FieldConflict[];
}

/**
 * Three-way merge of a remote change into the CRM record, field by field, against the last
 * synced snapshot: a field only the remote changed is applied; one only the CRM changed is kept
 * (and pushed later); one both changed to different values goes to the later writer by source
 * timestamp (the remote on a tie) and is a conflict. Without a snapshot there is no common
 * ancestor: the later writer wins, and a remote value that loses is kept as a conflict.
 */
export function mergeRemoteChange({ sent, crm, snapshot, remoteAt, crmAt }: MergeInput): MergeResult {
  const apply: SyncValues = {};
  const conflicts: FieldConflict[] = [];
  const remoteIsLater = remoteAt.getTime() >= crmAt.getTime();
  for (const [field, remote] of Object.entries(sent)) {
    const current = crm[field];
    if (sameValue(remote, current)) continue;
    if (snapshot) {
      const remoteChanged = !sameValue(remote, snapshot[field]);
      const crmChanged = !sameValue(current, snapshot[field]);
      if (!remoteChanged) continue;
      if (!crmChanged) {
        apply[field] = remote;
        continue;
      }
    } else if (remoteIsLater) {
      apply[field] = remote;
      continue;
    }
    const winner: SyncSide = remoteIsLater ? 'remote' : 'crm';
    if (winner === 'remote') apply[field] = remote;
    conflicts.push({ field, crmValue: current ?? null, remoteValue: remote ?? null, winner });
  }
  return { apply, conflicts };
}
