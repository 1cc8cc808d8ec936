import { BadRequestException, ConflictException } from '@nestjs/common';
import { type CreatePipelineStageDto, stageKeyOf, STAGE_KINDS, type StageKind } from '@clockwork/shared-dto';

/** What the rules need of a stage. */
export interface StageLike {
  key: string;
  kind: StageKind;
  position: number;
}

/** A 400 naming the field, in the shape of the validation pipe's. */
export function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });
}

/** The kinds a pipeline lacks (it keeps at least one open, one won and one lost stage). */
export function missingKinds(stages: Pick<StageLike, 'kind'>[]): StageKind[] {
  return STAGE_KINDS.filter((k) => !stages.some((s) => s.kind === k));
}

/** 400 naming `field` unless the stages hold at least one open, one won and one lost stage. */
export function assertAllKinds(stages: Pick<StageLike, 'kind'>[], field: string): void {
  const missing = missingKinds(stages);
  if (missing.length > 0) throw fieldError(field, `${field} must keep at least one open, one won and one lost stage (missing: ${missing.join(', ')})`);
}

/** The keys of new stages: the ones sent, else made from the names (numbered on a repeat); 400 naming `field` when a key sent repeats one. */
export function keysOf(stages: Pick<CreatePipelineStageDto, 'key' | 'name'>[], taken: string[] = [], field = 'stages'): string[] {
  const keys: string[] = [];
  const seen = new Set(taken);
  for (const s of stages) {
    let key = s.key ?? stageKeyOf(s.name);
    if (!s.key) for (let n = 2; seen.has(key); n++) key = `${stageKeyOf(s.name).slice(0, 36)}_${n}`;
    if (seen.has(key)) throw fieldError(field, `stage key ${key} is used twice in the pipeline`);
    seen.add(key);
    keys.push(key);
  }
  return keys;
}

/** The stage of `key` among the pipeline's stages, or a 400 naming `field`. */
export function stageOf<S extends StageLike>(stages: S[], key: string, field = 'stage'): S {
  const stage = stages.find((s) => s.key === key);
  if (!stage) throw fieldError(field, `${field} must be one of ${stages.map((s) => s.key).join(', ')}`);
  return stage;
}

/** Where a new deal starts when no stage is given: the pipeline's first open stage. */
export function firstOpenStage<S extends StageLike>(stages: S[]): S {
  return [...stages].sort((a, b) => a.position - b.position).find((s) => s.kind === 'open') as S;
}

/** The pipeline's first stage of a kind (closing a deal as won or lost). */
export function firstOfKind<S extends StageLike>(stages: S[], kind: StageKind): S {
  const stage = [...stages].sort((a, b) => a.position - b.position).find((s) => s.kind === kind);
  if (!stage) throw new ConflictException(`The deal's pipeline has no ${kind} stage`);
  return stage;
}

/**
 * The stage a deal lands in when it moves to another pipeline without a stage named
 * (docs/pipelines.md): a won deal goes to the first won stage, a lost deal to the first lost
 * stage; an open deal to the open stage of the same rank among the open stages (its 2nd open
 * stage to the 2nd), or the last open stage when the new pipeline has fewer.
 */
export function mappedStage<S extends StageLike>(from: StageLike, fromStages: StageLike[], toStages: S[]): S {
  if (from.kind !== 'open') return firstOfKind(toStages, from.kind);
  const rank = [...fromStages].sort((a, b) => a.position - b.position).filter((s) => s.kind === 'open').findIndex((s) => s.key === from.key);
  const open = [...toStages].sort((a, b) => a.position - b.position).filter((s) => s.kind === 'open');
  return open[Math.min(Math.max(rank, 0), open.length - 1)];
}
