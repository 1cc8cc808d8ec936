import { useId, useState } from 'react';

export interface ChartSeries {
  label: string;
  values: number[];
}

/** What a chart's canvas needs to be read without seeing it: its name and the id of its description. */
export interface ChartAlternative {
  'aria-label': string;
  'aria-describedby': string;
}

/**
 * The text alternative of a chart (WCAG 1.1.1): `canvasProps` name the canvas and point its
 * description at a sentence of the figures; `table` is the same data as a table, hidden visually
 * until "Show data" and always there for screen readers.
 */
export function useChartAlternative(title: string, labels: string[], series: ChartSeries[], unit = '') {
  const descriptionId = useId();
  const figures = labels.map((label, i) => `${label}: ${series.map((s) => `${series.length > 1 ? `${s.label} ` : ''}${s.values[i]}${unit}`).join(', ')}`).join('; ');
  const name = `${title}. ${figures}`;
  const canvasProps: ChartAlternative = { 'aria-label': name, 'aria-describedby': descriptionId };
  return {
    canvasProps,
    description: (
      <p id={descriptionId} className="sr-only">
        Bar chart of {title.toLowerCase()}; its figures are in the table “{title} data” after it.
      </p>
    ),
  };
}

/** The chart's figures as a table behind a "Show data" toggle (screen readers always have it). */
export function ChartDataTable({ title, labels, series, rowHeader = 'Label' }: { title: string; labels: string[]; series: ChartSeries[]; rowHeader?: string }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <>
      <button
        type="button"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable((s) => !s)}
        className="mt-2 rounded text-xs font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {showTable ? 'Hide data' : 'Show data'}
      </button>
      <div id={tableId} className={showTable ? 'mt-2 overflow-x-auto' : 'sr-only'}>
        <table aria-label={`${title} data`} className="min-w-full text-left text-xs">
          <thead>
            <tr className="border-b border-slate-200 text-slate-500">
              <th scope="col" className="py-1.5 pr-4 font-semibold">
                {rowHeader}
              </th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="py-1.5 pr-4 text-right font-semibold">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={i} className="border-b border-slate-100">
                <th scope="row" className="py-1.5 pr-4 font-medium text-slate-800">
                  {label}
                </th>
                {series.map((s) => (
                  <td key={s.label} className="py-1.5 pr-4 text-right text-slate-700 tabular-nums">
                    {s.values[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
