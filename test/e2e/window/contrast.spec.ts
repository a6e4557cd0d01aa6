/**
 * WCAG 1.4.11 (non-text contrast), which axe does not judge: the focus ring and input borders need 3:1
 * against what is behind them, in light and dark mode, computed from the styles the browser applies. In
 * forced-colors mode (Windows high contrast) the ring and the active-tab marker must still be drawn.
 */
import { expect, test, type Page } from '@playwright/test';
import { later, ok, open, signedIn, signInScript } from '../harness/scripted';
import { contrast, parseColor } from '../support/colour';

/** The computed colours of the focused identifier field: its ring, its border, and what is behind both. */
async function fieldColours(page: Page) {
  const field = page.getByTestId('field/identifier');
  await field.focus();
  await page.keyboard.press('Shift+Tab'); // focus by keyboard, so :focus-visible applies
  await page.keyboard.press('Tab');
  await expect(field).toBeFocused();
  return field.evaluate((element) => {
    const view = element.ownerDocument.defaultView!;
    const style = view.getComputedStyle(element);
    // The first ancestor with a painted background is what the ring and the border sit on.
    let behind = element.parentElement;
    while (behind && view.getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') {
      behind = behind.parentElement;
    }
    return {
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      ring: style.outlineColor,
      border: style.borderTopColor,
      fill: style.backgroundColor,
      behind: behind ? view.getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
      page: view.getComputedStyle(element.ownerDocument.body.parentElement!).backgroundColor,
    };
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme} mode: the focus ring and input borders reach 3:1`, async ({ browser }) => {
    const app = await open(browser, signInScript());
    await app.page.emulateMedia({ colorScheme });
    const colours = await fieldColours(app.page);
    expect(colours.outlineStyle).toBe('solid');
    expect(colours.outlineWidth).toBeGreaterThanOrEqual(2);
    // The ring sits outside the field (outline-offset), on the card; the border between field and card.
    expect(contrast(parseColor(colours.ring), parseColor(colours.behind))).toBeGreaterThanOrEqual(3);
    expect(contrast(parseColor(colours.ring), parseColor(colours.page))).toBeGreaterThanOrEqual(3);
    expect(contrast(parseColor(colours.border), parseColor(colours.behind))).toBeGreaterThanOrEqual(3);
    expect(contrast(parseColor(colours.border), parseColor(colours.fill))).toBeGreaterThanOrEqual(3);
    await app.close();
  });
}

test('forced colors: the focus ring and the active-tab marker are still drawn', async ({ browser }) => {
  const app = await open(browser, {
    'kratos:getState': ok(signedIn(later())),
  });
  const { page } = app;
  await page.emulateMedia({ forcedColors: 'active' });
  const tab = page.getByTestId('nav/session');
  const marker = await tab.evaluate((element) => {
    const style = element.ownerDocument.defaultView!.getComputedStyle(element);
    return { border: parseFloat(style.borderTopWidth), line: style.textDecorationLine };
  });
  const other = await page
    .getByTestId('nav/settings')
    .evaluate((element) =>
      parseFloat(element.ownerDocument.defaultView!.getComputedStyle(element).borderTopWidth),
    );
  expect(marker.line).toBe('underline');
  expect(marker.border).toBeGreaterThan(other);

  await page.getByTestId('nav/sessions').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.getByTestId('nav/sessions').evaluate((element) => {
    const style = element.ownerDocument.defaultView!.getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await app.close();
});
