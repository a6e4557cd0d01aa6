/**
 * Deep links: `kratos-desktop://…` URLs the OS hands to the app (registered by the installers, see
 * electron-builder.yml, and at run time by `app.setAsDefaultProtocolClient`). Pure: main/index.ts delivers
 * the URL (macOS `open-url`, Windows/Linux `second-instance` argv) and acts on the decision.
 *
 * Any web page or e-mail can contain such a link, so a deep link is untrusted input that arrives without the
 * user doing anything in the app. The allowlist is deliberately tiny:
 *
 * - `kratos-desktop://open` (or `kratos-desktop://open/`) brings the window to the front;
 * - `kratos-desktop://auth/callback…` is where Kratos sends the system browser at the end of a social sign-in
 *   (the flow's `return_to`), in one of three shapes (measured on Kratos v1.3.1):
 *   - `?code=<return_to_code>`: signed in. The code goes to main's flow service, which redeems it at
 *     `/sessions/token-exchange`. A page that opens such a link on its own gains nothing: without the init
 *     code, which never leaves main, the return code is worthless.
 *   - no query: the sign-in failed at Kratos (the person denied consent, the provider or a hook failed); the
 *     waiting flow now carries Kratos's message.
 *   - `?flow=<login flow id>` (Kratos adds `no_org_ui=true`): the provider's email belongs to an existing
 *     account; Kratos continues in a new login flow that links the provider after a sign-in (1010016).
 *   Each shape also carries `s=<nonce>`: the app creates every social sign-in flow with
 *   `return_to=kratos-desktop://auth/callback?s=<nonce>`, a random value per flow, and Kratos keeps that query
 *   in all three redirects (measured on v1.3.1 and v26.2.0; `allowed_return_urls` matches by prefix). A link
 *   without it is refused here, and one with another sign-in's value is ignored (browser-exchange.ts): a web
 *   page cannot know the value, so it cannot forge a callback (issue 21).
 *   All three are acted on only while a sign-in the app started is waiting (main/flows/browser-exchange.ts),
 *   and the flow service checks with Kratos that the link ends that sign-in; otherwise it is ignored with a
 *   note in the window.

 * - `kratos-desktop://auth/passkey?challenge=…&credential=…` (or `&error=…`) is the passkey page's answer
 *   (docs/passkeys.md): acted on only while that ceremony waits, for the challenge it sent.
 *
 * Nothing else is accepted, and no other part of a link is acted on: no other query parameter, no fragment,
 * no user info. A deep link cannot start a flow, carry a token or change the Kratos endpoint.
 *
 * Reasons never quote the link: it may carry a secret (a code, a token) that must not reach the logs.
 */

import { isRecord } from '../../shared/is-record';

export const deepLinkScheme = 'kratos-desktop';

/** Longer links are refused before parsing; the accepted ones are a few dozen characters. */
const maxDeepLinkLength = 2048;

/** The `return_to` of social sign-in flows (allowed by the server's `selfservice.allowed_return_urls`). */
export const authCallbackUrl = `${deepLinkScheme}://auth/callback`;

/**
 * What the browser came back with from a social sign-in (see above), with the sign-in's `s` value, or the
 * passkey page's answer (its challenge plays that value's part).
 */
export type AuthCallback =
  | (CallbackShape & { nonce: string })
  | { kind: 'passkey'; answer: Exclude<PasskeyAnswer, { kind: 'invalid' }> };
type CallbackShape =
  { kind: 'code'; returnToCode: string } | { kind: 'failed' } | { kind: 'link-account'; flowId: string };

/** The value that ties a link to the wait it ends: the sign-in's `s`, or the passkey challenge. */
export const callbackNonce = (callback: AuthCallback): string =>
  callback.kind === 'passkey' ? callback.answer.challenge : callback.nonce;

/** Where the passkey page hands its answer back (docs/passkeys.md). */
const passkeyCallbackPath = '/passkey';

/** The app's link for the passkey page's answer; the terminal client uses its loopback listener instead. */
export const PASSKEY_RETURN_URL = `${deepLinkScheme}://auth${passkeyCallbackPath}`;

