/**
 * `npm run bench`, request counts: for each journey of one person, the HTTP requests the protocol needs
 * (docs/protocol.md, "Request budget") next to the requests the app's main side sent, as counted by the
 * in-process emulator. The journeys call the real AppCore (client, session controller, flow service) as the
 * window does: one `startFlow` per screen shown, submits built by the renderer's own `collectValues`, and
 * the session screen's calls (the state, the trait titles) where a journey ends signed in.
 * Printed, not asserted: the counts are asserted, window included, by test/e2e/request-budget.spec.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isInputNode, isTextNode, type UiNode } from '../shared/kratos-wire';
import { generate } from 'otplib';
import { start } from '../emulator/index';
import { AppCore } from '../main/app/core';
import type { Keychain } from '../main/keychain/keychain';
import { buildConnection } from '../main/app/wiring';
import { createMemoryLogger } from '../main/log';
import { MemoryTokenStore } from '../main/session/token-store';
import { collectValues } from '../shared/flow/values';
import type { FlowResponse, FlowView, StartFlowRequest } from '../shared/ipc-contract';

const password = 'correct-Horse-battery-9';

/** The minimum per journey, from the protocol: what a client cannot do without. */
const budget = {
  'cold start without a token': 1, // the sign-in flow
  'cold start with a saved token': 1, // whoami
  'open registration': 1, // the registration flow
  'two-step registration': 2, // traits, then the password
  'sign out to the sign-in form': 2, // logout, a new sign-in flow
  'password sign-in': 1, // the submit
  'open settings': 1, // the settings flow
  'link TOTP': 2, // the submit, whoami for the new AAL
  'second-factor sign-in': 3, // password, the aal2 flow, the code
  // The code's answer carried the aal2 session: a window focus right after it has nothing to ask.
  'window focus after the second factor': 0,
} as const;
type Journey = keyof typeof budget;

async function main() {
  let requests = 0;
  const emulator = await start({ port: 0, config: { bcryptCost: 4 }, onExchange: () => requests++ });
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'kd-bench-'));
  const store = new MemoryTokenStore();
  const keychain: Keychain = {
    store,
    status: () => ({ kind: 'memory', reason: 'The benchmark keeps sign-ins in memory.', hint: '' }),
    retry: async () => keychain.status(),
  };
  const openApp = () =>
    AppCore.start({
      userDataDir,
      environmentUrl: emulator.url,
      keychain,
      connect: buildConnection,
      openExternal: async () => undefined,
      confirmEndpoint: async () => true,
      log: createMemoryLogger(),
    });

  const measured = new Map<Journey, number>();
  /** Runs a journey and counts its requests once none has arrived for a while (late automatic ones too). */
  const journey = async <T>(name: Journey, steps: () => Promise<T>): Promise<T> => {
    const before = requests;
    const result = await steps();
    let seen = -1;
    while (seen !== requests) {
      seen = requests;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    measured.set(name, requests - before);
    return result;
  };

  const email = `bench-${Date.now()}@example.com`;
  let app = await journey('cold start without a token', async () => {
    const core = await openApp();
    await showFlow(core, { kind: 'login' });
    return core;
  });
  try {
    const registration = await journey('open registration', () => showFlow(app, { kind: 'registration' }));
    await journey('two-step registration', async () => {
      const typed = { 'traits.email': email, password };
      let flow = registration;
      // Current Kratos asks for the traits first (`method: profile`), then for the password.
      if (!button(flow, 'method', 'password')) flow = await press(app, flow, typed, 'method', 'profile');
      await press(app, flow, typed, 'method', 'password');
      await sessionScreen(app, 'aal1');
    });
    const signInForm = await journey('sign out to the sign-in form', async () => {
      await app.logout();
      return showFlow(app, { kind: 'login' });
    });
    await journey('password sign-in', async () => {
      await press(app, signInForm, { identifier: email, password }, 'method', 'password');
      await sessionScreen(app, 'aal1');
    });

    await app.stop();
    app = await journey('cold start with a saved token', async () => {
      const core = await openApp();
      await sessionScreen(core, 'aal1');
      return core;
    });

    const settings = await journey('open settings', () => showFlow(app, { kind: 'settings' }));
    const secret = textOf(settings, 'totp_secret_key');
    await journey('link TOTP', async () =>
      press(app, settings, { totp_code: await totpCode(secret) }, 'method', 'totp'),
    );

    await app.logout();
    const signIn = await showFlow(app, { kind: 'login' });
    await journey('second-factor sign-in', async () => {
      const answer = await submit(app, signIn, { identifier: email, password }, 'method', 'password');
      // Main may hand over the aal2 flow; otherwise the second-factor screen starts it.
      const aal2 =
        answer.kind === 'done' && answer.next
          ? answer.next
          : await showFlow(app, { kind: 'login', aal: 'aal2' });
      await press(app, aal2, { totp_code: await totpCode(secret) }, 'method', 'totp');
      await sessionScreen(app, 'aal2');
    });
    await journey('window focus after the second factor', () => app.revalidate());
  } finally {
    await app.stop();
    await emulator.stop();
    await rm(userDataDir, { recursive: true, force: true });
  }

  console.info('\nRequests per journey (the app main side against the in-process emulator):');
  console.info(`  ${'journey'.padEnd(38)} minimum  measured`);
  for (const [name, minimum] of Object.entries(budget) as [Journey, number][]) {
    const count = measured.get(name);
    const verdict = count === minimum ? 'met' : `OVER BUDGET by ${String((count ?? 0) - minimum)}`;
    console.info(
      `  ${name.padEnd(38)} ${String(minimum).padStart(7)} ${String(count).padStart(9)}  ${verdict}`,
    );
  }
}

