import type { PipelineDto, PipelineStageDto } from '@clockwork/shared-dto';
import type { Pipeline } from '@clockwork/shared-entities';
import type { StageRow } from './pipelines.repository';

export function toPipelineStageDto(s: StageRow): PipelineStageDto {
  return { id: s.id, key: s.key, name: s.name, position: s.position, probability: s.probability, kind: s.kind, deal_count: s.dealCount };
}

/** The wire shape of a pipeline with its stages in order. */
export function toPipelineDto(p: Pipeline, stages: StageRow[]): PipelineDto {
  return {
    id: p.id,
    name: p.name,
    is_default: p.isDefault,
    stages: stages.filter((s) => s.pipelineId === p.id).sort((a, b) => a.position - b.position).map(toPipelineStageDto),
    version: p.version,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

/** What the audit row compares: the name, the default flag and the stages as `key: name (probability, kind)` in order. */
export function toPipelineAudit(p: PipelineDto | null): Record<string, unknown> | null {
  if (!p) return null;
  return { name: p.name, is_default: p.is_default, stages: p.stages.map((s) => `${s.key}: ${s.name} (${s.probability}, ${s.kind})`) };
}
