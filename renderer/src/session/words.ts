/**
 * Kratos's technical names in the words a person reads: assurance levels, sign-in methods, identity traits
 * and devices. Pure functions and tables, tested alone.
 */
import type { Aal, DeviceView } from '../../../shared/ipc-contract';
import { parseDesktopUserAgent, type DesktopAgent } from '../../../shared/user-agent';
import { strings } from '../../../shared/strings';

export const aalWords: Readonly<Record<Aal, string>> = strings.session.aal;

export const aalExplanations: Readonly<Record<Aal, string>> = strings.session.aalExplained;

/** A sign-in method in words; unknown methods keep their name with underscores as spaces. */
export function methodName(method: string): string {
  return (
    (Object.hasOwn(strings.session.methods, method) ? strings.session.methods[method] : undefined) ??
    method.replace(/_/g, ' ')
  );
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

/** This project's own clients (shared/user-agent.ts): "Kratos Desktop terminal on Linux (ada-laptop)". */
function describeDesktopAgent({ client, system, host }: DesktopAgent): string {
  const name = client === 'terminal' ? strings.session.terminalAgent : strings.session.appAgent;
  const agent = system ? strings.session.browserOn(name, system) : name;
  return host ? strings.session.onHost(agent, host) : agent;
}

/**
 * A user agent as "Firefox on Linux", "Kratos Desktop app on Linux (ada-laptop)", or `undefined` when
 * there is none.
 */
export function describeUserAgent(userAgent: string | undefined): string | undefined {
  if (userAgent === undefined || userAgent.trim() === '') return undefined;
  const desktop = parseDesktopUserAgent(userAgent);
  if (desktop !== undefined) return describeDesktopAgent(desktop);
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
  if (browser && system) return strings.session.browserOn(browser, system);
  return browser ?? system ?? userAgent.slice(0, 60);
}

/** A session's headline: the first device's app and address ("Kratos Desktop app on Linux (ada-laptop) from 127.0.0.1"). */
export function describeSession(devices: readonly DeviceView[]): string {
  const device = devices[0];
  if (!device) return strings.session.unknownDevice;
  const agent = describeUserAgent(device.userAgent) ?? strings.session.unknownApp;
  const where = device.location ?? device.ipAddress;
  return where ? strings.session.agentFrom(agent, where) : agent;
}
