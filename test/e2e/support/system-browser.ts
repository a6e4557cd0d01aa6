/**
 * The system browser of the social sign-in scenarios: a Chromium page in a context of its own (its own
 * cookies, as the person's browser has), driven by the app's injected `openExternal`.
 *
 * Chromium reports nothing of a navigation to a custom scheme: the redirect to `kratos-desktop://…` that ends
 * the provider's part is aborted without a request event, and the requests that follow a redirect never reach
 * `page.route`. So the form the person submits at the provider is routed, and the test follows its redirects
 * itself (the context's request API, one hop at a time, as the browser would) until the `Location` is a
 * `kratos-desktop:` link. That link goes to the app's deep-link entry point, as the OS hands it over; the tab
 * shows what the app's link handler leaves it with.
 */
import type { Browser, BrowserContext, Page, Route } from '@playwright/test';
import { deepLinkScheme } from '../../../main/policy/deep-link';

/** Redirects followed after the provider's form before giving up (the emulator needs two). */
const MAX_HOPS = 5;

export class SystemBrowser {
  /** Every `kratos-desktop:` link the browser was sent to, in order. */
  readonly links: string[] = [];
  /** Pages `openExternal` finished loading (the app waits for the provider only after that). */
  pagesLoaded = 0;
  #deliver: (link: string) => void = () => {
    throw new Error('the system browser has no app to hand links to (call deliverTo)');
  };

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async start(browser: Browser): Promise<SystemBrowser> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const systemBrowser = new SystemBrowser(context, page);
    await context.route('**/example-idp/**', (route) => systemBrowser.#provider(route));
    return systemBrowser;
  }

  /** What the app's `shell.openExternal` does: the page loads the URL. */
  readonly openExternal = async (url: string): Promise<void> => {
    await this.page.goto(url);
    this.pagesLoaded++;
  };

  /** Where `kratos-desktop:` links go: the app's deep-link entry point (`AppCore.followDeepLink`). */
  deliverTo(deliver: (link: string) => void): void {
    this.#deliver = deliver;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  async #provider(route: Route): Promise<void> {
    if (route.request().method() !== 'POST') return route.continue();
    let response = await route.fetch({ maxRedirects: 0 });
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const location = response.headers()['location'];
      if (response.status() < 300 || response.status() > 399 || location === undefined) break;
      const next = new URL(location, response.url()).href;
      if (next.startsWith(`${deepLinkScheme}:`)) {
        this.links.push(next);
        this.#deliver(next);
        return route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<!doctype html><html lang="en"><title>Kratos Desktop</title><p>Opened in Kratos Desktop.</p></html>',
        });
      }
      response = await this.context.request.get(next, { maxRedirects: 0 });
    }
    return route.fulfill({ response });
  }
}
