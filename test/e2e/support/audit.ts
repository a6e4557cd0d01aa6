/**
 * The accessibility audit every e2e screen passes: axe-core (WCAG 2.x A/AA, best practices and axe's
 * experimental rules) over the whole page, failing on any violation with the rule, the elements and axe's
 * advice. The world and person helpers call it on each screen a scenario visits (before a form is filled,
 * before signing out, on the screen a window is left on), and the scripted renderer specs on every window
 * they close.
 *
 * axe does not judge the focus ring or input borders against WCAG 1.4.11 (non-text contrast);
 * test/e2e/window/contrast.spec.ts does, from computed styles.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'];

/** Screens already audited, per page: a screen is its title and the test ids on it (an audit is slow). */
const audited = new WeakMap<Page, Set<string>>();

export async function expectAccessible(page: Page, screen = page.url()): Promise<void> {
  // A string: the tests are compiled without the DOM types.
  const signature = await page.evaluate<string>(`document.title + '|' + Array.from(
    document.querySelectorAll('[data-testid], [role]'),
    (e) => [e.getAttribute('data-testid'), e.getAttribute('role'), e.getAttribute('aria-invalid')].join(':'),
  ).join(' ')`);
  const seen = audited.get(page) ?? new Set<string>();
  audited.set(page, seen);
  if (seen.has(signature)) return;
  seen.add(signature);
  const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
  const report = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n` +
      violation.nodes.map((node) => `  ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n'),
  );
  expect(report, `accessibility violations on ${screen} (title "${await page.title()}")`).toEqual([]);
}
