// The results chart: one bar per row with a ratio, on a log axis around 1 (a ratio of 10 and one of
// 0.1 are bars of the same length on either side of the limit), coloured by the row's verdict, with
// its ratio target; and the open-loop rows as latency against offered load, in rate order.
import type { ResultsFile } from './compare';
import { chartPathOf, chartSvg, loadPoints } from './results.chart';
import type { ResultRow } from './scenario';

const row = (over: Partial<ResultRow>): ResultRow => ({
  scenario: 'lists', metric: 'm', unit: 'ms', measured: 1, baseline: 1, baselineLabel: 'b', ratio: 1, targets: [], pass: null, ...over,
});

const offered = (rate: number, p50: number, baselineP50: number) => ({ rate, share: 0.5, of: 'closed-loop rate' as const, achieved: rate, baselineAchieved: rate, p50, baselineP50 });

const results: ResultsFile = {
  started_at: '2026-12-07T04:00:00.000Z',
  scale: 'medium',
  api_replicas: 1,
  workers: 1,
  machine: { load_average_at_start: [0.5, 0.2, 0.1] },
  scenarios: [
    {
      id: 'lists',
      rows: [
        row({ metric: 'fast <page> & co', ratio: 10, pass: true, targets: [{ kind: 'max', value: 1.5, of: 'ratio' }] }),
        row({ metric: 'slow page', ratio: 0.1, pass: false }),
        row({ metric: 'hundred', ratio: 100 }),
        row({ metric: 'skipped', ratio: null, skipped: 'skipped: endpoint not available (404)' }),
      ],
    },
    {
      id: 'ingest-single',
      rows: [
        // out of rate order on purpose; the p50 row of a point carries the same `offered` and is not a second point
        row({ scenario: 'ingest-single', metric: 'POST latency p99 at 0.75×', measured: 80, baseline: 20, ratio: 4, offered: offered(300, 30, 8) }),
        row({ scenario: 'ingest-single', metric: 'POST latency p99 at 0.25×', measured: 40, baseline: 10, ratio: 4, offered: offered(100, 20, 5) }),
        row({ scenario: 'ingest-single', metric: 'POST latency p50 at 0.25×', measured: 20, baseline: 5, ratio: 4, offered: offered(100, 20, 5) }),
      ],
    },
  ],
};

const rects = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="(#\w+)" data-ratio="([\d.]+)"\/>/g)].map((m) => ({ x: Number(m[1]), width: Number(m[2]), fill: m[3], ratio: Number(m[4]) }));

it('draws one bar per row with a ratio, symmetric on the log axis around the limit', () => {
  const svg = chartSvg(results);
  const bars = rects(svg);
  // every row with a ratio: 3 lists rows and 3 ingest rows; the skipped row has none
  expect(bars.map((b) => b.ratio)).toEqual([10, 0.1, 100, 4, 4, 4]);
  const [ten, tenth, hundred] = bars;
  expect(ten.width).toBeCloseTo(tenth.width, 0); // one decade each way
  expect(tenth.x + tenth.width).toBeCloseTo(ten.x, 0); // both meet at the ratio 1
  expect(hundred.width).toBeCloseTo(2 * ten.width, 0); // two decades
  expect([ten.fill, tenth.fill, hundred.fill]).toEqual(['#15803d', '#b91c1c', '#64748b']);
  expect(svg).toContain('data-target="1.5"');
  expect(svg).toContain('fast &lt;page&gt; &amp; co');
  expect(svg).not.toContain('<page>');
});

it('draws latency against offered load from the open-loop p99 rows, in rate order', () => {
  expect(loadPoints(results).map((p) => p.offered.rate)).toEqual([100, 300]);
  const svg = chartSvg(results);
  const series = Object.fromEntries(
    [...svg.matchAll(/<polyline points="([^"]+)"[^>]*data-series="([^"]+)"/g)].map((m) => [m[2], m[1].split(' ').map((pt) => pt.split(',').map(Number))]),
  );
  expect(Object.keys(series)).toEqual(['POST p99', 'POST p50', 'limit p99', 'limit p50']);
  for (const points of Object.values(series)) {
    expect(points).toHaveLength(2);
    expect(points[0][0]).toBeLessThan(points[1][0]); // rate grows to the right
  }
  // higher latency is drawn higher (smaller y): POST p99 40 ms above the limit's 10 ms at 100/s
  expect(series['POST p99'][0][1]).toBeLessThan(series['limit p99'][0][1]);
  // log scale: 40 → 80 ms and 10 → 20 ms (both doubled) rise by the same height
  expect(series['POST p99'][0][1] - series['POST p99'][1][1]).toBeCloseTo(series['limit p99'][0][1] - series['limit p99'][1][1], 0);
});

it('says so when the run has no open-loop rows, and names the chart after the results file', () => {
  const svg = chartSvg({ ...results, scenarios: [results.scenarios[0]] });
  expect(svg).toContain('no open-loop rows in this run');
  expect(chartPathOf('/x/bench/results.json')).toBe('/x/bench/results.svg');
  expect(chartPathOf('/x/bench/results-medium.json')).toBe('/x/bench/results-medium.svg');
});
