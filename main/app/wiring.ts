/**
 * How one endpoint's parts are built and plugged together: the undici client, the session controller that
 * keeps the token under the endpoint's normalized URL, and the flow service that hands new tokens to that
 * controller. Building sends no request (the session check comes later). The same factory serves the app
 * and the e2e tests, so the tests run the real wiring.
 */
import type { EndpointView } from '../../shared/ipc-contract';
import type { DesktopClient } from '../../shared/user-agent';
import { createFlowService } from '../flows/service';
import { createKratosClient } from '../kratos/client';
import type { KratosTimeouts } from '../kratos/transport';
import { ownUserAgent } from '../kratos/user-agent';
import { SessionController } from '../session/controller';
import type { ConnectionHooks, ConnectionParts } from './connection';
import type { Keychain } from '../keychain/keychain';

export interface ConnectionOptions extends ConnectionHooks {
  /** Minimum time between focus/resume re-checks (the controller's default when absent). */
  revalidateIntervalMs?: number;
  /** The client's timeouts (tests shorten them). */
  timeouts?: Partial<KratosTimeouts>;
  /** Which client this is, for the user agent Kratos records with each session: the window unless said. */
  client?: DesktopClient;
}

export function buildConnection(
  endpoint: EndpointView,
  keychain: Keychain,
  {
    openExternal,
    returnTo,
    passkeyPage,
    passkeyReturnTo,
    lastIdentifier,
    privilegedSessionMaxAgeMs,
    timeouts,
    client = 'app',
    ...tuning
  }: ConnectionOptions,
): ConnectionParts {
  const api = createKratosClient({ baseUrl: endpoint.url, timeouts, userAgent: ownUserAgent(client) });
  const controller = new SessionController({
    api,
    store: keychain.store,
    // The keychain files each token under the normalized endpoint URL (what parseEndpoint returned).
    storeKey: endpoint.url,
    endpoint,
    keychain: () => keychain.status(),
    ...tuning,
  });
  const flows = createFlowService({
    api,
    session: controller,
    openExternal,
    ...(returnTo === undefined ? {} : { returnTo }),
    ...(passkeyPage === undefined ? {} : { passkeyPage }),
    ...(passkeyReturnTo === undefined ? {} : { passkeyReturnTo }),
    ...(lastIdentifier === undefined ? {} : { lastIdentifier }),
    ...(privilegedSessionMaxAgeMs === undefined ? {} : { privilegedSessionMaxAgeMs }),
  });
  return { api, controller, flows };
}
