/**
 * Chromium playing the person's system browser in social sign-in tests. The app's `openExternal` is this
 * browser's `openExternal`: it opens the provider's page in a new tab, as `shell.openExternal` would. The
 * test then acts at the IdP's pages (test/support/test-idp.ts) and receives the `kratos-desktop://` link
 * Kratos sends the browser to at the end — Chromium has no handler for the scheme, so the navigation is
 * recorded here and the test hands it to the app's deep-link entry point, as the OS would.
 *
 * With `{ passkeys: true }` it is also the person's device for passkeys: every tab gets a CDP virtual
 * authenticator (`WebAuthn.addVirtualAuthenticator`: ctap2, internal transport, resident keys, user
 * verification — the authenticator Kratos's own native passkey e2e uses), and the passkeys it holds follow the
 * person from tab to tab (a virtual authenticator belongs to one tab; the harness carries its credentials
 * over), as a platform authenticator keeps them across windows.
 *
 * The browser identifies itself to Kratos's recording proxy (`systemBrowserUserAgent`), which lets its
 * requests carry cookies: a browser is not the native client whose requests must never carry any.
 */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { EXAMPLE_IDP_PASSWORD } from './example-idp';
import { systemBrowserUserAgent } from './real-kratos';

const STEP_DEADLINE_MS = 20_000;
const handedOverPage = '<!doctype html><title>Kratos Desktop</title><p>You can return to Kratos Desktop.</p>';

export interface SystemBrowser {
  /** The app's `openExternal`: opens `url` in a new tab and resolves once it has loaded. */
  openExternal(url: string): Promise<void>;
  /** Every URL the app asked to open, in order. */
  readonly opened: string[];
  /** The newest tab the app opened (waits for one, with a deadline). */
  page(): Promise<Page>;
  /**
   * At the IdP's development pages: sign in as `login` (any password), then grant ("Continue") or deny
   * ("[ Cancel ]") the consent. Resolves with the deep link the browser was sent to at the end.
   */
  signInAtIdp(login: string, consent?: 'grant' | 'deny'): Promise<string>;
  /** Denies at the login page already (the person cancels at the provider before signing in). */
  cancelAtIdp(): Promise<string>;
  /**
   * At the embedded emulator's Example IdP page instead: a new address, one used before (`returning`), each
   * with the tests' IdP password, or Deny. Resolves with the deep link the browser was sent to at the end.
   */
  atExampleIdp(choice: { email: string } | { returning: string } | 'deny'): Promise<string>;
  /**
   * At the passkey page (web/passkey.html): press "Continue" (the virtual authenticator answers at once) or
   * "Cancel". Resolves with the `kratos-desktop://` link the page hands back, or, for a page opened with a
   * loopback `returnTo` (the terminal client), once the page has left for it. `choose`: the passkey (its
   * credential id) the person picks when the device holds several for the site (a browser shows a chooser;
   * the virtual authenticator would pick one by the order of their random ids).
   */
  atPasskeyPage(
    choice: 'continue' | 'cancel',
    options?: { returnsTo?: 'app' | 'loopback'; choose?: string },
  ): Promise<string>;
  /** The passkeys on the person's device (their credential ids, base64url), newest last. */
  passkeys(): Promise<string[]>;
  /** Another person at the same computer: the IdP's cookies, open tabs and links not taken are gone. */
  reset(): Promise<void>;
  /** The next `kratos-desktop://` navigation not yet taken (waits, with a deadline). */
  nextDeepLink(): Promise<string>;
  close(): Promise<void>;
}

