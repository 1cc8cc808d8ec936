import { Fragment, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from 'react';

/**
 * A scroll box as a named, focusable region, so that keyboard users can scroll it too (WCAG
 * 2.1.1), e.g. a table with no link or button in it that is wider than a phone.
 */
export function ScrollRegion({ children, label, className }: { children: ReactNode; label: string; className: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${className}`}>
      {children}
    </div>
  );
}

/** A table in a scroll region whose header row stays put while the rows scroll. */
export function Table({ children, label }: { children: ReactNode; label: string }) {
  return (
    <ScrollRegion label={label} className="max-h-[calc(100dvh-15rem)] min-h-40 overflow-auto">
      <table aria-label={label} className="min-w-full border-separate border-spacing-0 text-left text-sm">
        {children}
      </table>
    </ScrollRegion>
  );
}

export function Th({ className = '', ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50/95 px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase backdrop-blur ${className}`}
      {...props}
    />
  );
}

/** The header of a row-actions column: named for screen readers only. */
export function ActionsTh({ className }: { className?: string }) {
  return (
    <Th className={className}>
      <span className="sr-only">Actions</span>
    </Th>
  );
}

export function Td({ className = '', ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`border-b border-slate-100 px-4 py-3 align-middle text-slate-700 ${className}`} {...props} />;
}

/** A row's first cell: its name in bold over a line of detail (an email, a key's prefix, …). */
export function NameCell({ name, detail }: { name: ReactNode; detail?: ReactNode }) {
  return (
    <Td>
      <p className="font-medium text-slate-900">{name}</p>
      {detail && <p className="text-xs text-slate-500">{detail}</p>}
    </Td>
  );
}

/** The cell of a row's actions (under an ActionsTh): its buttons side by side at the right end. */
export function ActionsTd({ children }: { children: ReactNode }) {
  return (
    <Td>
      <div className="flex justify-end gap-1">{children}</div>
    </Td>
  );
}

export function Tr({ children, selected }: { children: ReactNode; selected?: boolean }) {
  return <tr className={`transition-colors hover:bg-slate-50 ${selected ? 'bg-indigo-50/60' : ''}`}>{children}</tr>;
}

/**
 * A header cell of RowsTable: its label, `[label, className]` (a column hidden on small screens,
 * or aligned right), a whole cell (`<ActionsTh />`, a select-all cell), or false for a column not shown.
 */
export type Column = ReactNode | readonly [label: ReactNode, className: string];

const headCell = (column: Column, index: number) => {
  if (Array.isArray(column)) return <Th key={index} className={column[1]}>{column[0]}</Th>;
  if (typeof column === 'string' || typeof column === 'number') return <Th key={index}>{column}</Th>;
  return <Fragment key={index}>{column}</Fragment>;
};

/** A Table of one row per item: the header cells from `columns`, a row's cells from `children`. */
export function RowsTable<T>({
  label,
  columns,
  rows,
  rowKey,
  selected,
  children,
}: {
  label: string;
  columns: readonly Column[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Whether a row is selected (for a bulk action): it is highlighted. */
  selected?: (row: T) => boolean;
  children: (row: T) => ReactNode;
}) {
  return (
    <Table label={label}>
      <thead>
        <tr>{columns.map(headCell)}</tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Tr key={rowKey(row)} selected={selected?.(row)}>
            {children(row)}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