/** A passkey answer longer than this is refused unread (an attestation of format `none` is ~1 KB). */
const MAX_PASSKEY_LINK_LENGTH = 32 * 1024;

/** Why the page came back without a passkey. */
type PasskeyPageError = 'cancelled' | 'not-allowed' | 'security' | 'unsupported' | 'failed';
const pageErrors: readonly string[] = ['cancelled', 'not-allowed', 'security', 'unsupported', 'failed'];

/** What a returned link says, once read; `invalid` links are ignored like a stranger's. */
export type PasskeyAnswer =
  | { kind: 'credential'; challenge: string; credential: string }
  | { kind: 'error'; challenge: string; error: PasskeyPageError }
  | { kind: 'invalid'; reason: string };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Reads the page's answer from its query (`challenge` plus `credential` or `error`). A credential is
 * accepted only as the JSON Kratos parses (`id`, `rawId`, `type: public-key`, `response` with
 * `clientDataJSON`) whose client data names the same challenge: a page cannot hand over one ceremony's
 * passkey for another's.
 */
export function readPasskeyAnswer(query: URLSearchParams): PasskeyAnswer {
  const challenge = query.get('challenge') ?? '';
  if (!BASE64URL.test(challenge)) return { kind: 'invalid', reason: 'no challenge' };
  const error = query.get('error');
  if (error !== null) {
    return pageErrors.includes(error)
      ? { kind: 'error', challenge, error: error as PasskeyPageError }
      : { kind: 'invalid', reason: 'unknown error' };
  }
  const encoded = query.get('credential') ?? '';
  if (!BASE64URL.test(encoded)) return { kind: 'invalid', reason: 'no credential' };
  const credential = Buffer.from(encoded, 'base64url').toString('utf8');
  const parsed = parseJson(credential);
  if (
    !isRecord(parsed) ||
    typeof parsed['id'] !== 'string' ||
    typeof parsed['rawId'] !== 'string' ||
    parsed['type'] !== 'public-key' ||
    !isRecord(parsed['response']) ||
    typeof parsed['response']['clientDataJSON'] !== 'string'
  ) {
    return { kind: 'invalid', reason: 'not a credential' };
  }
  const clientData = parseJson(
    Buffer.from(parsed['response']['clientDataJSON'], 'base64url').toString('utf8'),
  );
  if (!isRecord(clientData) || clientData['challenge'] !== challenge) {
    return { kind: 'invalid', reason: 'the credential is for another challenge' };
  }
  return { kind: 'credential', challenge, credential };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The per-sign-in value of `return_to` (`s`): 32 base64url characters (24 random bytes). */
const noncePattern = /^[A-Za-z0-9_-]{32}$/;

/** The `return_to` of one social sign-in: the client's return URL with that sign-in's value. */
export const returnToWithNonce = (returnUrl: string, nonce: string): string => `${returnUrl}?s=${nonce}`;

type DeepLink = { action: 'open' } | { action: 'auth-callback'; callback: AuthCallback };

export type DeepLinkDecision = ({ accepted: true } & DeepLink) | { accepted: false; reason: string };

/** Kratos's return codes are 64 alphanumerics; allow some room, nothing that could smuggle structure. */
const returnToCodePattern = /^[A-Za-z0-9_-]{16,512}$/;
/** Kratos's flow ids are UUIDs. */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseDeepLink(candidate: string): DeepLinkDecision {
  const passkey = candidate.startsWith(`${PASSKEY_RETURN_URL}?`);
  if (candidate.length > (passkey ? MAX_PASSKEY_LINK_LENGTH : maxDeepLinkLength)) {
    return refuse('the link is too long');
  }
  if (!URL.canParse(candidate)) return refuse('not a URL');
  const url = new URL(candidate);
  if (url.protocol !== `${deepLinkScheme}:`) return refuse(`not a ${deepLinkScheme}: link`);
  if (url.username !== '' || url.password !== '') return refuse('the link carries user info');
  if (url.hash !== '') return refuse('the link carries parameters');
  // `host` includes any port, and `kratos-desktop:open` (no `//`) has an empty one: only the exact
  // `kratos-desktop://<action>` spelling names an action.
  if (url.host === 'open' && (url.pathname === '' || url.pathname === '/')) {
    return url.search === '' ? { accepted: true, action: 'open' } : refuse('the link carries parameters');
  }
  if (url.host === 'auth' && url.pathname === '/callback') return parseAuthCallbackQuery(url.searchParams);
  if (url.host === 'auth' && url.pathname === passkeyCallbackPath) return parsePasskeyQuery(url.searchParams);
  return refuse('unknown action');
}

/**
 * The sign-in's `s` value and then nothing, exactly one `code` shaped like Kratos's return codes, or a `flow`
 * id (with Kratos's `no_org_ui`). Also the rule for the terminal client's loopback callback
 * (cli/loopback-callback.ts), which receives the same query over HTTP.
 */
export function parseAuthCallbackQuery(query: URLSearchParams): DeepLinkDecision {
  if (query.getAll('s').length !== 1) return refuse('the callback lacks the sign-in value');
  const nonce = query.get('s') ?? '';
  if (!noncePattern.test(nonce)) return refuse('the callback sign-in value is malformed');
  const names = [...query.keys()]
    .filter((name) => name !== 's')
    .sort()
    .join(',');
  const accept = (callback: CallbackShape): DeepLinkDecision => ({
    accepted: true,
    action: 'auth-callback',
    callback: { ...callback, nonce },
  });
  if (names === '') return accept({ kind: 'failed' });
  if (names === 'code') {
    const code = query.get('code') ?? '';
    if (!returnToCodePattern.test(code)) return refuse('the callback code is malformed');
    return accept({ kind: 'code', returnToCode: code });
  }
  if (names === 'flow' || (names === 'flow,no_org_ui' && query.get('no_org_ui') === 'true')) {
    const flowId = query.get('flow') ?? '';
    if (!uuidPattern.test(flowId)) return refuse('the callback flow id is malformed');
    return accept({ kind: 'link-account', flowId });
  }
  return refuse('the callback carries other parameters');
}

/**
 * The passkey page's answer: `challenge` with `credential` or `error`, nothing else (main/flows/passkey-request.ts
 * reads it; a credential whose client data names another challenge is refused here already). Also the rule
 * for the terminal client's loopback listener.
 */
export function parsePasskeyQuery(query: URLSearchParams): DeepLinkDecision {
  const names = [...query.keys()].sort().join(',');
  if (names !== 'challenge,credential' && names !== 'challenge,error') {
    return refuse('the passkey answer carries other parameters');
  }
  const answer = readPasskeyAnswer(query);
  if (answer.kind === 'invalid') return refuse(`the passkey answer is unusable (${answer.reason})`);
  return { accepted: true, action: 'auth-callback', callback: { kind: 'passkey', answer } };
}

/**
 * On Windows and Linux the OS starts the app with the link as a command-line argument; the running instance
 * sees it in the second instance's argv. Chromium may add switches before or after it.
 */
export function findDeepLinkArgument(argv: readonly string[]): string | undefined {
  return argv.find((argument) => argument.toLowerCase().startsWith(`${deepLinkScheme}:`));
}

/**
 * The arguments for `app.setAsDefaultProtocolClient`. A packaged app registers itself; a development run
 * (`electron .`, where Electron sets `process.defaultApp`) must register the Electron binary together with
 * the app's path, or the OS would start a bare Electron (as Electron's deep-link tutorial does).
 */
export function protocolClientArguments(run: {
  defaultApp: boolean;
  execPath: string;
  appPath: string | undefined;
}): [scheme: string, executable?: string, args?: string[]] | undefined {
  if (!run.defaultApp) return [deepLinkScheme];
  if (run.appPath === undefined) return undefined;
  return [deepLinkScheme, run.execPath, [run.appPath]];
}

function refuse(reason: string): DeepLinkDecision {
  return { accepted: false, reason };
}
