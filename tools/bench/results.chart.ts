// The picture of a bench run, written beside its results file (bench/results.json →
// bench/results.svg): every row's ratio to the limit measured in the same run, on a log scale
// around 1 with its target, and the POST's latency against offered load beside the write limit's
// (the open-loop rows). A plain SVG: readable in review, drawn without a browser.
import type { ResultsFile } from './compare';
import type { ResultRow } from './scenario';

const WIDTH = 1100;
const LABEL_W = 520;
const BAR_X0 = LABEL_W + 10;
const BAR_W = WIDTH - BAR_X0 - 90;
const ROW_H = 20;
/** The ratio axis: 10^-2 … 10^3 (ratios beyond are drawn at the edge). */
const LOG_MIN = -2;
const LOG_MAX = 3;

const COLORS = { pass: '#15803d', fail: '#b91c1c', none: '#64748b', post: '#1d4ed8', limit: '#ea580c' };

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The x of a ratio on the log axis. */
export function ratioX(ratio: number): number {
  const log = Math.min(LOG_MAX, Math.max(LOG_MIN, Math.log10(ratio)));
  return BAR_X0 + ((log - LOG_MIN) / (LOG_MAX - LOG_MIN)) * BAR_W;
}

function ratioTarget(row: ResultRow): number | undefined {
  return row.targets.find((t) => t.of === 'ratio')?.value;
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 100) / 100));

/** Rows with a ratio, in table order. */
export function ratioRows(results: ResultsFile): Array<{ scenario: string; row: ResultRow }> {
  return results.scenarios.flatMap((s) => s.rows.filter((r) => !r.skipped && r.ratio !== null && r.ratio > 0).map((row) => ({ scenario: s.id, row })));
}

/** The open-loop points (rows that carry `offered`), by offered rate. */
export function loadPoints(results: ResultsFile): Array<{ row: ResultRow; offered: NonNullable<ResultRow['offered']> }> {
  return results.scenarios
    .flatMap((s) => s.rows)
    .filter((r): r is ResultRow & { offered: NonNullable<ResultRow['offered']> } => !!r.offered && !r.skipped && /p99/.test(r.metric))
    .map((row) => ({ row, offered: row.offered }))
    .sort((a, b) => a.offered.rate - b.offered.rate);
}

function ratioPanel(results: ResultsFile, top: number): { svg: string; height: number } {
  const rows = ratioRows(results);
  const out: string[] = [`<text x="10" y="${top + 16}" class="h">Each row against the limit measured in the same run (ratio, log scale; the line at 1 is the limit)</text>`];
  const y0 = top + 30;
  for (let tick = LOG_MIN; tick <= LOG_MAX; tick++) {
    const x = ratioX(10 ** tick);
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + rows.length * ROW_H}" class="${tick === 0 ? 'one' : 'grid'}"/>`);
    out.push(`<text x="${x}" y="${y0 + rows.length * ROW_H + 14}" class="tick" text-anchor="middle">${fmt(10 ** tick)}</text>`);
  }
  rows.forEach(({ scenario, row }, i) => {
    const y = y0 + i * ROW_H;
    const ratio = row.ratio as number;
    const color = row.pass === true ? COLORS.pass : row.pass === false ? COLORS.fail : COLORS.none;
    const [a, b] = [ratioX(1), ratioX(ratio)].sort((m, n) => m - n);
    const label = `${scenario}: ${row.metric}`;
    const shown = label.length > 82 ? `${label.slice(0, 81)}…` : label;
    const ratioText = row.ratioKind === 'baseline/measured' ? `${fmt(ratio)}× faster` : fmt(ratio);
    out.push(`<text x="${LABEL_W}" y="${y + 14}" class="label" text-anchor="end"><title>${escapeXml(label)}</title>${escapeXml(shown)}</text>`);
    out.push(`<rect x="${a.toFixed(1)}" y="${y + 3}" width="${Math.max(1, b - a).toFixed(1)}" height="${ROW_H - 6}" fill="${color}" data-ratio="${ratio}"/>`);
    out.push(`<text x="${(Math.max(a, b) + 4).toFixed(1)}" y="${y + 14}" class="value">${escapeXml(ratioText)}</text>`);
    const target = ratioTarget(row);
    if (target !== undefined) out.push(`<line x1="${ratioX(target).toFixed(1)}" y1="${y + 1}" x2="${ratioX(target).toFixed(1)}" y2="${y + ROW_H - 1}" class="target" data-target="${target}"/>`);
  });
  const legend = y0 + rows.length * ROW_H + 32;
  out.push(
    `<text x="${BAR_X0}" y="${legend}" class="tick"><tspan fill="${COLORS.pass}">■ target met</tspan>   <tspan fill="${COLORS.fail}">■ target missed</tspan>   <tspan fill="${COLORS.none}">■ no target judged at this scale</tspan>   │ the row's ratio target</text>`,
  );
  return { svg: out.join('\n'), height: legend - top + 10 };
}

