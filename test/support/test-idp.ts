/**
 * A real OpenID Provider for the real-Kratos social sign-in suites: the npm package `oidc-provider` (v9, a
 * certified implementation) on 127.0.0.1, with its development login and consent pages, and a real Kratos
 * configured to sign in through it (/work/shared/reference/kratos/real-kratos.md describes the measured setup):
 *
 *   const { kratos, idp } = await startKratosWithIdp();
 *   afterAll(async () => { await kratos.stop(); await idp.stop(); });
 *
 * The development login page accepts any login name with any password; the name becomes the account's
 * subject and its `email` claim. `conformIdTokenClaims: false` puts `email` into the ID token, which Kratos's
 * Jsonnet mapper (test/support/real-kratos.ts) copies to `traits.email`. The consent page's "Continue"
 * grants; its "[ Cancel ]" link denies (`access_denied`), as a person who changes their mind would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import {
  freePort,
  startRealKratos,
  type OidcProvider,
  type RealKratos,
  type RealKratosOptions,
} from './real-kratos';

/** Kratos's id of the test provider: what a client submits as `provider`. */
export const testProviderId = 'example';
export const testProviderLabel = 'Example IdP';

export interface TestIdp {
  /** `http://127.0.0.1:<port>`: the issuer Kratos discovers. */
  issuerUrl: string;
  /** The provider entry of Kratos's configuration (`selfservice.methods.oidc.config.providers`). */
  kratosProvider: OidcProvider;
  /** Authorization requests the IdP received (one per trip through its pages). */
  stats: { authorizations: number };
  stop(): Promise<void>;
}

export interface TestIdpOptions {
  /** Where the IdP may send the browser back: Kratos's `/self-service/methods/oidc/callback/<id>`. */
  redirectUris: string[];
  port?: number;
}

const clientId = 'kratos-desktop-tests';
// Test-only secret of a throwaway IdP on 127.0.0.1.
const clientSecret = 'test-only-client-secret-kratos-desktop';

export async function startTestIdp(options: TestIdpOptions): Promise<TestIdp> {
  const port = options.port ?? (await freePort());
  const issuerUrl = `http://127.0.0.1:${port}`;
  const stats = { authorizations: 0 };
  const provider = new Provider(issuerUrl, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris }],
    // The dev login's name is the account: subject and email at once.
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: true }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    // Test-only cookie signing key of the IdP's own pages (never Kratos's, never the app's).
    cookies: { keys: ['test-only-idp-cookie-key'] },
  });
  provider.on('authorization.accepted', () => stats.authorizations++);
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    issuerUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    kratosProvider: { id: testProviderId, label: testProviderLabel, issuerUrl, clientId, clientSecret },
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Kratos's redirect URI for a provider (the IdP must know it before Kratos sends anyone there). */
export const oidcCallbackUrl = (kratosUrl: string, providerId = testProviderId) =>
  `${kratosUrl}/self-service/methods/oidc/callback/${providerId}`;

/**
 * A fresh test IdP, and the options that point a real Kratos at it: Kratos's public port is chosen first so
 * the IdP can allow its callback. For suites that start Kratos themselves (the e2e world); stop the IdP too.
 */
export async function startIdpForKratos(): Promise<{
  idp: TestIdp;
  kratosOptions: Required<Pick<RealKratosOptions, 'port' | 'oidcProviders'>>;
}> {
  const port = await freePort();
  const idp = await startTestIdp({ redirectUris: [oidcCallbackUrl(`http://127.0.0.1:${port}`)] });
  return { idp, kratosOptions: { port, oidcProviders: [idp.kratosProvider] } };
}

/**
 * A real Kratos with the `oidc` method pointing at a fresh test IdP; the session hook after oidc
 * registration and the app's return URL (`kratos-desktop://auth`, in test/kratos/kratos.yml) are in place.
 * Stop both (`kratos.stop()` checks its own invariants).
 */
export async function startKratosWithIdp(
  options: Omit<RealKratosOptions, 'oidcProviders' | 'port'> = {},
): Promise<{ kratos: RealKratos; idp: TestIdp }> {
  const { idp, kratosOptions } = await startIdpForKratos();
  try {
    const kratos = await startRealKratos({ ...options, ...kratosOptions });
    return { kratos, idp };
  } catch (error) {
    await idp.stop();
    throw error;
  }
}
