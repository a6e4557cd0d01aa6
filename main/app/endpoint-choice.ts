/**
 * Which Kratos server the app talks to, in order of precedence:
 *
 * 1. the URL saved in the window's settings (the user's latest explicit choice),
 * 2. the `KRATOS_PUBLIC_URL` environment variable,
 * 3. the embedded emulator, started in-process (the out-of-the-box default).
 *
 * Each candidate is validated with `parseEndpoint` (https unless loopback). An invalid one is skipped with a
 * warning the window shows, rather than silently used or silently dropped.
 */
import type { EndpointView, Notice } from '../../shared/ipc-contract';
import { parseEndpoint } from '../kratos/endpoint';

export type EndpointChoice =
  | { kind: 'configured'; url: string; source: Exclude<EndpointView['source'], 'emulator'>; warning?: Notice }
  | { kind: 'emulator'; warning?: Notice };

export interface EndpointInputs {
  settingsUrl: string | undefined;
  environmentUrl: string | undefined;
}

export const endpointEnvironmentVariable = 'KRATOS_PUBLIC_URL';

export function chooseEndpoint({ settingsUrl, environmentUrl }: EndpointInputs): EndpointChoice {
  const skipped: string[] = [];
  const candidates = [
    { source: 'settings', url: settingsUrl, label: 'The saved endpoint' },
    { source: 'environment', url: environmentUrl, label: endpointEnvironmentVariable },
  ] as const;
  for (const { source, url, label } of candidates) {
    if (url === undefined || url.trim() === '') continue;
    const parsed = parseEndpoint(url);
    if (parsed.ok) return { kind: 'configured', url: parsed.url, source, ...warningFor(skipped) };
    skipped.push(`${label} was ignored: ${parsed.message}`);
  }
  return { kind: 'emulator', ...warningFor(skipped) };
}

function warningFor(skipped: string[]): { warning?: Notice } {
  return skipped.length === 0 ? {} : { warning: { level: 'warning', text: skipped.join(' ') } };
}

/** The button of `endpointQuestion` that means "use it"; every other answer (Cancel, Escape) changes nothing. */
export const endpointQuestionUse = 0;

/**
 * The native question main asks before a server the window named is used and saved: it names the server and
 * what will go there, and defaults to Cancel, so a stray Enter keeps the app where it was.
 */
export function endpointQuestion(url: string) {
  return {
    type: 'question' as const,
    title: 'Change server',
    message: `Use ${url} as your Kratos server?`,
    detail:
      `Kratos Desktop will send your sign-in token for ${url} to that server, and you will sign in there from now on. ` +
      'Continue only if you entered this address yourself.',
    buttons: ['Use this server', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