function latencyPanel(results: ResultsFile, top: number): { svg: string; height: number } {
  const points = loadPoints(results);
  const h = 300;
  const out: string[] = [`<text x="10" y="${top + 16}" class="h">POST /time-entries latency against offered load (open loop), beside the write limit at the same rates</text>`];
  if (!points.length) {
    out.push(`<text x="10" y="${top + 40}" class="label">no open-loop rows in this run</text>`);
    return { svg: out.join('\n'), height: 60 };
  }
  const x0 = 90;
  const w = WIDTH - x0 - 40;
  const y0 = top + 30;
  const maxRate = Math.max(...points.map((p) => p.offered.rate)) * 1.05;
  const values = points.flatMap(({ row, offered }) => [row.measured ?? 0, row.baseline ?? 0, offered.p50, offered.baselineP50]).filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...values))));
  const px = (rate: number) => x0 + (rate / maxRate) * w;
  const py = (ms: number) => y0 + h - ((Math.log10(Math.max(ms, 10 ** lo)) - lo) / (hi - lo)) * h;
  for (let t = lo; t <= hi; t++) {
    out.push(`<line x1="${x0}" y1="${py(10 ** t)}" x2="${x0 + w}" y2="${py(10 ** t)}" class="grid"/>`);
    out.push(`<text x="${x0 - 6}" y="${py(10 ** t) + 4}" class="tick" text-anchor="end">${fmt(10 ** t)} ms</text>`);
  }
  for (const { offered } of points) out.push(`<text x="${px(offered.rate)}" y="${y0 + h + 16}" class="tick" text-anchor="middle">${fmt(offered.rate)}/s</text>`);
  out.push(`<text x="${x0 + w / 2}" y="${y0 + h + 34}" class="tick" text-anchor="middle">offered requests per second</text>`);
  const series: Array<[string, string, string, (p: (typeof points)[number]) => number]> = [
    ['POST p99', COLORS.post, '', (p) => p.row.measured ?? 0],
    ['POST p50', COLORS.post, '6 4', (p) => p.offered.p50],
    ['limit p99', COLORS.limit, '', (p) => p.row.baseline ?? 0],
    ['limit p50', COLORS.limit, '6 4', (p) => p.offered.baselineP50],
  ];
  series.forEach(([name, color, dash, value], i) => {
    const path = points.map((p) => `${px(p.offered.rate).toFixed(1)},${py(value(p)).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''} data-series="${name}"/>`);
    for (const p of points) out.push(`<circle cx="${px(p.offered.rate).toFixed(1)}" cy="${py(value(p)).toFixed(1)}" r="3" fill="${color}"><title>${escapeXml(`${name}: ${fmt(value(p))} ms at ${fmt(p.offered.rate)}/s offered`)}</title></circle>`);
    out.push(`<text x="${x0 + 10 + i * 130}" y="${y0 + h + 54}" class="tick" fill="${color}">${dash ? '- - ' : '—— '}${name}</text>`);
  });
  return { svg: out.join('\n'), height: h + 100 };
}

/** The whole picture of one results file. */
export function chartSvg(results: ResultsFile): string {
  const title = `Clockwork CRM bench, --scale ${results.scale}, ${results.started_at} (load average at start ${results.machine?.load_average_at_start?.join(' / ') ?? '?'})`;
  const ratios = ratioPanel(results, 30);
  const latency = latencyPanel(results, 30 + ratios.height + 10);
  const height = 30 + ratios.height + 10 + latency.height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    '<style>.h{font-size:14px;font-weight:600}.label{font-size:11px;fill:#0f172a}.value{font-size:11px;fill:#0f172a}.tick{font-size:11px;fill:#334155}.grid{stroke:#e2e8f0}.one{stroke:#0f172a;stroke-width:1.5}.target{stroke:#0f172a;stroke-width:2}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" class="h">${escapeXml(title)}</text>`,
    ratios.svg,
    latency.svg,
    '</svg>',
    '',
  ].join('\n');
}

/** bench/results.json → bench/results.svg */
export const chartPathOf = (resultsPath: string) => resultsPath.replace(/\.json$/, '') + '.svg';
