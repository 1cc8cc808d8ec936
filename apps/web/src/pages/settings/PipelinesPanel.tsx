import type { PipelineDto, PipelineStageDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field, FormError, formValues, Input, InputField, Select } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { EmptyState, QueryState } from '../../components/States';
import { usePipelines } from '../deals/deals.queries';
import { usePipelineWrites } from './settings.queries';

/** The stages a new pipeline starts with (rename, add and reorder them afterwards). */
const STARTER_STAGES = [
  { name: 'Lead', probability: 0.1, kind: 'open' as const },
  { name: 'Won', probability: 1, kind: 'won' as const },
  { name: 'Lost', probability: 0, kind: 'lost' as const },
];
const KIND_LABELS = { open: 'Open', won: 'Won', lost: 'Lost' } as const;
/** "25" (percent, as typed) -> 0.25; anything else stays NaN for the api to refuse by field. */
const fromPercent = (text: string | null) => (text && /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) / 10000 : Number.NaN);
const toPercent = (p: number) => String(Math.round(p * 10000) / 100);

/** Settings → Pipelines (admins): create pipelines, rename them, make one the default, edit their stages. */
export function PipelinesPanel() {
  const pipelines = usePipelines();
  const writes = usePipelineWrites();
  const [picked, setPicked] = useState('');
  const all = pipelines.data?.data ?? [];
  const current = all.find((p) => p.id === picked) ?? all[0];
  const createErrors = fieldErrorsOf(writes.create.error);

  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    writes.create.mutate({ name: formValues(form).name ?? '', stages: STARTER_STAGES }, { onSuccess: (p) => (setPicked((p as PipelineDto).id), form.reset()) });
  };

  return (
    <section aria-labelledby="pipelines-heading" className="p-4">
      <h2 id="pipelines-heading" className="text-sm font-semibold text-slate-900">
        Pipelines
      </h2>
      <p className="text-sm text-slate-500">Each pipeline has its own stages, each with the chance a deal in it is won. New deals go to the default pipeline unless another is chosen.</p>
      <QueryState query={pipelines}>
        {all.length === 0 ? (
          <EmptyState icon="deals" title="No pipelines">
            Create a pipeline below.
          </EmptyState>
        ) : (
          <div className="mt-3 space-y-4">
            <label className="block sm:w-64">
              <span className="mb-1 block text-xs font-medium text-slate-500">Pipeline to edit</span>
              <Select value={current?.id} onChange={(e) => setPicked(e.target.value)}>
                {all.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.is_default ? ' (default)' : ''}
                  </option>
                ))}
              </Select>
            </label>
            {current && <PipelineEditor key={current.id} pipeline={current} writes={writes} onDeleted={() => setPicked('')} />}
          </div>
        )}
        <form onSubmit={create} aria-label="New pipeline" className="mt-6 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
          <InputField label="New pipeline name" name="name" errors={createErrors} />
          <Button type="submit" size="sm" icon="plus" busy={writes.create.isPending}>
            Create pipeline
          </Button>
          <p className="w-full text-xs text-slate-500">It starts with the stages Lead, Won and Lost.</p>
          <div className="w-full">
            <FormError error={writes.create.error} />
          </div>
        </form>
      </QueryState>
    </section>
  );
}

type Writes = ReturnType<typeof usePipelineWrites>;

