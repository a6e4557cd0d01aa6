/**
 * Fixture-driven rendering: every Kratos flow in test/fixtures/flows/ is shown by the real renderer build
 * (with the real preload, in Chromium, under the app's CSP) and checked node by node. Adding a JSON file to
 * that folder adds a test; the flow kind comes from the file name prefix (`login-`, `registration-`,
 * `settings-`, `recovery-`, `verification-`). A screenshot of each is saved as `<fixture>.png` in the test's
 * output folder under test-results/.
 *
 * Run: `npm run test:fixtures` (builds first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { UiNode, UiText } from '../../shared/kratos-wire';
import type { FlowKind, FlowView, IpcResult, SessionView } from '../../shared/ipc-contract';
import { messageText } from '../../shared/flow/messages';
import { submitLabel } from '../../shared/flow/nodes';
import { arrange } from '../../shared/flow/arrangement';
import { presentFlow } from '../../shared/flow/presentation';
import { openApp } from './harness';

const folder = new URL('../fixtures/flows/', import.meta.url);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .sort();

const kinds: readonly FlowKind[] = ['login', 'registration', 'settings', 'recovery', 'verification'];

test('the fixture folder holds flows of every kind the app renders', () => {
  const seen = new Set(files.map(kindOf));
  expect([...seen].sort()).toEqual(expect.arrayContaining(['login', 'recovery', 'registration', 'settings']));
});

for (const file of files) {
  test(`renders ${file}`, async ({ browser }, testInfo) => {
    const raw = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Record<string, unknown>;
    const flow = toFlowView(raw, kindOf(file));
    const state = stateFor(flow);
    const app = await openApp(browser, {
      handle: async (channel): Promise<IpcResult<unknown>> => {
        if (channel === 'kratos:getState') return { ok: true, value: state };
        if (channel === 'kratos:startFlow') return { ok: true, value: { kind: 'flow', flow } };
        return { ok: false, error: { code: 'failed', message: `${channel} is not part of this test` } };
      },
    });
    const { page } = app;
    try {
      await navigateTo(page, flow);
      const form = page.getByTestId(`flow/${flow.kind}`);
      await expect(form).toBeVisible();

      // Every node is checked against one snapshot of the form, read in a single evaluate: round trips per node
      // (~0.3 s each under load) made a 60-field flow take longer than its timeout on a busy machine.
      const shown = await snapshotOf(form);
      const seen = new Map<string, number>();
      const nth = (testId: string): Shown => {
        const index = seen.get(testId) ?? 0;
        seen.set(testId, index + 1);
        const element = shown.elements.filter((candidate) => candidate.testId === testId)[index];
        expect(element, `${testId} (#${index + 1}) is in the form`).toBeDefined();
        return element!;
      };
      const expectVisible = (element: Shown) =>
        expect(element.visible, `${element.testId} is visible`).toBe(true);

      // The second-factor screen says 1010004 ("complete the second authentication challenge") in its intro,
      // naming the methods, instead of repeating it as a message (App.tsx).
      // A re-authentication (a refresh login) is framed as "Confirm it's you", which says 1010003 ("Please
      // confirm this action by verifying that it is you.") in its heading (ConfirmIdentity.tsx).
      const reauthentication = flow.kind === 'login' && flow.refresh === true;
      const saidByTheScreen: readonly number[] =
        state.status === 'second-factor-required' ? [1010004] : reauthentication ? [1010003] : [];
      // As the screen presents them: e.g. "a code was sent" names the address (presentation.ts).
      for (const message of presentFlow(flow).ui.messages ?? []) {
        if (saidByTheScreen.includes(message.id)) {
          expect(shown.elements.some((element) => element.testId === `ui/message/${message.id}`)).toBe(false);
          if (reauthentication)
            await expect(page.getByTestId('flow/confirm-identity')).toContainText("Confirm it's you");
          else await expect(page.getByTestId('second-factor')).toContainText('Finish signing in with');
        } else expectMessage(shown, message);
      }

      // Step 2 of a sign-up offers no social sign-up again (the address is given; arrangement.ts): its
      // provider buttons are left out on purpose.
      const leftOut = (node: UiNode) => arrange(flow).signUpStep?.step === 2 && node.group === 'oidc';
      for (const node of flow.ui.nodes) {
        const label = labelOf(node);
        if (leftOut(node)) {
          const { name, value } = node.attributes as { name?: unknown; value?: unknown };
          const testId = `field/${String(name)}/${String(value)}`;
          expect(
            shown.elements.some((element) => element.testId === testId),
            `${testId} is left out`,
          ).toBe(false);
          continue;
        }
        switch (node.type) {
          case 'input': {
            const { name, type, value, autocomplete } = node.attributes;
            if (type === 'hidden') {
              expect(shown.names, `hidden ${name} is not drawn`).not.toContain(name);
            } else if (type === 'submit') {
              const button = nth(`field/${name}/${String(value)}`);
              expectVisible(button);
              expect(button.role, button.testId).toBe('button');
              // Kratos's generic "Save" is named for what it saves (nodes.ts submitLabel).
              expect(button.name, button.testId).toBe(submitLabel(node) ?? label ?? name);
            } else if (type === 'button') {
              const button = nth(`field/${name}`);
              expect(button.role, button.testId).toBe('button');
            } else {
              const control = nth(`field/${name}`);
              expectVisible(control);
              expect(control.nameAttribute, control.testId).toBe(name);
              // A password being chosen in settings is called what it is.
              const newPassword =
                flow.kind === 'settings' && type === 'password' && autocomplete === 'new-password';
              const named = newPassword ? 'New password' : (label ?? name);
              expect(control.name, control.testId).toMatch(new RegExp(`^${escape(named)}( \\*)?$`));
            }
            break;
          }
          case 'img':
          case 'text':
          case 'a':
            expectVisible(nth(`field/${node.attributes.id}/${node.type}`));
            break;
          case 'script': {
            const placeholder = nth(`field/${node.attributes.id}/unsupported`);
            expect(placeholder.text, placeholder.testId).toContain('Unsupported');
            break;
          }
          case 'div': {
            // An empty place for a browser widget: drawn, never "Unsupported".
            const place = nth(`field/${node.attributes.id}/div`);
            expect(place.text, place.testId).not.toContain('Unsupported');
            break;
          }
        }
        for (const message of node.messages) expectMessage(shown, message);
      }

      const screenshot = testInfo.outputPath(`${file.replace(/\.json$/, '')}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      await testInfo.attach('screenshot', { path: screenshot, contentType: 'image/png' });
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
}

function kindOf(file: string): FlowKind {
  const kind = kinds.find((candidate) => file.startsWith(`${candidate}-`));
  if (!kind) throw new Error(`${file}: the name must start with one of ${kinds.join(', ')} followed by "-"`);
  return kind;
}

/** What main would send: a `FlowView` made from the Kratos flow. */
function toFlowView(raw: Record<string, unknown>, kind: FlowKind): FlowView {
  return {
    id: typeof raw['id'] === 'string' ? raw['id'] : 'fixture',
    kind,
    state: typeof raw['state'] === 'string' ? raw['state'] : undefined,
    expiresAt: typeof raw['expires_at'] === 'string' ? raw['expires_at'] : undefined,
    refresh: raw['refresh'] === true,
    requestedAal: raw['requested_aal'] === 'aal2' ? 'aal2' : undefined,
    ui: raw['ui'] as FlowView['ui'],
  };
}

