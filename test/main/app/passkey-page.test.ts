/**
 * Which server the configured passkey page (`KRATOS_PASSKEY_PAGE_URL`) belongs to: the one named beside it
 * (`KRATOS_PUBLIC_URL`, as `npm start` names the emulator and its page). After a switch to another server
 * the page is not opened for it: a passkey button there says what that server's operator must set up. An
 * installed app learns its operator's server's page from the packaged configuration (`npm run dist`), for that
 * server only; the environment variable wins where it is set. Without a page, the sentence names the setting
 * of the run: the environment variable in a development run, the packaged configuration in an installed app.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../emulator/index';
import { AppCore, type AppCoreOptions } from '../../../main/app/core';
import { validateOperatorConfig, type OperatorConfig } from '../../../main/app/operator-config';
import { buildConnection } from '../../../main/app/wiring';
import { createMemoryLogger } from '../../../main/log';
import { selectLanguage } from '../../../main/strings';
import { startTestEmulator, type TestEmulator } from '../../support/emulator';
import { memoryKeychain } from './memory-keychain';

let named: TestEmulator;
let other: TestEmulator;
const passkeys = { config: { methods: { ...defaultConfig.methods, passkey: true } } };

beforeAll(async () => {
  [named, other] = await Promise.all([startTestEmulator(passkeys), startTestEmulator(passkeys)]);
});
afterAll(async () => {
  await named?.stop();
  await other?.stop();
});

/**
 * What a person reads on a server without a page: that passkeys need the server's operator, then the setting
 * whoever runs the server would use — the environment in a development run, the packaged configuration in an
 * installed app (docs/packaging.md). Written out: the test fails if a sentence names the other run's setting.
 */
const developmentRun = {
  en: "Passkeys cannot be used with this server yet: its operator has to set up the passkey page first. (For whoever runs the server: start this app with the page's address in KRATOS_PASSKEY_PAGE_URL.)",
  de: 'Passkeys können mit diesem Server noch nicht verwendet werden: Sein Betreiber muss zuerst die Passkey-Seite einrichten. (Für den Betreiber des Servers: Starten Sie diese App mit der Adresse der Seite in KRATOS_PASSKEY_PAGE_URL.)',
};
const installedApp = {
  en: "Passkeys cannot be used with this server yet: its operator has to set up the passkey page first. (For whoever runs the server: build the app with the page's address in passkeyPageUrl, or KRATOS_DESKTOP_PASSKEY_PAGE_URL for npm run dist.)",
  de: 'Passkeys können mit diesem Server noch nicht verwendet werden: Sein Betreiber muss zuerst die Passkey-Seite einrichten. (Für den Betreiber des Servers: Bauen Sie die App mit der Adresse der Seite in passkeyPageUrl oder KRATOS_DESKTOP_PASSKEY_PAGE_URL bei npm run dist.)',
};

const opened: string[] = [];
let browserOpened: () => void = () => undefined;

/**
 * Presses "Sign in with a passkey" on a fresh login flow: the answer when the app gave one at once, else
 * 'waiting' once it opened the browser (then "Cancel", so the next press starts afresh).
 */
async function pressPasskey(app: AppCore) {
  const started = await app.startFlow({ kind: 'login' });
  if (started.kind !== 'flow') throw new Error(JSON.stringify(started));
  const waiting = new Promise<'waiting'>((resolve) => (browserOpened = () => resolve('waiting')));
  const answer = app.submitFlow({ flowId: started.flow.id, values: { passkey_login_trigger: '' } });
  const outcome = await Promise.race([answer, waiting]);
  if (outcome === 'waiting') await app.browserSignIn({ flowId: started.flow.id, action: 'cancel' });
  return { outcome, opened: [...opened] };
}

