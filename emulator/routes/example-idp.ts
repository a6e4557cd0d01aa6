/**
 * "Example IdP": the demo identity provider the emulator serves at its own address, standing in for Google,
 * GitHub and the like so that social sign-in works end to end without the internet (docs/social-sign-in.md).
 * It plays the OAuth 2.0 authorization endpoint only, as far as Kratos's side needs it:
 *
 *   GET  /example-idp/<provider>/authorize?client_id&redirect_uri&response_type=code&scope&state
 *        a page: "Sign in to Example IdP" with an address and a password, and "Deny";
 *   POST the same path (a form): 303 to Kratos's callback with `code` and `state`, or with
 *        `error=access_denied` when the person denies, as a real provider does.
 *
 * Both answer only for a `state` of a social sign-in in progress. The provider has accounts, as a real one
 * does: the first sign-in with an address creates its account with the password typed, and every later one
 * needs that password. It used to ask none and list every address that had used it, so any local process
 * could sign in to those accounts as their owner (issue 21). The code is one-time, lives in memory for five
 * minutes and only Kratos's callback (routes/oidc.ts) redeems it. The pages run no script; their CSP allows forms to
 * go only to this server and to the app's return addresses: a browser checks `form-action` on every
 * redirect that follows a form, and this form's redirects end at `return_to` (e.g. `kratos-desktop://…`).
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../app';
import { enabledProviders, hashCode, newCode } from '../domain/oidc';
import { hashPassword, verifyPassword } from '../domain/password';
import type { Reply } from '../http/reply';
import { seeOther } from '../http/reply';
import type { EmulatorRequest } from '../http/request';

/** What the provider vouches for, until Kratos's callback redeems it. */
export interface IdpGrant {
  provider: string;
  email: string;
  expiresAt: number;
}

const GRANT_LIFETIME_MS = 5 * 60_000;
/** Unredeemed codes kept at most (the oldest make room): the provider's form needs no secret to submit. */
export const MAX_GRANTS = 1_000;
const MAX_EMAIL_LENGTH = 320;
const MAX_PASSWORD_LENGTH = 1_000;
/** Accounts the provider keeps at most (each is a line of the data file, and signing up needs no secret). */
const MAX_IDP_ACCOUNTS = 1_000;
/** Enough to tell a mistyped address; Kratos's schema validation has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const authorizePath = (provider: string) => `/example-idp/${encodeURIComponent(provider)}/authorize`;

/** Kratos's redirect URI for a provider (`<public>/self-service/methods/oidc/callback/<id>`). */
const idpCallbackPath = (provider: string) =>
  `/self-service/methods/oidc/callback/${encodeURIComponent(provider)}`;

/** The provider URL Kratos's 422 points the browser at. */
export function idpAuthorizationUrl(app: App, provider: string, state: string): string {
  const url = new URL(`${app.publicUrl}${authorizePath(provider)}`);
  url.search = new URLSearchParams({
    client_id: 'kratos',
    redirect_uri: `${app.publicUrl}${idpCallbackPath(provider)}`,
    response_type: 'code',
    scope: 'openid email',
    state,
  }).toString();
  return url.href;
}

/** The address a code vouches for (once), or undefined for an unknown, used or expired code. */
export function redeemIdpCode(app: App, provider: string, code: string): string | undefined {
  if (code === '') return undefined;
  const key = hashCode(code);
  const grant = app.idpGrants.get(key);
  app.idpGrants.delete(key);
  if (!grant || grant.provider !== provider || grant.expiresAt <= app.clock.now().getTime()) return undefined;
  return grant.email;
}

const NOT_IN_PROGRESS = 'This sign-in page was not opened by a sign-in in progress.';

/** The provider named in the path, if `state` is that of a social sign-in in progress with it. */
function providerFor(req: EmulatorRequest, app: App, state: string) {
  const provider = enabledProviders(app.config).find((p) => p.id === req.params.provider);
  const attempt = state === '' ? undefined : app.store.flowByOidcState(hashCode(state))?.oidc;
  return provider && attempt?.provider === provider.id ? provider : undefined;
}

/** GET: the sign-in page. */
export function idpAuthorizePage(req: EmulatorRequest, app: App): Reply {
  const state = req.query.get('state') ?? '';
  const provider = providerFor(req, app, state);
  if (!provider || req.query.get('redirect_uri') !== callbackUrl(app, provider.id)) {
    return idpErrorPage(400, NOT_IN_PROGRESS);
  }
  return signInPage(app, provider.id, provider.label ?? provider.id, state);
}

/** POST: the person signed in with an address and its password, or denied. */
export async function idpAuthorizeSubmit(req: EmulatorRequest, app: App): Promise<Reply> {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const state = form.get('state') ?? '';
  const provider = providerFor(req, app, state);
  if (!provider) return idpErrorPage(400, NOT_IN_PROGRESS);
  const back = new URL(callbackUrl(app, provider.id));
  if (form.get('decision') === 'deny') {
    back.search = new URLSearchParams({
      error: 'access_denied',
      error_description: 'The resource owner or authorization server denied the request.',
      state,
    }).toString();
    return seeOther(back.href);
  }
  const email = (form.get('email') ?? '').trim();
  const password = form.get('password') ?? '';
  const again = (problem: string) =>
    signInPage(app, provider.id, provider.label ?? provider.id, state, problem);
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) return again('Enter an email address.');
  if (password === '' || password.length > MAX_PASSWORD_LENGTH) return again('Enter a password.');
  const problem = await signIn(app, provider.id, email, password);
  if (problem) return again(problem);
  const code = newCode();
  keepGrant(app, hashCode(code), {
    provider: provider.id,
    email,
    expiresAt: app.clock.now().getTime() + GRANT_LIFETIME_MS,
  });
  back.search = new URLSearchParams({ code, state }).toString();
  return seeOther(back.href);
}

