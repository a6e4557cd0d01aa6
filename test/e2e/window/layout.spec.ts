/**
 * Values at any length and in any direction: names, addresses and devices come from people and servers,
 * so they wrap inside their card (nothing scrolls sideways, at 480 px or 1000 px), and every one of them
 * has `dir=auto`, so right-to-left text reads right inside a left-to-right page. Scripted main
 * (harness/scripted.ts); every window is audited with axe when it closes.
 */
import { expect, test, type Page } from '@playwright/test';
import type { SessionListItem, SessionView } from '../../../shared/ipc-contract';
import { later, ok, open, signedIn } from '../harness/scripted';

const longEmail = `${'maria.anna.sophia.cecilia'.repeat(3)}@a-very-long-subdomain.of-an-example-organisation.example.com`;
const longName = 'Maria-Anna-Sophia-Cecilia-Kalogeropoulou-Papadimitriou-Wolfeschlegelsteinhausen';
const arabicName = 'عائشة بنت أبي بكر';

function session(): SessionView {
  const view = signedIn(later()) as Extract<SessionView, { status: 'signed-in' }>;
  return {
    ...view,
    session: {
      ...view.session,
      identity: {
        ...view.session.identity!,
        traits: { email: longEmail, name: { first: longName, last: arabicName } },
        verifiableAddresses: [{ value: longEmail, via: 'email', verified: false }],
      },
      devices: [
        {
          id: 'd1',
          ipAddress: '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
          userAgent: `kratos-desktop/0.1.0 (Linux; ${'a-very-long-host-name-'.repeat(3)})`,
          location: undefined,
        },
      ],
    },
  };
}

const otherSession: SessionListItem = {
  id: 'session-2',
  current: false,
  aal: 'aal1',
  authenticatedAt: '2026-07-29T10:00:00Z',
  expiresAt: later(),
  devices: [
    {
      id: 'd2',
      ipAddress: '2001:0db8:85a3:0000:0000:8a2e:0370:7335',
      userAgent: `kratos-desktop-cli/0.1.0 (Linux; ${'another-very-long-host-name-'.repeat(3)})`,
      location: undefined,
    },
  ],
};

/** How far the page, and each card, reaches past its own width (0 when everything wraps). */
const overflow = (page: Page) =>
  page.locator('html').evaluate((root) => {
    const cards = [...root.querySelectorAll('.card, .card *')];
    return {
      page: root.scrollWidth - root.clientWidth,
      cards: Math.max(0, ...cards.map((element) => element.scrollWidth - element.clientWidth)),
    };
  });

for (const width of [480, 1000]) {
  test(`at ${width} px, long values wrap inside the session card and the session list; nothing scrolls sideways`, async ({
    browser,
  }) => {
    const app = await open(
      browser,
      {
        'kratos:getState': ok(session()),
        'kratos:listSessions': ok({ kind: 'sessions', sessions: [otherSession] }),
      },
      { viewport: { width, height: 900 } },
    );
    const { page } = app;
    await expect(page.getByTestId('session/identity')).toContainText(longName);
    expect(await overflow(page)).toEqual({ page: 0, cards: 0 });
    await page.getByTestId('nav/sessions').click();
    await expect(page.getByTestId('sessions/item/session-2')).toBeVisible();
    expect(await overflow(page)).toEqual({ page: 0, cards: 0 });
    await app.close();
  });
}

test('every value a person typed or a server sent has its own direction (dir=auto)', async ({ browser }) => {
  const app = await open(browser, {
    'kratos:getState': ok(session()),
    'kratos:listSessions': ok({ kind: 'sessions', sessions: [otherSession] }),
  });
  const { page } = app;
  const identity = page.getByTestId('session/identity');
  for (const value of [longName, arabicName, longEmail]) {
    await expect(identity.getByText(value, { exact: true })).toHaveAttribute('dir', 'auto');
  }
  await expect(page.getByTestId('topbar/identity').locator('strong')).toHaveAttribute('dir', 'auto');
  await expect(page.getByTestId('session/devices').locator('li')).toHaveAttribute('dir', 'auto');
  await page.getByTestId('nav/sessions').click();
  await expect(page.getByTestId('sessions/item/session-2').locator('.card-head strong')).toHaveAttribute(
    'dir',
    'auto',
  );
  await app.close();
});
