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
import { messageText } from '../../renderer/src/flow/messages';
import { submitLabel } from '../../renderer/src/flow/nodes';
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
        if (channel === 'session:get-state') return { ok: true, value: state };
        if (channel === 'flow:start') return { ok: true, value: { kind: 'flow', flow } };
        return { ok: false, error: { code: 'failed', message: `${channel} is not part of this test` } };
      },
    });
    const { page } = app;
    try {
      await navigateTo(page, flow);
      const form = page.getByTestId(`flow/${flow.kind}`);
      await expect(form).toBeVisible();

      for (const message of flow.ui.messages ?? []) await expectMessage(form, message);

      const seen = new Map<string, number>();
      const nth = (testId: string) => {
        const index = seen.get(testId) ?? 0;
        seen.set(testId, index + 1);
        return form.getByTestId(testId).nth(index);
      };

      for (const node of flow.ui.nodes) {
        const label = labelOf(node);
        if (node.type === 'input') {
          const { name, type, value, autocomplete } = node.attributes;
          if (type === 'hidden') {
            await expect(form.locator(`[name="${name}"]`)).toHaveCount(0);
          } else if (type === 'submit') {
            const button = nth(`field/${name}/${String(value)}`);
            await expect(button).toBeVisible();
            await expect(button).toHaveRole('button');
            // Kratos's generic "Save" is named for what it saves (nodes.ts submitLabel).
            await expect(button).toHaveAccessibleName(submitLabel(node) ?? label ?? name);
          } else if (type === 'button') {
            await expect(nth(`field/${name}`)).toHaveRole('button');
          } else {
            const control = nth(`field/${name}`);
            await expect(control).toBeVisible();
            await expect(control).toHaveAttribute('name', name);
            // A password being chosen in settings is called what it is.
            const newPassword =
              flow.kind === 'settings' && type === 'password' && autocomplete === 'new-password';
            const shown = newPassword ? 'New password' : (label ?? name);
            await expect(control).toHaveAccessibleName(new RegExp(`^${escape(shown)}( \\*)?$`));
          }
        } else {
          // What the renderer draws for the other node types: test ids `field/<id>/<shown as>`.
          const shownAs = { img: 'img', text: 'text', a: 'a', script: 'unsupported', div: 'unsupported' }[
            node.type
          ];
          const shown = nth(`field/${node.attributes.id}/${shownAs}`);
          await expect(shown).toBeVisible();
          if (shownAs === 'unsupported') await expect(shown).toContainText('Unsupported');
        }
        for (const message of node.messages) await expectMessage(form, message);
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
  endpoint: { url: 'http://127.0.0.1:4433', source: 'emulator' },
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

async function expectMessage(scope: Locator, message: UiText): Promise<void> {
  const shown = scope.getByTestId(`ui/message/${message.id}`).filter({ hasText: messageText(message) });
  await expect(shown.first()).toBeVisible();
}

function labelOf(node: UiNode): string | undefined {
  const label = node.meta.label ?? (node.type === 'input' ? node.attributes.label : undefined);
  return label ? messageText(label) : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
