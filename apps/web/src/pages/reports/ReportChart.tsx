import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { ChartDataTable, useChartAlternative } from '../../components/ChartDataTable';
import type { ChartData } from './report-data';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const palette = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#f43f5e', '#8b5cf6', '#14b8a6', '#64748b'];

/**
 * A bar chart whose canvas is named by its figures and described by a pointer to its data table
 * (hidden visually until "Show data", always there for screen readers and tests).
 */
export function ReportChart({ title, data, unit = '', horizontal = false }: { title: string; data: ChartData; unit?: string; horizontal?: boolean }) {
  const alternative = useChartAlternative(title, data.labels, data.series, unit);
  const stacked = data.series.length > 1 && !title.startsWith('Pipeline');
  const height = horizontal ? Math.max(160, data.labels.length * 34 + 40) : 260;
  return (
    <div>
      {alternative.description}
      <div style={{ height }}>
        <Bar
          {...alternative.canvasProps}
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
      <ChartDataTable title={title} labels={data.labels} series={data.series} rowHeader={horizontal ? 'Name' : 'Label'} />
    </div>
  );
}
