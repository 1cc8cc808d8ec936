import { BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { ChartDataTable, useChartAlternative } from '../../components/ChartDataTable';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);

/** Horizontal bars: hours logged per deal, with the figures as a table behind "Show data". */
export function TimePerDealChart({ rows }: { rows: Array<{ label: string; hours: number }> }) {
  const labels = rows.map((r) => r.label);
  const series = [{ label: 'Hours', values: rows.map((r) => r.hours) }];
  const alternative = useChartAlternative('Hours per deal', labels, series, ' h');
  return (
    <div>
      {alternative.description}
      <div className="h-64">
        <Bar
          {...alternative.canvasProps}
          data={{
            labels: rows.map((r) => r.label),
            datasets: [{ label: 'Hours', data: rows.map((r) => r.hours), backgroundColor: '#6366f1', borderRadius: 4, maxBarThickness: 22 }],
          }}
          options={{
            indexAxis: 'y',
            maintainAspectRatio: false,
            responsive: true,
            plugins: { legend: { display: false } },
            scales: {
              x: { grid: { color: '#f1f5f9' }, ticks: { color: '#64748b' }, beginAtZero: true },
              y: { grid: { display: false }, ticks: { color: '#334155' } },
            },
          }}
        />
      </div>
      <ChartDataTable title="Hours per deal" labels={labels} series={series} rowHeader="Deal" />
    </div>
  );
}
