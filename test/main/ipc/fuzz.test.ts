/**
 * The IPC router under hostile payloads, as properties (fast-check; the seed is fixed in
 * test/support/fast-check.ts, a failure prints the smallest payload found and how to replay it).
 *
 * - Every hostile request is refused with `invalid-payload` and a message that says why, and no service is
 *   called: a wrong number of arguments, a field of the wrong type or value, a value JSON cannot carry, a key
 *   naming `__proto__`/`constructor`/`prototype` at any depth, an oversize string or array, nesting too deep,
 *   an unknown channel.
 * - Every well-formed request reaches its service with exactly the arguments sent, and only from the app's
 *   own page.
 * - The same hostile requests sent to the real services over the emulator change nothing at all.
 */
import { languageChoices } from '../../../shared/language';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelOf, stateChannel, type IpcResult, type InvokeChannel } from '../../../shared/ipc-contract';
import { createIpcRouter, type IpcRouter } from '../../../main/ipc/router';
import type { AppServices } from '../../../main/ipc/services';
import { createMemoryLogger } from '../../../main/log';
import { registerInApp, startAppCore } from '../../support/app-core';
import { startTestEmulator } from '../../support/emulator';
import { memoryKeychain } from '../app/memory-keychain';
import { fieldName, prototypeNames } from '../../support/arbitraries';

const origin = 'app://kratos-desktop';
const senderUrl = `${origin}/index.html`;
const flowKinds = ['login', 'registration', 'settings', 'recovery', 'verification'];

// ---------------------------------------------------------------------------------------------------------
// Well-formed requests

/** Small plain JSON: what a form value, or a wrong-but-harmless argument, may be. */
const plainJson: fc.Arbitrary<unknown> = fc.anything({
  key: fieldName,
  values: [fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)],
  maxDepth: 3,
  maxKeys: 4,
});

const formValues = fc.dictionary(fieldName, plainJson, { maxKeys: 6 });

const request = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, optional: (keyof T)[] = []) =>
  fc
    .record(model, {
      requiredKeys: (Object.keys(model) as (keyof T)[]).filter((key) => !optional.includes(key)),
    })
    .map((value) => [value]);

/** The argument tuples each channel accepts, in all their variety. */
const validArguments: Record<InvokeChannel, fc.Arbitrary<unknown[]>> = {
  [channelOf('getState')]: fc.constant([]),
  [channelOf('retry')]: fc.constant([]),
  [channelOf('logout')]: fc.constant([]),
  [channelOf('startFlow')]: request(
    { kind: fc.constantFrom(...flowKinds), refresh: fc.boolean(), aal: fc.constantFrom('aal1', 'aal2') },
    ['refresh', 'aal'],
  ),
  [channelOf('submitFlow')]: request({ flowId: fc.uuid(), values: formValues }),
  [channelOf('browserSignIn')]: request({ flowId: fc.uuid(), action: fc.constantFrom('reopen', 'cancel') }),
  [channelOf('listSessions')]: fc.constant([]),
  [channelOf('revokeSession')]: fc.uuid().map((id) => [id]),
  [channelOf('revokeOtherSessions')]: fc.constant([]),
  [channelOf('traitTitles')]: fc.string({ minLength: 1, maxLength: 256 }).map((id) => [id]),
  [channelOf('setEndpoint')]: fc.option(fc.webUrl(), { nil: null }).map((url) => [url]),
  [channelOf('retryKeychain')]: fc.constant([]),
  [channelOf('about')]: fc.constant([]),
  [channelOf('restartToUpdate')]: fc.constant([]),
  [channelOf('openExternal')]: fc
    .webUrl({ withQueryParameters: true, withFragments: true })
    .map((url) => [url]),
  [channelOf('setLanguage')]: fc.constantFrom(...languageChoices).map((language) => [language]),
};

