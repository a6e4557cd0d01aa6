/**
 * Deep links: `kratos-desktop://…` URLs the OS hands to the app (registered by the installers, see
 * electron-builder.yml, and at run time by `app.setAsDefaultProtocolClient`). Pure: main/index.ts delivers
 * the URL (macOS `open-url`, Windows/Linux `second-instance` argv) and acts on the decision.
 *
 * Any web page or e-mail can contain such a link, so a deep link is untrusted input that arrives without the
 * user doing anything in the app. The allowlist is deliberately tiny:
 *
 * - `kratos-desktop://open` (or `kratos-desktop://open/`) brings the window to the front.
 *
 * Nothing else is accepted, and no part of a link is ever acted on beyond choosing that action: no query, no
 * fragment, no user info. In particular a deep link cannot start or continue a flow, carry a token or change
 * the Kratos endpoint. The renderer chooses flows itself, and no state push carries "open this flow", so
 * `kratos-desktop://flow/<kind>` is refused rather than half-supported. This grows when the app gains native
 * social sign-in: Kratos then redirects to a `return_to` deep link carrying a session token exchange code,
 * which main would redeem at `/sessions/token-exchange`.
 *
 * Reasons never quote the link: it may carry a secret (a code, a token) that must not reach the logs.
 */

export const deepLinkScheme = 'kratos-desktop';

/** Longer links are refused before parsing; the accepted ones are a few dozen characters. */
const maxDeepLinkLength = 2048;

export type DeepLinkAction = 'open';

export type DeepLinkDecision =
  { accepted: true; action: DeepLinkAction } | { accepted: false; reason: string };

/** The `kratos-desktop://<action>` names and what they do. A Map, so `constructor` & co. are not actions. */
const actions: ReadonlyMap<string, DeepLinkAction> = new Map([['open', 'open']]);

export function parseDeepLink(candidate: string): DeepLinkDecision {
  if (candidate.length > maxDeepLinkLength) return refuse('the link is too long');
  if (!URL.canParse(candidate)) return refuse('not a URL');
  const url = new URL(candidate);
  if (url.protocol !== `${deepLinkScheme}:`) return refuse(`not a ${deepLinkScheme}: link`);
  if (url.username !== '' || url.password !== '') return refuse('the link carries user info');
  if (url.search !== '' || url.hash !== '') return refuse('the link carries parameters');
  // `host` includes any port, and `kratos-desktop:open` (no `//`) has an empty one: only the exact
  // `kratos-desktop://<action>` spelling names an action.
  const action = actions.get(url.host);
  if (action === undefined) return refuse('unknown action');
  if (url.pathname !== '' && url.pathname !== '/') return refuse('unknown action');
  return { accepted: true, action };
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
