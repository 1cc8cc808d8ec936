import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Keyboard moves on the board: Left/Right jump the picked-up card to the previous/next stage
 * column (dnd-kit's default would nudge it a few pixels at a time).
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  if (!step) return undefined;
  event.preventDefault();
  const { droppableContainers, droppableRects, over, active } = context;
  const columns = droppableContainers
    .getEnabled()
    .map((container) => ({ id: container.id, rect: droppableRects.get(container.id) }))
    .filter((c): c is { id: typeof c.id; rect: NonNullable<typeof c.rect> } => !!c.rect)
    .sort((a, b) => a.rect.left - b.rect.left);
  const currentId = over?.id ?? active?.data.current?.stage;
  const index = columns.findIndex((c) => c.id === currentId);
  const target = columns[index + step];
  if (!target) return undefined;
  return { x: target.rect.left + 8, y: target.rect.top + 56 };
};
