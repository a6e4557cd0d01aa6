/**
 * The `electron` module as the real preload bundle sees it inside the browser harness. Runs in the page,
 * before the renderer: `contextBridge.exposeInMainWorld` defines the (frozen) window property, and
 * `ipcRenderer.invoke` goes through a Playwright binding to the main-process handlers running in Node.
 * `ipcRenderer.on` listeners receive what the harness pushes with `send(channel, payload)`.
 *
 * Compiled by esbuild and injected as an init script by ./index.ts; kept free of DOM types so it
 * type-checks with the Node tsconfig like the rest of test/.
 */
type Listener = (event: { sender: unknown }, ...args: unknown[]) => void;

interface HarnessGlobals {
  /** Installed by Playwright's `exposeBinding` (see index.ts). */
  __kratosHarnessInvoke?: (channel: string, args: unknown[]) => Promise<unknown>;
  /** Called by the harness (page.evaluate) to push a main → renderer event. */
  __kratosHarnessEmit?: (channel: string, payload: unknown) => void;
  /** How many listeners a channel has: lets tests check that the renderer unsubscribes. */
  __kratosHarnessListenerCount?: (channel: string) => number;
  addEventListener?: (type: string, listener: (event: Record<string, unknown>) => void) => void;
}

const page = globalThis as unknown as HarnessGlobals;
const listeners = new Map<string, Set<Listener>>();

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    // Looked up per call: Playwright does not order init scripts and bindings.
    const invoke = page.__kratosHarnessInvoke;
    if (!invoke) return Promise.reject(new Error('harness: the IPC binding is not installed'));
    return invoke(channel, args);
  },
  on(channel: string, listener: Listener) {
    const set = listeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(channel, set);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: Listener) {
    listeners.get(channel)?.delete(listener);
    return ipcRenderer;
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: Record<string, unknown>) {
    // Like Electron: the page gets a frozen copy it can neither replace nor extend.
    Object.defineProperty(globalThis, key, { value: Object.freeze({ ...api }), enumerable: true });
  },
};

page.__kratosHarnessEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, payload);
};

page.__kratosHarnessListenerCount = (channel) => listeners.get(channel)?.size ?? 0;

// Chromium also logs CSP violations as console errors; reporting them here makes that independent of wording.
page.addEventListener?.('securitypolicyviolation', (event) => {
  console.error(
    `CSP violation: ${String(event['violatedDirective'])} blocked ${String(event['blockedURI'])}`,
  );
});