/** A passkey as the CDP virtual authenticator exports it (`WebAuthn.Credential`). */
interface DeviceCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export async function launchSystemBrowser(options: { passkeys?: boolean } = {}): Promise<SystemBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const context: BrowserContext = await browser.newContext({ userAgent: systemBrowserUserAgent });
  // The IdP's pages link a web font; there is no internet here, and nothing else should leave the machine.
  // (`localhost` is the passkey page's host: an RP ID is a domain, never an IP address.)
  await context.route(/^https?:\/\/(?!(127\.0\.0\.1|localhost)[:/])/, (route) => route.abort());
  const opened: string[] = [];
  const pages: Page[] = [];
  /** The person's passkeys, carried from tab to tab (each tab's authenticator is its own). */
  let device: DeviceCredential[] = [];
  const authenticators = new Map<Page, { cdp: CDPSession; authenticatorId: string }>();
  const addAuthenticator = async (tab: Page) => {
    const cdp = await tab.context().newCDPSession(tab);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    for (const credential of device) {
      await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    }
    authenticators.set(tab, { cdp, authenticatorId });
  };
  /** What the newest tab's authenticator holds now joins the device's passkeys (new ones, sign counts). */
  const syncDevice = async () => {
    const tab = pages.at(-1);
    const authenticator = tab && authenticators.get(tab);
    if (!authenticator) return;
    const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: authenticator.authenticatorId,
    });
    const held = new Map(device.map((credential) => [credential.credentialId, credential]));
    for (const credential of credentials as DeviceCredential[]) held.set(credential.credentialId, credential);
    device = [...held.values()];
  };
  /** The person picks `credentialId` in the browser's chooser: the tab's authenticator offers only it. */
  const choosePasskey = async (tab: Page, credentialId: string) => {
    const authenticator = authenticators.get(tab);
    if (!authenticator) throw new Error('system browser: no authenticator in this tab');
    if (!device.some((credential) => credential.credentialId === credentialId))
      throw new Error(`system browser: no passkey ${credentialId} on the device`);
    for (const other of device.filter((credential) => credential.credentialId !== credentialId)) {
      await authenticator.cdp.send('WebAuthn.removeCredential', {
        authenticatorId: authenticator.authenticatorId,
        credentialId: other.credentialId,
      });
    }
  };
  const links: string[] = [];
  const waiters: ((link: string | Error) => void)[] = [];
  const handOver = (link: string) => {
    const waiter = waiters.shift();
    if (waiter) waiter(link);
    else links.push(link);
  };
  const withDeadline = <T>(what: string, promise: Promise<T>): Promise<T> =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`system browser: ${what} within ${STEP_DEADLINE_MS} ms`)),
          STEP_DEADLINE_MS,
        ),
      ),
    ]);

  const nextDeepLink = () => {
    const ready = links.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    const next = new Promise<string>((resolve, reject) =>
      waiters.push((link) => (link instanceof Error ? reject(link) : resolve(link))),
    );
    return withDeadline('no kratos-desktop:// link', next);
  };

  const page = async (): Promise<Page> => {
    const deadline = Date.now() + STEP_DEADLINE_MS;
    while (pages.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const newest = pages.at(-1);
    if (!newest) throw new Error('system browser: the app opened no page');
    return newest;
  };

  return {
    opened,
    async openExternal(url) {
      const tab = await context.newPage();
      await watchRedirectsToTheApp(tab, handOver);
      if (options.passkeys) await addAuthenticator(tab);
      pages.push(tab);
      opened.push(url);
      // A provider that remembers the person sends the browser straight back: that navigation ends in a
      // kratos-desktop:// link (recorded above) and `goto` reports it as aborted.
      await tab.goto(url, { timeout: STEP_DEADLINE_MS }).catch((error: unknown) => {
        if (!String(error).includes('ERR_ABORTED')) throw error;
      });
    },
    page,
    async signInAtIdp(login, consent = 'grant') {
      const tab = await page();
      const link = nextDeepLink();
      link.catch(() => undefined); // awaited by the caller; a failed step below must not leave it unhandled
      const loginField = tab.locator('input[name=login]');
      const grant = tab.getByRole('button', { name: 'Continue' });
      // An IdP that remembers the person (signed in, consent not given yet) asks for consent only.
      await loginField.or(grant).waitFor({ timeout: STEP_DEADLINE_MS });
      if (await loginField.isVisible()) {
        await loginField.fill(login);
        await tab.fill('input[name=password]', 'any password: the IdP is a test double for the person');
        await tab.click('button[type=submit]');
      }
      await grant.waitFor({ timeout: STEP_DEADLINE_MS });
      if (consent === 'grant') await grant.click();
      else await tab.getByRole('link', { name: '[ Cancel ]' }).click();
      return link;
    },
    async cancelAtIdp() {
      const tab = await page();
      const link = nextDeepLink();
      link.catch(() => undefined);
      await tab.getByRole('link', { name: '[ Cancel ]' }).click();
      return link;
    },
    async atExampleIdp(choice) {
      const tab = await page();
      const link = nextDeepLink();
      link.catch(() => undefined);
      await tab
        .getByRole('heading', { name: 'Sign in to Example IdP' })
        .waitFor({ timeout: STEP_DEADLINE_MS });
      if (choice === 'deny') await tab.getByRole('button', { name: 'Deny' }).click();
      else {
        // The provider lists no address (issue 21): a returning person types theirs and its password again.
        await tab.getByLabel('Email address').fill('email' in choice ? choice.email : choice.returning);
        await tab.getByLabel('Password').fill(EXAMPLE_IDP_PASSWORD);
        await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
      }
      return link;
    },
    async atPasskeyPage(choice, { returnsTo = 'app', choose } = {}) {
      const tab = await page();
      if (choose !== undefined) await choosePasskey(tab, choose);
      const link = returnsTo === 'app' ? nextDeepLink() : undefined;
      link?.catch(() => undefined);
      const button = tab.getByRole('button', { name: choice === 'continue' ? 'Continue' : 'Cancel' });
      await button.waitFor({ timeout: STEP_DEADLINE_MS });
      await button.click();
      // The page says so before it hands over to the app's link; a loopback listener answers with its own page.
      if (returnsTo === 'app')
        await tab.getByText('You can return to Kratos Desktop.').waitFor({ timeout: STEP_DEADLINE_MS });
      else await tab.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\//, { timeout: STEP_DEADLINE_MS });
      await syncDevice();
      return link ?? tab.url();
    },
    async passkeys() {
      await syncDevice();
      return device.map((credential) => credential.credentialId);
    },
    async reset() {
      links.length = 0;
      for (const waiter of waiters.splice(0)) waiter(new Error('system browser: reset before a link came'));
      await Promise.all(pages.splice(0).map((tab) => tab.close()));
      await context.clearCookies();
    },
    nextDeepLink,
    close: () => browser.close(),
  };
}

