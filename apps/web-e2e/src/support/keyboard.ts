import type { Locator, Page } from 'playwright-core';

/** Whether `target` has the keyboard focus. */
export const isFocused = (target: Locator): Promise<boolean> => target.evaluate((el) => el === document.activeElement).catch(() => false);

/** Presses Tab (Shift+Tab with `backwards`) until `target` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, { max = 150, backwards = false } = {}): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  if (!(await isFocused(target))) throw new Error(`${max} presses of Tab did not reach ${target}; the focus is on ${await focusedElement(page)}`);
}

/** A short description of the focused element, for messages: tag, role, name. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${name.trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
  });
}

/** Whether the focused element shows the focus: an outline of 2px or more, or a ring (box-shadow). */
export function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return outline || style.boxShadow !== 'none';
  });
}

/**
 * Tabs through up to `count` elements from the current focus, stopping at the end of the page
 * (the focus leaves for the browser's own controls); returns those without a visible focus.
 */
export async function elementsWithoutVisibleFocus(page: Page, count: number): Promise<{ reached: number; missing: string[] }> {
  const missing: string[] = [];
  let reached = 0;
  for (; reached < count; reached += 1) {
    await page.keyboard.press('Tab');
    if ((await focusedElement(page)) === 'body') break;
    if (!(await focusIsVisible(page))) missing.push(await focusedElement(page));
  }
  return { reached, missing };
}