const base = {
  endpoint: { url: 'http://127.0.0.1:4433', source: 'environment' },
  keychain: { kind: 'persisted', backend: 'test' },
} as const;

/** The session state in which the app shows this kind of flow. */
function stateFor(flow: FlowView): SessionView {
  if (flow.kind === 'settings') {
    return {
      ...base,
      status: 'signed-in',
      session: {
        id: 'session-1',
        aal: 'aal1',
        identity: null,
        authenticationMethods: [],
        authenticatedAt: undefined,
        issuedAt: undefined,
        expiresAt: undefined,
        devices: [],
      },
    };
  }
  if (flow.kind === 'login' && flow.requestedAal === 'aal2') {
    return { ...base, status: 'second-factor-required', methods: ['totp'] };
  }
  return { ...base, status: 'signed-out' };
}

async function navigateTo(page: Page, flow: FlowView): Promise<void> {
  if (flow.kind === 'settings') await page.getByTestId('nav/settings').click();
  else if (flow.kind !== 'login') await page.getByTestId(`nav/${flow.kind}`).click();
}

/** One element of the form as the browser shows it: Chromium's own accessible role and name, and visibility. */
interface Shown {
  testId: string;
  role: string;
  name: string;
  nameAttribute: string | null;
  visible: boolean;
  text: string;
}

/**
 * Everything the checks need, in one round trip: every `data-testid` element of the form in document order
 * (so the nth element of a test id is the nth node that drew it) and every `name` attribute. The role and
 * name are Chromium's computed accessibility values (`computedRole`/`computedName`, enabled for this
 * project in playwright.config.ts); images are given time to decode first, so visibility is final.
 */
async function snapshotOf(form: Locator): Promise<{ elements: Shown[]; names: string[] }> {
  const snapshot = await form.evaluate(async (root: unknown) => {
    // Runs in the page. Typed by hand: test/ is checked without the DOM library.
    interface PageElement {
      dataset: Record<string, string | undefined>;
      textContent: string | null;
      computedRole?: string | null;
      computedName?: string | null;
      getAttribute(name: string): string | null;
      getBoundingClientRect(): { width: number; height: number };
      decode(): Promise<void>;
    }
    const form = root as { querySelectorAll(selector: string): ArrayLike<PageElement> };
    const page = globalThis as unknown as {
      getComputedStyle(element: PageElement): { visibility: string };
    };
    const images = Array.from(form.querySelectorAll('img'), (img) => img.decode().catch(() => undefined));
    await Promise.race([Promise.all(images), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    // Playwright's definition of visible: a non-empty box and not `visibility: hidden`.
    const isVisible = (element: PageElement) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && page.getComputedStyle(element).visibility !== 'hidden';
    };
    const tidy = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const elements = Array.from(form.querySelectorAll('[data-testid]'), (element) => ({
      testId: element.dataset['testid'] ?? '',
      role: element.computedRole,
      name: tidy(element.computedName),
      nameAttribute: element.getAttribute('name'),
      visible: isVisible(element),
      text: tidy(element.textContent),
    }));
    const names = Array.from(
      form.querySelectorAll('[name]'),
      (element) => element.getAttribute('name') ?? '',
    );
    return { elements, names };
  });
  if (snapshot.elements.some((element) => typeof element.role !== 'string'))
    throw new Error(
      'Chromium exposes no computedRole: the fixtures project must enable ComputedAccessibilityInfo',
    );
  return snapshot as { elements: Shown[]; names: string[] };
}

function expectMessage(shown: { elements: Shown[] }, message: UiText): void {
  const testId = `ui/message/${message.id}`;
  const text = messageText(message).replace(/\s+/g, ' ').trim();
  const match = shown.elements.find(
    (element) => element.testId === testId && element.visible && element.text.includes(text),
  );
  expect(match, `${testId} is shown as "${text}"`).toBeDefined();
}

function labelOf(node: UiNode): string | undefined {
  const label = node.meta.label ?? (node.type === 'input' ? node.attributes.label : undefined);
  return label ? messageText(label) : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