/**
 * What the session screen asks main for: the state and the identity's trait titles. A journey that did not
 * get there would count the wrong requests: stop instead.
 */
async function sessionScreen(core: AppCore, aal: 'aal1' | 'aal2'): Promise<void> {
  const state = await core.getState();
  if (state.status !== 'signed-in' || state.session.aal !== aal)
    throw new Error(`expected to be signed in at ${aal}, but the app is ${state.status}`);
  const schemaId = state.session.identity?.schemaId;
  if (schemaId !== undefined) await core.traitTitles(schemaId);
}

async function showFlow(core: AppCore, request: StartFlowRequest): Promise<FlowView> {
  const response = await core.startFlow(request);
  if (response.kind !== 'flow') throw new Error(`${request.kind} flow: ${JSON.stringify(response)}`);
  return response.flow;
}

function button(flow: FlowView, name: string, value: string): UiNode | undefined {
  return flow.ui.nodes.find(
    (node) =>
      isInputNode(node) &&
      node.attributes.type === 'submit' &&
      node.attributes.name === name &&
      node.attributes.value === value,
  );
}

/** Presses a button as the window does: its group's values and what was typed, nothing else. */
function submit(
  core: AppCore,
  flow: FlowView,
  typed: Record<string, string>,
  name: string,
  value: string,
): Promise<FlowResponse> {
  const pressed = button(flow, name, value);
  if (!pressed) throw new Error(`the ${flow.kind} flow has no ${name}=${value} button`);
  const values = collectValues(flow.ui.nodes, new Map(Object.entries(typed)), pressed);
  return core.submitFlow({ flowId: flow.id, values });
}

/** `submit`, expecting the flow to go on (its next screen) or to finish. */
async function press(
  core: AppCore,
  flow: FlowView,
  typed: Record<string, string>,
  name: string,
  value: string,
): Promise<FlowView> {
  const answer = await submit(core, flow, typed, name, value);
  if (answer.kind === 'flow') return answer.flow;
  if (answer.kind === 'done') return answer.next ?? flow;
  throw new Error(`${flow.kind} ${name}=${value}: ${JSON.stringify(answer)}`);
}

function textOf(flow: FlowView, id: string): string {
  const node = flow.ui.nodes.find((candidate) => isTextNode(candidate) && candidate.attributes.id === id);
  const text = node?.type === 'text' ? node.attributes.text.text : undefined;
  if (!text) throw new Error(`the ${flow.kind} flow has no ${id} text`);
  return text;
}

const totpCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });

await main();