const invokeChannels = Object.keys(validArguments) as InvokeChannel[];
const takesOneArgument: InvokeChannel[] = [
  channelOf('startFlow'),
  channelOf('submitFlow'),
  channelOf('browserSignIn'),
  channelOf('revokeSession'),
  channelOf('traitTitles'),
  channelOf('setEndpoint'),
  channelOf('openExternal'),
  channelOf('setLanguage'),
];
const anyChannel = fc.constantFrom(...invokeChannels);
const validRequest = anyChannel.chain((channel) =>
  validArguments[channel].map((args) => ({ channel, args })),
);

/** The service method behind each channel: the operation it is named for (`kratos:startFlow` → `startFlow`). */
const serviceOf = (channel: InvokeChannel) => channel.slice('kratos:'.length);

// ---------------------------------------------------------------------------------------------------------
// Hostile requests

/** A request that must be refused, and what the refusal's message must say. */
interface Hostile {
  channel: string;
  args: unknown[];
  refusal: RegExp;
  /** How fast-check prints it in a failure report. */
  [fc.toStringMethod]: () => string;
}

/** `keys` as nested objects around `leaf`: `['a', 'b']` → `{a: {b: leaf}}`. */
const nested = (keys: readonly string[], leaf: unknown): unknown =>
  keys.reduceRight((inner: unknown, key) => ({ [key]: inner }), leaf);

/**
 * A well-formed request of any channel with `leaf` planted somewhere in it: deep in the form values, as a
 * field of a request object, or as (or inside) an argument. The router must find it wherever it is.
 */
function planted(leaf: fc.Arbitrary<unknown>): fc.Arbitrary<{ channel: InvokeChannel; args: unknown[] }> {
  return fc
    .record({ request: validRequest, keys: fc.array(fieldName, { maxLength: 6 }), leaf })
    .map(({ request: { channel, args }, keys, leaf: value }) => {
      const [first] = args;
      const [key = 'extra', ...rest] = keys;
      if (channel === channelOf('submitFlow') && keys.length > 0) {
        const { flowId, values } = first as { flowId: string; values: object };
        return { channel, args: [{ flowId, values: { ...values, [key]: nested(rest, value) } }] };
      }
      if (typeof first === 'object' && first !== null) {
        return { channel, args: [{ ...first, [key]: nested(rest, value) }] };
      }
      return { channel, args: [nested(keys, value)] };
    });
}

/** The request, the refusal it must get, and a short form for failure reports (payloads can be 80 KB). */
const refusedFor =
  (refusal: RegExp) =>
  ({ channel, args }: { channel: string; args: unknown[] }): Hostile => ({
    channel,
    args,
    refusal,
    [fc.toStringMethod]: () => `${channel} ${fc.stringify(args).slice(0, 400)} → ${String(refusal)}`,
  });

const notString = plainJson.filter((value) => typeof value !== 'string');
const notRecord = plainJson.filter(
  (value) => typeof value !== 'object' || value === null || Array.isArray(value),
);
const notUuid = fc.oneof(
  notString,
  fc.string(),
  fc.uuid().map((id) => id.slice(1)),
  fc.uuid().map((id) => `${id}0`),
  fc.uuid().map((id) => id.replaceAll('-', '')),
  fc.constantFrom('', '../../etc/passwd', 'ory_st_abc', '\u0000'),
);
const longString = (min: number) => fc.integer({ min, max: min + 4096 }).map((length) => 'x'.repeat(length));

/** One argument or field that its schema must refuse, with the name the message must give it. */
function badField(
  channel: InvokeChannel,
  field: string,
  args: fc.Arbitrary<unknown[]>,
): fc.Arbitrary<Hostile> {
  const named = refusedFor(new RegExp(`^Invalid request: ${field.replaceAll('.', '\\.')}: \\S`));
  return args.map((value) => named({ channel, args: value }));
}
const one = (value: fc.Arbitrary<unknown>) => value.map((item) => [item]);
const unknownKey = fieldName.filter(
  (name) => !['kind', 'refresh', 'aal', 'flowId', 'values', 'action'].includes(name),
);
const withExtraKey = (model: object) =>
  fc.tuple(unknownKey, plainJson).map(([key, value]) => [{ ...model, [key]: value }]);