function PipelineEditor({ pipeline, writes, onDeleted }: { pipeline: PipelineDto; writes: Writes; onDeleted: () => void }) {
  const { ask, dialog } = useConfirm();
  const [removing, setRemoving] = useState<PipelineStageDto | null>(null);
  const errors = fieldErrorsOf(writes.patch.error);
  const addErrors = fieldErrorsOf(writes.addStage.error);
  const stages = pipeline.stages;

  const rename = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    writes.patch.mutate({ id: pipeline.id, body: { name: formValues(e.currentTarget).name ?? '' } });
  };
  const move = (index: number, by: number) => {
    const keys = stages.map((s) => s.key);
    [keys[index], keys[index + by]] = [keys[index + by], keys[index]];
    writes.reorder.mutate({ id: pipeline.id, keys });
  };
  const addStage = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    writes.addStage.mutate({ id: pipeline.id, body: { name: v.name ?? '', probability: fromPercent(v.probability), kind: (v.kind ?? 'open') as PipelineStageDto['kind'] } }, { onSuccess: () => form.reset() });
  };
  const removeStage = (stage: PipelineStageDto) =>
    stage.deal_count > 0
      ? setRemoving(stage)
      : ask({ title: `Delete the stage ${stage.name}?`, message: 'No deal is in it.', confirmLabel: 'Delete stage', onConfirm: () => writes.removeStage.mutate({ id: pipeline.id, key: stage.key, name: stage.name }) });

  return (
    <div className="space-y-4">
      <form onSubmit={rename} aria-label={`Pipeline ${pipeline.name}`} className="flex flex-wrap items-end gap-3">
        <Field label="Pipeline name" error={errors.name}>
          <Input key={pipeline.name} name="name" defaultValue={pipeline.name} />
        </Field>
        <Button type="submit" size="sm" variant="secondary" busy={writes.patch.isPending}>
          Rename
        </Button>
        {pipeline.is_default ? (
          <span className="pb-2 text-xs text-slate-500">The default pipeline</span>
        ) : (
          <>
            <Button size="sm" variant="secondary" onClick={() => writes.patch.mutate({ id: pipeline.id, body: { is_default: true } })}>
              Make default
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() =>
                ask({
                  title: `Delete the pipeline ${pipeline.name}?`,
                  message: 'Only a pipeline without deals can be deleted.',
                  confirmLabel: 'Delete pipeline',
                  onConfirm: () => writes.remove.mutate({ id: pipeline.id, name: pipeline.name }, { onSuccess: onDeleted }),
                })
              }
            >
              Delete pipeline
            </Button>
          </>
        )}
      </form>
      <FormError error={writes.patch.error ?? writes.remove.error ?? writes.reorder.error ?? writes.removeStage.error ?? writes.patchStage.error} />

      <ol aria-label={`Stages of ${pipeline.name}`} className="divide-y divide-slate-200 rounded-lg border border-slate-200">
        {stages.map((stage, i) => (
          <li key={stage.key} aria-label={stage.name} className="flex flex-wrap items-end gap-2 p-2">
            <StageForm stage={stage} pipelineId={pipeline.id} writes={writes} />
            <span className="pb-2 text-xs text-slate-500">
              {KIND_LABELS[stage.kind]} · {stage.deal_count} {stage.deal_count === 1 ? 'deal' : 'deals'}
            </span>
            <div className="ml-auto flex gap-1">
              <Button size="sm" variant="secondary" aria-label={`Move ${stage.name} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                Up
              </Button>
              <Button size="sm" variant="secondary" aria-label={`Move ${stage.name} down`} disabled={i === stages.length - 1} onClick={() => move(i, 1)}>
                Down
              </Button>
              <Button size="sm" variant="danger" aria-label={`Delete ${stage.name}`} icon="trash" onClick={() => removeStage(stage)} />
            </div>
          </li>
        ))}
      </ol>

      <form onSubmit={addStage} aria-label="New stage" className="flex flex-wrap items-end gap-3">
        <InputField label="Stage name" name="name" errors={addErrors} />
        <Field label="Win chance (%)" error={addErrors.probability}>
          <Input name="probability" inputMode="decimal" defaultValue="50" className="w-24" />
        </Field>
        <Field label="Kind" error={addErrors.kind}>
          <Select name="kind" defaultValue="open">
            {Object.entries(KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" size="sm" icon="plus" busy={writes.addStage.isPending}>
          Add stage
        </Button>
        <div className="w-full">
          <FormError error={writes.addStage.error} />
        </div>
      </form>
      {removing && <MoveDealsDialog stage={removing} stages={stages} onClose={() => setRemoving(null)} onConfirm={(moveTo) => (setRemoving(null), writes.removeStage.mutate({ id: pipeline.id, key: removing.key, name: removing.name, moveTo }))} />}
      {dialog}
    </div>
  );
}

/** A stage's name and win chance, saved together. */
function StageForm({ stage, pipelineId, writes }: { stage: PipelineStageDto; pipelineId: string; writes: Writes }) {
  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    writes.patchStage.mutate({ id: pipelineId, key: stage.key, body: { name: v.name ?? '', probability: fromPercent(v.probability) } });
  };
  return (
    <form onSubmit={save} aria-label={`Stage ${stage.name}`} className="flex flex-wrap items-end gap-2">
      <label className="block">
        <span className="mb-1 block text-xs font-medium text-slate-500">Name of {stage.name}</span>
        <Input key={stage.name} name="name" defaultValue={stage.name} />
      </label>
      <label className="block">
        <span className="mb-1 block text-xs font-medium text-slate-500">Win chance of {stage.name} (%)</span>
        <Input key={stage.probability} name="probability" inputMode="decimal" defaultValue={toPercent(stage.probability)} className="w-24" />
      </label>
      <Button type="submit" size="sm" variant="secondary">
        Save
      </Button>
    </form>
  );
}

/** Deleting a stage that holds deals: they move to another stage of the same kind first. */
function MoveDealsDialog({ stage, stages, onClose, onConfirm }: { stage: PipelineStageDto; stages: PipelineStageDto[]; onClose: () => void; onConfirm: (moveTo: string) => void }) {
  const targets = stages.filter((s) => s.kind === stage.kind && s.key !== stage.key);
  const [target, setTarget] = useState(targets[0]?.key ?? '');
  return (
    <Modal title={`Delete the stage ${stage.name}?`} onClose={onClose}>
      {targets.length === 0 ? (
        <p className="text-sm text-slate-600">
          {stage.deal_count} deal(s) are in {stage.name} and no other {KIND_LABELS[stage.kind].toLowerCase()} stage can take them: move them first.
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {stage.deal_count} deal(s) are in {stage.name}. They move to the stage you choose, then the stage is deleted.
          </p>
          <label className="mt-3 block">
            <span className="mb-1 block text-xs font-medium text-slate-500">Move its deals to</span>
            <Select value={target} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </Select>
          </label>
        </>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        {targets.length > 0 && (
          <Button variant="danger" onClick={() => onConfirm(target)}>
            Move deals and delete
          </Button>
        )}
      </div>
    </Modal>
  );
}
