import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useId, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import type { ChartData } from './report-data';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const palette = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#f43f5e', '#8b5cf6', '#14b8a6', '#64748b'];

/** One sentence of the chart's figures, for its aria-label. */
export function describeChart(title: string, data: ChartData, unit: string): string {
  const parts = data.labels.map((label, i) => `${label}: ${data.series.map((s) => `${data.series.length > 1 ? `${s.label} ` : ''}${s.values[i]}${unit}`).join(', ')}`);
  return `${title}. ${parts.join('; ')}`;
}

/**
 * A bar chart with its data as a table: hidden visually until "Show data", always there for
 * screen readers (and tests).
 */
export function ReportChart({ title, data, unit = '', horizontal = false }: { title: string; data: ChartData; unit?: string; horizontal?: boolean }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const stacked = data.series.length > 1 && !title.startsWith('Pipeline');
  const height = horizontal ? Math.max(160, data.labels.length * 34 + 40) : 260;
  return (
    <div>
      <div style={{ height }} role="img" aria-label={describeChart(title, data, unit)}>
        <Bar
          data={{
            labels: data.labels,
            datasets: data.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: palette[i % palette.length], borderRadius: 4, maxBarThickness: 28 })),
          }}
          options={{
            indexAxis: horizontal ? 'y' : 'x',
            maintainAspectRatio: false,
            responsive: true,
            plugins: { legend: { display: data.series.length > 1, position: 'bottom', labels: { boxWidth: 12, color: '#475569' } } },
            scales: {
              x: { stacked, grid: { color: horizontal ? '#f1f5f9' : 'transparent' }, ticks: { color: '#64748b' }, beginAtZero: true },
              y: { stacked, grid: { color: horizontal ? 'transparent' : '#f1f5f9' }, ticks: { color: '#334155' }, beginAtZero: true },
            },
          }}
        />
      </div>
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
                {horizontal ? 'Name' : 'Label'}
              </th>
              {data.series.map((s) => (
                <th key={s.label} scope="col" className="py-1.5 pr-4 text-right font-semibold">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.labels.map((label, i) => (
              <tr key={label} className="border-b border-slate-100">
                <th scope="row" className="py-1.5 pr-4 font-medium text-slate-800">
                  {label}
                </th>
                {data.series.map((s) => (
                  <td key={s.label} className="py-1.5 pr-4 text-right text-slate-700 tabular-nums">
                    {s.values[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