it('opens the page for the server named with it, and not for another server the person switched to', async () => {
  const pageUrl = `http://localhost:${new URL(named.url).port}/passkey`;
  const app = await startApp({ environmentUrl: named.url, passkeyPageUrl: pageUrl });
  try {
    const onNamed = await pressPasskey(app);
    expect(onNamed.outcome).toBe('waiting');
    expect(onNamed.opened).toHaveLength(1);
    expect(onNamed.opened[0]!.startsWith(`${pageUrl}#`)).toBe(true);

    expect(await app.setEndpoint(other.url)).toMatchObject({ kind: 'ok' });
    const onOther = await pressPasskey(app);
    expect(onOther.outcome).toEqual({ kind: 'not-sent', message: developmentRun.en });
    expect(onOther.opened).toHaveLength(1);

    // Back on the server it was named with, the page is its again.
    expect(await app.setEndpoint(null)).toMatchObject({ kind: 'ok' });
    expect((await pressPasskey(app)).opened).toHaveLength(2);
  } finally {
    await app.stop();
  }
});

/** The app with the browser recorded; `environmentUrl`, `operator` and the page as each test names them. */
async function startApp(
  given: Pick<AppCoreOptions, 'environmentUrl' | 'operator' | 'passkeyPageUrl' | 'passkeySetup'>,
) {
  return AppCore.start({
    userDataDir: await mkdtemp(path.join(tmpdir(), 'kd-passkey-page-')),
    ...given,
    keychain: memoryKeychain(),
    connect: buildConnection,
    openExternal: async (url) => {
      opened.push(url);
      browserOpened();
    },
    confirmEndpoint: async () => true,
    log: createMemoryLogger(),
  });
}

/** The app as an operator's package starts it: `operator.json` read, no server in the environment. */
const packagedApp = (operator: OperatorConfig, env: Pick<AppCoreOptions, 'passkeyPageUrl'> = {}) =>
  startApp({ environmentUrl: undefined, operator, passkeySetup: 'package', ...env });

function operatorConfig(passkeyPageUrl: string): OperatorConfig {
  const checked = validateOperatorConfig({
    kratosPublicUrl: named.url,
    allowServerChange: true,
    passkeyPageUrl,
  });
  if (!checked.ok) throw new Error(checked.problems.join('; '));
  return checked.config;
}

it('an installed app opens the page packaged with its operator’s server, for that server only', async () => {
  opened.length = 0;
  const pageUrl = `http://localhost:${new URL(named.url).port}/passkey`;
  const app = await packagedApp(operatorConfig(pageUrl));
  try {
    const onOperators = await pressPasskey(app);
    expect(onOperators.outcome).toBe('waiting');
    expect(onOperators.opened).toHaveLength(1);
    expect(onOperators.opened[0]!.startsWith(`${pageUrl}#`)).toBe(true);

    expect(await app.setEndpoint(other.url)).toMatchObject({ kind: 'ok' });
    expect((await pressPasskey(app)).outcome).toEqual({ kind: 'not-sent', message: installedApp.en });
  } finally {
    await app.stop();
  }
});

it('KRATOS_PASSKEY_PAGE_URL wins over the packaged page where it is set', async () => {
  opened.length = 0;
  const port = new URL(named.url).port;
  const fromEnvironment = `http://localhost:${port}/passkey?from=environment`;
  const app = await packagedApp(operatorConfig(`http://localhost:${port}/passkey`), {
    passkeyPageUrl: fromEnvironment,
  });
  try {
    const pressed = await pressPasskey(app);
    expect(pressed.outcome).toBe('waiting');
    expect(pressed.opened[0]!.startsWith(`${fromEnvironment}#`)).toBe(true);
  } finally {
    await app.stop();
  }
});

describe.each([
  ['a development run names the environment variable', undefined, developmentRun],
  ['an installed app names the setting its operator packages', 'package' as const, installedApp],
])('without a page for the server: %s', (_, passkeySetup, sentence) => {
  afterEach(() => selectLanguage(undefined));

  it.each(['en', 'de'] as const)('in %s', async (language) => {
    selectLanguage(language);
    opened.length = 0;
    const app = await startApp({
      environmentUrl: named.url,
      ...(passkeySetup === undefined ? {} : { passkeySetup }),
    });
    try {
      expect(await pressPasskey(app)).toEqual({
        outcome: { kind: 'not-sent', message: sentence[language] },
        opened: [],
      });
    } finally {
      await app.stop();
    }
  });
});
