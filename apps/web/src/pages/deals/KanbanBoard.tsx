import type { DealDto, PipelineStageDto } from '@clockwork/api-client';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { DealCard } from './DealCard';
import { useDealBudgets } from './deals.queries';
import { KanbanColumn } from './KanbanColumn';
import { columnKeyboardCoordinates } from './keyboard-columns';

interface KanbanBoardProps {
  deals: DealDto[];
  /** The columns: the stages of the board's pipeline, in order. */
  stages: PipelineStageDto[];
  accountName: (id: string | null) => string | null;
  onMove: (deal: DealDto, stage: PipelineStageDto) => void;
}

/** The column under the pointer; for keyboard moves (no pointer), the column the card overlaps most. */
const columnCollision: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length ? underPointer : rectIntersection(args);
};

export function KanbanBoard({ deals, stages, accountName, onMove }: KanbanBoardProps) {
  const budgets = useDealBudgets();
  const burns = useMemo(() => new Map((budgets.data?.data ?? []).map((b) => [b.deal_id, b.budgets])), [budgets.data]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }));
  const byId = new Map(deals.map((d) => [d.id, d]));
  const nameOf = (id: unknown) => byId.get(String(id))?.name ?? 'The deal';
  const stageOf = (id: unknown) => stages.find((s) => s.key === id);
  const stageName = (id: unknown) => stageOf(id)?.name ?? 'no stage';

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is over ${stageName(over.id)}.` : `${nameOf(active.id)} is not over a stage.`),
    onDragEnd: ({ active, over }) => (over ? `${nameOf(active.id)} dropped in ${stageName(over.id)}.` : `${nameOf(active.id)} dropped.`),
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };

  const handleMove = (deal: DealDto, stage: PipelineStageDto) => {
    if (deal.stage !== stage.key) onMove(deal, stage);
  };
  const onDragStart = ({ active }: DragStartEvent) => setActiveId(String(active.id));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setActiveId(null);
    const deal = byId.get(String(active.id));
    const stage = over ? stageOf(over.id) : undefined;
    if (deal && stage) handleMove(deal, stage);
  };
  const active = activeId ? byId.get(activeId) : undefined;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={columnCollision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: 'To move a deal, press space or enter, use the left and right arrow keys to choose a stage, then press space or enter to drop it, or escape to cancel.',
        },
      }}
    >
      <div className="-mx-4 flex gap-3 overflow-x-auto px-4 pb-4 sm:mx-0 sm:px-0 xl:gap-2">
        {stages.map((stage) => (
          <KanbanColumn key={stage.key} stage={stage} stages={stages} deals={deals.filter((d) => d.stage === stage.key)} accountName={accountName} onMove={handleMove} burns={burns} />
        ))}
      </div>
      <DragOverlay>{active ? <DealCard deal={active} accountName={accountName(active.account_id)} overlay /> : null}</DragOverlay>
    </DndContext>
  );
}
