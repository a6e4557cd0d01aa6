/**
 * Switching the Kratos endpoint (the window's Server dialog, or forgetting the server named there).
 *
 * A switch builds the new connection first, proves its server is a Kratos public API, asks the person in
 * main (a compromised page could call `setEndpoint` without the window's dialog), saves the choice, and only
 * then puts the connection in use: a failed or refused switch leaves the app as it was. Tokens are stored
 * per normalized endpoint URL, so switching back finds the old token. Switches run one at a time, and
 * quitting ends one under way at once.
 */
import type { ActionResponse } from '../../shared/ipc-contract';
import { parseEndpoint } from '../kratos/endpoint';
import { probeKratos } from '../kratos/probe';
import type { Logger } from '../log';
import { text } from '../strings';
import { isConnected, type AnyConnection, type ConnectionSlot } from './connection';
import { chooseEndpoint, operatorServer, sameEndpoint } from './endpoint-choice';
import type { OperatorConfig } from './operator-config';
import { updateSettings } from './settings';

export interface EndpointSwitchOptions {
  userDataDir: string;
  environmentUrl: string | undefined;
  operator: OperatorConfig | undefined;
  /** Main's own "Use this server?" question (AppCoreOptions.confirmEndpoint). */
  confirmEndpoint: (url: string) => Promise<boolean>;
  log: Logger;
}

export class EndpointSwitch {
  readonly #options: EndpointSwitchOptions;
  readonly #slot: ConnectionSlot;
  /** Switches run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The connection a switch under way is trying (its server may drip its answers): quitting closes it. */
  #trying: AnyConnection | undefined;
  #stopped = false;

  constructor(options: EndpointSwitchOptions, slot: ConnectionSlot) {
    this.#options = options;
    this.#slot = slot;
  }

  /** Switches to `url` (a new server), or back to the configured default (`null`), after any switch under way. */
  request(url: string | null): Promise<ActionResponse> {
    const switched = this.#queue.then(() => this.#switch(url));
    this.#queue = switched.catch(() => undefined);
    return switched;
  }

  /**
   * A switch under way may wait up to a request's deadline for a server that drips its answer: quitting
   * destroys that connection at once (its request fails), and the switch then gives up (issue 21).
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#trying) await this.#slot.close(this.#trying);
    await this.#queue;
  }

  async #switch(url: string | null): Promise<ActionResponse> {
    const { log, userDataDir, environmentUrl, operator } = this.#options;
    if (operator && !operator.allowServerChange) {
      return { kind: 'error', message: text.app.serverLocked(operator.kratosPublicUrl) };
    }
    let settingsUrl: string | undefined;
    if (url !== null) {
      const parsed = parseEndpoint(url);
      if (!parsed.ok) return { kind: 'error', message: parsed.message };
      settingsUrl = parsed.url;
    }
    const choice = chooseEndpoint({ settingsUrl, environmentUrl, operator: operatorServer(operator) });
    const now = this.#slot.current;
    const current = isConnected(now) ? now.endpoint : undefined;
    if (sameEndpoint(choice, current)) {
      await updateSettings(userDataDir, { kratosPublicUrl: settingsUrl });
      return current === undefined
        ? { kind: 'ok', message: text.app.stillNoServer }
        : { kind: 'ok', message: text.app.alreadyUsing(current.url) };
    }

    let next: AnyConnection | undefined;
    try {
      next = this.#slot.open(choice);
      this.#trying = next;
      const refused = await this.#refusal(next, settingsUrl);
      if (refused !== undefined) {
        await this.#slot.close(next);
        return refused;
      }
      await updateSettings(userDataDir, { kratosPublicUrl: settingsUrl });
    } catch (error) {
      // Not switched: the new connection must not outlive the attempt.
      if (next) await this.#slot.close(next);
      log.error('could not switch endpoint', { error: String(error) });
      return { kind: 'error', message: text.app.switchFailed };
    } finally {
      this.#trying = undefined;
    }
    await this.#slot.replace(next);
    // The previous endpoint's token stays in the store under its own key, for when the user switches back.
    await this.#slot.start(next);
    this.#slot.push();
    return isConnected(next)
      ? { kind: 'ok', message: text.app.nowUsing(next.endpoint.url) }
      : { kind: 'ok', message: text.app.stillNoServer };
  }

  /** Why `next` must not be used: its server is no Kratos, or the person said no. Throws once quitting. */
  async #refusal(next: AnyConnection, settingsUrl: string | undefined): Promise<ActionResponse | undefined> {
    // Any server must prove it is a Kratos public API first.
    const probe = isConnected(next) ? await probeKratos(next.api) : ({ ok: true } as const);
    if (this.#stopped) throw new Error('the app is quitting');
    if (!probe.ok) return { kind: 'error', message: probe.message };
    if (settingsUrl !== undefined && !(await this.#options.confirmEndpoint(settingsUrl))) {
      this.#options.log.info('the person did not confirm a new endpoint', { url: settingsUrl });
      return { kind: 'error', message: text.app.notConfirmed(settingsUrl) };
    }
    if (this.#stopped) throw new Error('the app is quitting');
    return undefined;
  }
}
