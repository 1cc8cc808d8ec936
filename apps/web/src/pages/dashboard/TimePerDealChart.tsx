import { BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);

/** Horizontal bars: hours logged per deal. */
export function TimePerDealChart({ rows }: { rows: Array<{ label: string; hours: number }> }) {
  return (
    <div className="h-64" role="img" aria-label={`Hours per deal: ${rows.map((r) => `${r.label} ${r.hours} h`).join(', ')}`}>
      <Bar
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
  );
}
