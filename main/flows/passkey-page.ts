/**
 * The passkey page of the server in use, as the ceremony gets it (passkey-ceremony.ts), and the settings that
 * name one (docs/passkeys.md#how-the-app-learns-the-page). A Kratos server does not say where its page is:
 * the app is told, with the server, in one of two ways, and when it has none the passkey buttons say which
 * one would give it this server's page, since that depends on how this copy of the app runs.
 */
import { text } from '../strings';

/** A development run (`npm start`) or a terminal client built without an operator's configuration. */
export const passkeyPageEnvironmentVariable = 'KRATOS_PASSKEY_PAGE_URL';

/** An installed app: the operator's configuration, packaged by `npm run dist` (app/operator-config.ts). */
export const operatorPasskeyPageSetting = {
  key: 'passkeyPageUrl',
  variable: 'KRATOS_DESKTOP_PASSKEY_PAGE_URL',
} as const;

/** How this copy of the app learns a server's passkey page: which setting the operator would use. */
export type PasskeyPageSetup = 'environment' | 'package';

export type PasskeyPage = { kind: 'page'; url: string } | { kind: 'none'; setup: PasskeyPageSetup };

/** Said when a passkey button is pressed on a server without a page: for the person, then its operator. */
export function noPasskeyPageMessage(setup: PasskeyPageSetup): string {
  return setup === 'environment'
    ? text.passkey.noPage.environment(passkeyPageEnvironmentVariable)
    : text.passkey.noPage.package(operatorPasskeyPageSetting.key, operatorPasskeyPageSetting.variable);
}
