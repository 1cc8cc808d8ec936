import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { getReport } from './report-compare';
// One PDF text extraction for the api and browser e2e tests (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { pdfText } from '../../../../tools/testing/pdf-text';
import { seedRandomEntries } from './report-data';

const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const REPORTS = ['pipeline', 'time-per-deal', 'time-per-client', 'time-per-user', 'revenue-vs-hours', 'productivity'];
const RANGE = { date_from: '2025-10-01', date_to: '2026-01-01' };
/** Deals are created now (the pipeline's range is on created_at): no range for it. */
const rangeOf = (path: string): Record<string, string> => (path === 'pipeline' ? {} : RANGE);

/** Every report as CSV (parsed back with csv-parse) and PDF (text extracted with pdf-parse) shows the JSON's figures. */
describe('report exports', () => {
  const api = apiWithOrg('Exports Org');
  const get = (path: string, query: Record<string, string>) =>
    request(api.app.getHttpServer())
      .get(`/api/v1/reports/${path}?${new URLSearchParams(query)}`)
      .set('Authorization', `Bearer ${api.admin.accessToken}`);

  beforeAll(async () => {
    await seedRandomEntries(api.app, api.admin, 99, 300, 'x');
  });

  it.each(REPORTS)('%s as CSV parses back to the JSON rows', async (path) => {
    const json = await getReport(api.app, api.admin.accessToken, path, rangeOf(path));
    const res = await get(path, { ...rangeOf(path), format: 'csv' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`${path}.csv`);
    const parsed: Record<string, string>[] = parse(res.text, { columns: true });
    expect(parsed.length).toBe(json.rows.length);
    expect(parsed.length).toBeGreaterThan(0);
    parsed.forEach((row, i) => {
      for (const [key, cell] of Object.entries(row)) {
        const value = json.rows[i][key];
        expect({ key, cell }).toEqual({ key, cell: value === null ? '' : String(value) });
      }
    });
    const seconds = parsed.reduce((s, r) => s + Number(r['seconds'] ?? 0), 0);
    if (path !== 'pipeline') expect(seconds).toBe(json.totals.seconds);
  });

  it('CSV honours group_by with a period column', async () => {
    const res = await get('time-per-user', { ...RANGE, group_by: 'month', format: 'csv' }).expect(200);
    const parsed: Record<string, string>[] = parse(res.text, { columns: true });
    expect(new Set(parsed.map((r) => r['period']))).toEqual(new Set(['2025-10-01', '2025-11-01', '2025-12-01']));
  });

  it.each(REPORTS)('%s as PDF opens and shows the totals', async (path) => {
    const json = await getReport(api.app, api.admin.accessToken, path, rangeOf(path));
    const res = await get(path, { ...rangeOf(path), format: 'pdf' }).buffer(true).parse(binary as never).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    if (path !== 'pipeline') expect(text).toContain(`Range: ${RANGE.date_from} to ${RANGE.date_to}`);
    if (path === 'pipeline') {
      expect(text).toContain(`Deals: ${json.totals.count}`);
      for (const c of json.totals.by_currency) expect(text).toContain(`Total value ${c.currency}: ${c.value} (weighted ${c.weighted_value}, by ${c.weighting === 'model' ? 'the win model' : 'stage'})`);
    } else {
      expect(text).toContain(`Total hours: ${json.totals.hours.toFixed(2)}`);
      expect(text).toContain(`Total entries: ${json.totals.entries}`);
    }
    if (path === 'time-per-deal') expect(text).toContain('Deal 0');
  });
});