const flowId = '0b5a5d6f-1c3e-4b7a-9f0e-5d2c8e7a1b23';

const wrongFields = fc.oneof(
  badField(channelOf('startFlow'), 'request', one(notRecord)),
  badField(
    channelOf('startFlow'),
    'request.kind',
    one(
      fc
        .oneof(notString, fc.string())
        .filter((kind) => !flowKinds.includes(kind as string))
        .map((kind) => ({ kind })),
    ),
  ),
  badField(
    channelOf('startFlow'),
    'request.refresh',
    one(
      plainJson.filter((value) => typeof value !== 'boolean').map((refresh) => ({ kind: 'login', refresh })),
    ),
  ),
  badField(
    channelOf('startFlow'),
    'request.aal',
    one(plainJson.filter((aal) => aal !== 'aal1' && aal !== 'aal2').map((aal) => ({ kind: 'login', aal }))),
  ),
  badField(channelOf('startFlow'), 'request', withExtraKey({ kind: 'login' })),
  badField(channelOf('submitFlow'), 'request', one(notRecord)),
  badField(channelOf('submitFlow'), 'request.flowId', one(notUuid.map((id) => ({ flowId: id, values: {} })))),
  badField(channelOf('submitFlow'), 'request.flowId', fc.constant([{ values: {} }])),
  badField(channelOf('submitFlow'), 'request.values', one(notRecord.map((values) => ({ flowId, values })))),
  badField(channelOf('submitFlow'), 'request', withExtraKey({ flowId, values: {} })),
  badField(
    channelOf('browserSignIn'),
    'request.flowId',
    one(notUuid.map((id) => ({ flowId: id, action: 'cancel' }))),
  ),
  badField(
    channelOf('browserSignIn'),
    'request.action',
    one(
      plainJson
        .filter((action) => action !== 'reopen' && action !== 'cancel')
        .map((action) => ({ flowId, action })),
    ),
  ),
  badField(channelOf('browserSignIn'), 'request', withExtraKey({ flowId, action: 'reopen' })),
  badField(channelOf('revokeSession'), 'id', one(notUuid)),
  badField(channelOf('traitTitles'), 'schemaId', one(fc.oneof(notString, fc.constant(''), longString(257)))),
  badField(
    channelOf('setEndpoint'),
    'url',
    one(
      fc.oneof(
        notString.filter((url) => url !== null),
        fc.constant(''),
        longString(2049),
      ),
    ),
  ),
  badField(channelOf('openExternal'), 'url', one(fc.oneof(notString, fc.constant(''), longString(2049)))),
  badField(
    channelOf('setLanguage'),
    'language',
    one(
      fc.oneof(
        notString,
        fc.string().filter((tag) => !(languageChoices as readonly string[]).includes(tag)),
      ),
    ),
  ),
);

/** Values structured clone carries and JSON does not. */
const notJson = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.bigInt(),
  fc.date(),
  fc.array(plainJson, { maxLength: 3 }).map((items) => new Set(items)),
  fc.dictionary(fieldName, plainJson, { maxKeys: 3 }).map((entries) => new Map(Object.entries(entries))),
  fc.uint8Array({ maxLength: 16 }),
  fc.string().map((text) => Object(text) as object),
  fc.constant(/re/g),
  fc.constant(new (class Payload {})()),
);

/** An object with an own key that names a prototype, spelled as a whole key, a dotted or a bracketed segment. */
const pollutingObject = fc
  .record({
    name: fc.constantFrom(...prototypeNames),
    spelling: fc.constantFrom('$', '$.polluted', 'traits.$', 'a[$]', 'a[$][b]', '$[x]'),
    value: plainJson,
  })
  .map(({ name, spelling, value }) => {
    const polluting: Record<string, unknown> = {};
    // An own property, as structured clone and JSON.parse make it (`{__proto__: …}` would set the prototype).
    Object.defineProperty(polluting, spelling.replace('$', name), { value, enumerable: true });
    return polluting;
  });

