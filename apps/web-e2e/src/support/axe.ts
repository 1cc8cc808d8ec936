import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** The rules the app is held to: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

export interface AxeReport {
  /** serious and critical violations: these fail a test */
  blocking: Result[];
  /** moderate and minor ones: listed, not failing */
  advisory: Result[];
}

/** Runs axe on the page as it is now (optionally only inside `include`, e.g. an open dialog). */
export async function runAxe(page: Page, include?: string): Promise<AxeReport> {
  // Only violations are read: axe then keeps one example node of each passed or inapplicable
  // rule instead of gathering every node of them, which is most of its work on a full page.
  // A page without frames is analysed by one axe.run in the page (legacy mode): the default runs
  // axe in each frame and merges the results in a new blank page, which cost ~1 s per analysis,
  // most of this suite's time. With a frame (the e-mail body's sandboxed iframe) the default stays,
  // so the frame's content is analysed as well.
  let builder = new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(page.frames().length === 1);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return {
    blocking: violations.filter((v) => BLOCKING.has(v.impact ?? '')),
    advisory: violations.filter((v) => !BLOCKING.has(v.impact ?? '')),
  };
}

/** One line per violation and one per offending element: rule id, impact, help and target selectors. */
export function describeViolations(where: string, violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join(' ').trim()})` : ''}`);
      return `${where}: ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** The number of offending elements, for counts in a summary. */
export const elementCount = (violations: Result[]): number => violations.reduce((sum, v) => sum + v.nodes.length, 0);