/**
 * Where the browser leaves for the app: a redirect to `kratos-desktop://…` (from Kratos's OIDC callback).
 * Chromium, having no handler for the scheme, aborts that navigation and does not always report it (it did
 * for `?code=…`, not for the bare callback of a failed sign-in), and Playwright's routes do not see
 * redirected requests. So every response is read at the network level (CDP Fetch, response stage): a
 * redirect to the app is handed over, and the tab shows what an OS would show after opening the app.
 */
async function watchRedirectsToTheApp(tab: Page, handOver: (link: string) => void): Promise<void> {
  // A page's own navigation to the app (the passkey page's `location.href = 'kratos-desktop://…'`) is no
  // redirect: Chromium reports it as a request it cannot make.
  tab.on('request', (request) => {
    if (request.url().startsWith('kratos-desktop:') && request.redirectedFrom() === null) {
      handOver(request.url());
    }
  });
  const cdp = await tab.context().newCDPSession(tab);
  cdp.on('Fetch.requestPaused', (event) => {
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (location === undefined || !location.startsWith('kratos-desktop:')) {
      void cdp.send('Fetch.continueResponse', { requestId: event.requestId }).catch(() => undefined);
      return;
    }
    handOver(location);
    void cdp
      .send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'Content-Type', value: 'text/html' }],
        body: Buffer.from(handedOverPage).toString('base64'),
      })
      .catch(() => undefined);
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Response' }] });
}