const deep = (levels: fc.Arbitrary<number>) =>
  levels.map((count) => nested(Array(count).fill('nested'), 'leaf'));

const oversize = fc.oneof(
  longString(64 * 1024 + 1),
  fc.integer({ min: 6000, max: 9000 }).map((length) => Array<number>(length).fill(1)),
  fc
    .integer({ min: 4000, max: 6000 })
    .map((count) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`field_${index}`, 'value'])),
    ),
);

/** Each kind of hostile request, by what a reader of the failure should look for. */
const hostileKinds: Record<string, fc.Arbitrary<Hostile>> = {
  'a wrong number of arguments': anyChannel.chain((channel) => {
    const tooMany = fc
      .tuple(validArguments[channel], fc.array(plainJson, { minLength: 1, maxLength: 3 }))
      .map(([args, extra]) => [...args, ...extra]);
    const tooFew = fc.constant<unknown[]>([]);
    return (takesOneArgument.includes(channel) ? fc.oneof(tooMany, tooFew) : tooMany).map((args) =>
      refusedFor(/^Invalid request: this call takes (no arguments|exactly one argument \(\w+\))\.$/)({
        channel,
        args,
      }),
    );
  }),
  'a field of the wrong type or value': wrongFields,
  'a value JSON cannot carry, anywhere': planted(notJson).map(
    refusedFor(/^Invalid request: .+: expected (a finite number|plain JSON\b.*)\.$/),
  ),
  'a prototype key at any depth': planted(pollutingObject).map(
    refusedFor(
      /^Invalid request: .+: forbidden key \(names with __proto__, constructor or prototype are refused\)\.$/,
    ),
  ),
  'an oversize string, array or object': planted(oversize).map(
    refusedFor(/^Invalid request: arguments: larger than 64 KiB\.$/),
  ),
  'nesting deeper than any request goes': planted(deep(fc.integer({ min: 17, max: 400 }))).map(
    refusedFor(/^Invalid request: .+: nested deeper than 16 levels\.$/),
  ),
  'form values nested deeper than a form goes': fc
    .tuple(fc.uuid(), deep(fc.integer({ min: 9, max: 13 })))
    .map(([id, values]) =>
      refusedFor(/^Invalid request: request\.values(\.nested)+: nested deeper than 8 levels\.$/)({
        channel: channelOf('submitFlow'),
        args: [{ flowId: id, values }],
      }),
    ),
  'an unknown channel': fc
    .record({
      channel: fc.oneof(
        fc.string(),
        fc.constantFrom(...prototypeNames, 'toString', 'hasOwnProperty', stateChannel, 'emulator:demo-mail'),
        anyChannel.map((channel) => channel.toUpperCase()),
        anyChannel.map((channel) => `${channel} `),
      ),
      args: fc.array(plainJson, { maxLength: 2 }),
    })
    .filter(({ channel }) => !(invokeChannels as string[]).includes(channel))
    .map(refusedFor(/^Unknown request\.$/)),
};
const hostileRequest = fc.oneof(...Object.values(hostileKinds));

// ---------------------------------------------------------------------------------------------------------
// Checks

/** AppServices that record every call and answer something harmless. */
function spyRouter() {
  const calls: { name: string; args: unknown[] }[] = [];
  const services = new Proxy({} as AppServices, {
    get:
      (_target, name: string) =>
      async (...args: unknown[]) => {
        calls.push({ name, args });
        return { kind: 'ok' };
      },
  });
  const log = createMemoryLogger();
  return { router: createIpcRouter({ services, allowedOrigin: origin, log }), calls, log };
}

/** Sends `hostile` from the app's own page: it must be refused with its message, and logged once. */
async function expectRefused(router: IpcRouter, hostile: Hostile, log = createMemoryLogger()) {
  const logged = log.lines.length;
  const result: IpcResult<unknown> = await router.handle(hostile.channel, hostile.args, senderUrl);
  if (result.ok) expect.fail(`accepted: ${JSON.stringify(result)}`);
  expect(result.error.code).toBe('invalid-payload');
  expect(result.error.message).toMatch(hostile.refusal);
  return log.lines.length - logged;
}

