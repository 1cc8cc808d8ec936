import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const ITEMS = [
  'API1:2023 Broken Object Level Authorization',
  'API2:2023 Broken Authentication',
  'API3:2023 Broken Object Property Level Authorization',
  'API4:2023 Unrestricted Resource Consumption',
  'API5:2023 Broken Function Level Authorization',
  'API6:2023 Unrestricted Access to Sensitive Business Flows',
  'API7:2023 Server Side Request Forgery',
  'API8:2023 Security Misconfiguration',
  'API9:2023 Improper Inventory Management',
  'API10:2023 Unsafe Consumption of APIs',
];

/** The table rows of docs/security.md: item, how, and the test files named in backticks. */
function rows(): { item: string; how: string; tests: string[] }[] {
  return readFileSync(join(ROOT, 'docs/security.md'), 'utf8')
    .split('\n')
    .filter((line) => /^\| API\d+:2023 /.test(line))
    .map((line) => {
      const [item, how, tests] = line.split('|').slice(1, -1).map((c) => c.trim());
      return { item, how, tests: [...tests.matchAll(/`([^`]+)`/g)].map((m) => m[1]) };
    });
}

/** The outside review's findings table: finding, what was wrong, fix, and the test files in backticks. */
function findings(): { id: string; wrong: string; fix: string; tests: string[] }[] {
  return readFileSync(join(ROOT, 'docs/security.md'), 'utf8')
    .split('\n')
    .filter((line) => /^\| F\d+ /.test(line))
    .map((line) => {
      const [finding, wrong, fix, tests] = line.split('|').slice(1, -1).map((c) => c.trim());
      return { id: finding.split(' ')[0], wrong, fix, tests: [...tests.matchAll(/`([^`]+)`/g)].map((m) => m[1]) };
    });
}

describe('docs/security.md: the outside review', () => {
  it('lists findings F1 to F9 once, in order', () => {
    expect(findings().map((f) => f.id)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9']);
  });

  it('says what was wrong and how it was fixed, and names the tests that prove it', () => {
    for (const f of findings()) {
      expect(f.wrong.length).toBeGreaterThan(40);
      expect(f.fix.length).toBeGreaterThan(40);
      expect(f.tests.length).toBeGreaterThan(0);
    }
  });

  it('names only test files that exist', () => {
    const missing = findings().flatMap((f) => f.tests.filter((t) => !/\.spec\.tsx?$/.test(t) || !existsSync(join(ROOT, t))).map((t) => `${f.id}: ${t}`));
    expect(missing).toEqual([]);
  });
});

describe('docs/security.md', () => {
  it('covers each OWASP API Security Top 10 (2023) item once, in order', () => {
    expect(rows().map((r) => r.item)).toEqual(ITEMS);
  });

  it('says how for each item and names at least one test file', () => {
    for (const row of rows()) {
      expect(row.how.length).toBeGreaterThan(40);
      expect(row.tests.length).toBeGreaterThan(0);
    }
  });

  it('names only test files that exist', () => {
    const missing = rows().flatMap((r) => r.tests.filter((f) => !/\.spec\.ts$/.test(f) || !existsSync(join(ROOT, f))).map((f) => `${r.item}: ${f}`));
    expect(missing).toEqual([]);
  });
});