/**
 * Stores a grant after sweeping the expired ones and, beyond `MAX_GRANTS`, the oldest (issue 21: grants were
 * never swept). A Map iterates in insertion order, so the oldest come first.
 */
export function keepGrant(app: Pick<App, 'clock' | 'idpGrants'>, key: string, grant: IdpGrant): void {
  const now = app.clock.now().getTime();
  for (const [oldKey, old] of app.idpGrants) {
    // Every grant lives as long, so once one is unexpired (and there is room) the rest are too.
    if (old.expiresAt > now && app.idpGrants.size < MAX_GRANTS) break;
    app.idpGrants.delete(oldKey);
  }
  app.idpGrants.set(key, grant);
}

const callbackUrl = (app: App, provider: string) => `${app.publicUrl}${idpCallbackPath(provider)}`;

/**
 * Checks the password of the account with this address, or creates the account with it (the first sign-in);
 * the problem to show when neither is possible.
 */
async function signIn(
  app: App,
  provider: string,
  email: string,
  password: string,
): Promise<string | undefined> {
  const accounts = app.store.data.idpAccounts;
  const address = email.toLowerCase();
  const account = accounts.find((a) => a.provider === provider && a.email === address);
  if (account) {
    return (await verifyPassword(password, account.passwordHash))
      ? undefined
      : 'The password is not the one this address signed up with at this provider.';
  }
  if (accounts.length >= MAX_IDP_ACCOUNTS) return 'This demo provider holds as many accounts as it keeps.';
  const passwordHash = await hashPassword(password, app.config.bcryptCost);
  // Another submit may have created it while the hash was computed: the first one wins.
  if (accounts.some((a) => a.provider === provider && a.email === address))
    return signIn(app, provider, email, password);
  accounts.push({ provider, email: address, passwordHash });
  app.store.commit();
  return undefined;
}

function signInPage(app: App, provider: string, name: string, state: string, problem?: string): Reply {
  const action = escapeHtml(authorizePath(provider));
  const hidden = `<input type="hidden" name="state" value="${escapeHtml(state)}">`;
  const invalid = problem ? ' aria-invalid="true" aria-describedby="problem"' : '';
  const body = `<h1>Sign in to ${escapeHtml(name)}</h1>
<p>A demo identity provider, served by the Kratos emulator on this computer. It stands in for a provider
such as Google or GitHub. The first sign-in with an address creates its account here with the password you
type; later sign-ins need that password. Nothing leaves this computer.</p>
<form method="post" action="${action}">${hidden}
<label for="email">Email address</label>
<input id="email" name="email" type="email" required maxlength="${MAX_EMAIL_LENGTH}" autocomplete="email"${invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" required maxlength="${MAX_PASSWORD_LENGTH}" autocomplete="current-password"${invalid}>
${problem ? `<p id="problem" role="alert">${escapeHtml(problem)}</p>` : ''}
<button type="submit" name="decision" value="allow">Sign in</button>
</form>
<form method="post" action="${action}">${hidden}
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`;
  return page(problem ? 400 : 200, `Sign in to ${name}`, body, formTargets(app));
}

/** A page that ends the browser's part with an explanation (an unknown or stale link). */
export function idpErrorPage(status: number, message: string): Reply {
  return page(
    status,
    'Sign-in not completed',
    `<h1>Sign-in not completed</h1>\n<p role="alert">${escapeHtml(message)}</p>`,
    [],
  );
}

/**
 * Where this server's forms may lead: itself, and every return address a flow may send the browser to
 * (`selfservice.allowed_return_urls`, the default return URL): a custom scheme by its scheme, a web address
 * by its origin.
 */
function formTargets(app: App): string[] {
  const urls = [...app.config.allowedReturnUrls, app.config.defaultBrowserReturnUrl ?? app.publicUrl];
  return [
    ...new Set(
      urls
        .filter((url) => URL.canParse(url))
        .map((url) => {
          const parsed = new URL(url);
          return parsed.origin === 'null' ? parsed.protocol : parsed.origin;
        }),
    ),
  ];
}

function page(status: number, title: string, body: string, formTargets: string[]): Reply {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1d21; }
main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
form { margin: 1rem 0; }
label { display: block; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: .5rem; margin: .25rem 0 .75rem; font: inherit; }
button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 4px; background: #1f4fd1; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #1b1d21; border: 1px solid #6b7280; }
[role=alert] { color: #a3141c; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return {
    status,
    html,
    headers: {
      'Content-Security-Policy': csp,
      'Cache-Control': 'private, no-cache, no-store, must-revalidate',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