/** Sender URLs of anything but the app's own page. */
const foreignSender = fc.oneof(
  fc.constantFrom(
    undefined,
    '',
    'about:blank',
    'file:///opt/app/dist/renderer/index.html',
    'app://kratos-desktop.evil/index.html',
    'app://evil/index.html',
    'app://kratos-desktop:1/index.html',
    'http://127.0.0.1:5173/',
    'devtools://devtools/bundled/inspector.html',
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string().filter((url) => !url.toLowerCase().startsWith('app:')),
);

describe('IPC router under hostile payloads', () => {
  it.each(Object.entries(hostileKinds))(
    'refuses %s with a message that says why, logs it, and calls no service',
    async (_kind, hostile) => {
      const { router, calls, log } = spyRouter();
      await fc.assert(
        fc.asyncProperty(hostile, async (request) => {
          expect(await expectRefused(router, request, log)).toBe(1);
          expect(calls).toEqual([]);
        }),
      );
    },
  );

  it('passes every well-formed request to its service, with exactly the arguments sent', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, async ({ channel, args }) => {
        const { router, calls } = spyRouter();
        expect(await router.handle(channel, args, senderUrl)).toEqual({ ok: true, value: { kind: 'ok' } });
        expect(calls).toEqual([{ name: serviceOf(channel), args }]);
      }),
    );
  });

  it('refuses a well-formed request from any other sender', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, foreignSender, async ({ channel, args }, sender) => {
        const { router, calls } = spyRouter();
        expect(await router.handle(channel, args, sender)).toMatchObject({
          ok: false,
          error: { code: 'forbidden-sender' },
        });
        expect(calls).toEqual([]);
      }),
    );
  });

  it('leaves the real app untouched: same state, same stored token, no request to Kratos, no file written', async () => {
    const emulator = await startTestEmulator();
    const keychain = memoryKeychain();
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'kd-fuzz-'));
    // Signed up by a first run, stopped so everything it saves is on disk: the files below are then the
    // person's, and any change to them during the attack is the attack's.
    const signUp = await startAppCore({ userDataDir, environmentUrl: emulator.url, keychain });
    await registerInApp(signUp, 'fuzz@example.com', 'correct-Horse-battery-9');
    await signUp.stop();
    const opened: string[] = [];
    const core = await startAppCore({
      userDataDir,
      environmentUrl: emulator.url,
      keychain,
      openExternal: async (url) => void opened.push(url),
    });
    try {
      const before = {
        state: await core.getState(),
        token: await keychain.store.get(emulator.url),
        files: await filesIn(userDataDir),
      };
      const requestsBefore = emulator.stats.requests;
      const pushed: unknown[] = [];
      core.onState((view) => pushed.push(view));

      const router = createIpcRouter({ services: core, allowedOrigin: origin, log: createMemoryLogger() });
      await fc.assert(
        fc.asyncProperty(hostileRequest, async (hostile) => void (await expectRefused(router, hostile))),
        { numRuns: 500 },
      );
      await fc.assert(
        fc.asyncProperty(validRequest, foreignSender, async ({ channel, args }, sender) => {
          expect(await router.handle(channel, args, sender)).toMatchObject({ ok: false });
        }),
      );

      expect(await core.getState()).toEqual(before.state);
      expect(await keychain.store.get(emulator.url)).toBe(before.token);
      expect(emulator.stats.requests).toBe(requestsBefore);
      expect(pushed).toEqual([]);
      expect(opened).toEqual([]);
      await core.stop(); // whatever the attack made main save is on disk now
      expect(await filesIn(userDataDir)).toEqual(before.files);
    } finally {
      await core.stop();
      await emulator.stop();
    }
  });
});

/** Every file in `dir` with its contents. */
async function filesIn(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir);
  return Object.fromEntries(
    await Promise.all(
      names.map(async (name) => [name, await readFile(path.join(dir, name), 'utf8')] as const),
    ),
  );
}
