/**
 * The flow service with a real session controller over a fake Kratos API and a fake clock: the world the
 * flow specs (service.test.ts, social-sign-in.test.ts) run in.
 */
import type {
  RecoveryFlow,
  RegistrationFlow,
  SettingsFlow,
  VerificationFlow,
} from '../../../shared/kratos-wire';
import { afterEach } from 'vitest';
import { createFlowService } from '../../../main/flows/service';
import { SessionController } from '../../../main/session/controller';
import { MemoryTokenStore } from '../../../main/session/token-store';
import { BASE_URL, FakeClock, TOKEN, aSession, fakeApi, ok } from '../session/fakes';

const controllers: SessionController[] = [];
let latestApi: ReturnType<typeof fakeApi> | undefined;

/**
 * The `s` value of the `return_to` the latest world's service last created a flow with: what Kratos carries
 * back in every link from the browser (a made-up value when no flow was created with one).
 */
export function sentNonce(): string {
  const calls = [
    ...(latestApi?.createLoginFlow.mock.calls ?? []),
    ...(latestApi?.createRegistrationFlow.mock.calls ?? []),
  ] as { exchange?: { returnTo: string } }[][];
  const returnTo = calls.map(([options]) => options?.exchange?.returnTo).findLast((url) => url !== undefined);
  return returnTo === undefined
    ? 'no-flow-was-created-with-a-value'
    : new URL(returnTo).searchParams.get('s')!;
}
afterEach(() => controllers.splice(0).forEach((c) => c.dispose()));

export async function setup(
  options: {
    signedIn?: boolean;
    maxRememberedFlows?: number;
    returnTo?: string;
    endpointUrl?: string;
    passkeyPageUrl?: string;
    privilegedSessionMaxAgeMs?: number;
  } = {},
) {
  const browser = {
    opened: [] as string[],
    fails: false,
    /** Runs while the browser opens (before `openExternal` resolves). */
    whileOpening: undefined as (() => Promise<unknown>) | undefined,
  };
  const api = fakeApi();
  latestApi = api;
  if (options.endpointUrl !== undefined) Object.assign(api, { baseUrl: options.endpointUrl });
  const store = new MemoryTokenStore();
  const clock = new FakeClock();
  const session = new SessionController({
    api,
    store,
    storeKey: BASE_URL,
    endpoint: { url: BASE_URL, source: 'settings' },
    keychain: () => ({ kind: 'persisted', backend: 'test' }),
    timers: clock,
    now: clock.now,
  });
  controllers.push(session);
  if (options.signedIn) {
    await store.set(BASE_URL, TOKEN);
    api.whoami.mockResolvedValue(ok(aSession()));
  }
  await session.start();
  api.whoami.mockClear();
  const flows = createFlowService({
    api,
    session,
    maxRememberedFlows: options.maxRememberedFlows,
    ...(options.returnTo === undefined ? {} : { returnTo: options.returnTo }),
    ...(options.passkeyPageUrl === undefined
      ? {}
      : { passkeyPage: { kind: 'page' as const, url: options.passkeyPageUrl } }),
    ...(options.privilegedSessionMaxAgeMs === undefined
      ? {}
      : { privilegedSessionMaxAgeMs: options.privilegedSessionMaxAgeMs }),
    openExternal: async (url) => {
      if (browser.fails) throw new Error('no browser');
      browser.opened.push(url);
      await browser.whileOpening?.();
    },
    timers: clock,
    now: clock.now,
  });
  return { api, store, session, flows, browser, clock };
}

const ui = (id: string) => ({ action: `${BASE_URL}/self-service/x?flow=${id}`, method: 'POST', nodes: [] });
const flowBase = (id: string) => ({
  id,
  type: 'api',
  expires_at: '2026-08-01T13:00:00Z',
  issued_at: '2026-08-01T12:00:00Z',
  request_url: BASE_URL,
  state: 'choose_method',
  ui: ui(id),
});
export const registrationFlow = (id = 'reg-1'): RegistrationFlow => flowBase(id);
export const verificationFlow = (id = 'ver-1', state = 'sent_email'): VerificationFlow => ({
  ...flowBase(id),
  state,
});
export const recoveryFlow = (id = 'rec-1', extra: Partial<RecoveryFlow> = {}): RecoveryFlow => ({
  ...flowBase(id),
  ...extra,
});
/** Kratos's answer to the recovery code: the flow `rec-1` passed, with `items` to continue with. */
export const recovered = (...items: NonNullable<RecoveryFlow['continue_with']>) =>
  ok(recoveryFlow('rec-1', { state: 'passed_challenge', continue_with: items }));
export const settingsFlow = (id = 'set-1', state = 'show_form'): SettingsFlow => ({
  ...flowBase(id),
  state,
  identity: aSession().identity!,
});
