/**
 * Kratos's technical names in the words a person reads: assurance levels, sign-in methods, identity traits
 * and devices. Pure functions and tables, tested alone.
 */
import type { Aal, DeviceView } from '../../../shared/ipc-contract';

export const aalWords: Readonly<Record<Aal, string>> = {
  aal0: 'Not signed in',
  aal1: 'One factor',
  aal2: 'Two factors',
  aal3: 'Two strong factors',
};

export const aalExplanations: Readonly<Record<Aal, string>> = {
  aal0: 'No sign-in step is done yet.',
  aal1: 'Signed in with one step (for example a password).',
  aal2: 'Signed in with a password or code and a second factor.',
  aal3: 'Signed in with two factors, one of them a hardware key.',
};

const methodWords: Readonly<Record<string, string>> = {
  password: 'Password',
  totp: 'Authenticator app',
  lookup_secret: 'Backup recovery code',
  code: 'Code sent by email',
  code_recovery: 'Recovery code sent by email',
  link_recovery: 'Recovery link sent by email',
  webauthn: 'Security key',
  passkey: 'Passkey',
  oidc: 'Social sign-in',
  saml: 'Single sign-on',
  profile: 'Profile',
};

/** A sign-in method in words; unknown methods keep their name with underscores as spaces. */
export function methodName(method: string): string {
  return methodWords[method] ?? method.replace(/_/g, ' ');
}

/** A trait key as a label: `first_name` → `First name`, `email` → `Email`. */
export function traitLabel(key: string): string {
  const words = key
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words === '' ? key : words[0]!.toUpperCase() + words.slice(1);
}

/** `kratos-desktop` is this app's user agent (main/kratos/transport.ts). */
const appAgents: Readonly<Record<string, string>> = { 'kratos-desktop': 'Kratos Desktop app' };

/** A user agent as "Firefox on Linux", "Kratos Desktop app", or `undefined` when there is none. */
export function describeUserAgent(userAgent: string | undefined): string | undefined {
  if (userAgent === undefined || userAgent.trim() === '') return undefined;
  const app = appAgents[userAgent.split('/')[0]!.trim().toLowerCase()];
  if (app !== undefined) return app;
  const browser = [
    ['Edg/', 'Edge'],
    ['Firefox/', 'Firefox'],
    ['Chrome/', 'Chrome'],
    ['Safari/', 'Safari'],
  ].find(([token]) => userAgent.includes(token!))?.[1];
  const system = [
    ['Windows', 'Windows'],
    ['Android', 'Android'],
    ['iPhone', 'iOS'],
    ['iPad', 'iPadOS'],
    ['Mac OS X', 'macOS'],
    ['Linux', 'Linux'],
  ].find(([token]) => userAgent.includes(token!))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

/** A session's headline: the first device's app and address ("Kratos Desktop app from 127.0.0.1"). */
export function describeSession(devices: readonly DeviceView[]): string {
  const device = devices[0];
  if (!device) return 'Unknown device';
  const agent = describeUserAgent(device.userAgent) ?? 'Unknown app';
  const where = device.location ?? device.ipAddress;
  return where ? `${agent} from ${where}` : agent;
}
