import type { ReactNode } from 'react';
import { Card } from './Card';
import { QueryState, type QueryStateProps } from './States';

/** A card (unpadded) whose body is one query's states: loading, error, empty or the content. */
export function QueryCard({ title, actions, className, ...state }: QueryStateProps & { title?: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <Card title={title} actions={actions} className={className} padded={false}>
      <QueryState {...state} />
    </Card>
  );
}
