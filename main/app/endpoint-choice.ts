/**
 * Which Kratos server the app talks to, in order of precedence:
 *
 * 1. the URL saved in the window's settings (the user's latest explicit choice),
 * 2. the `KRATOS_PUBLIC_URL` environment variable (`npm start` sets it to the emulator it runs beside the app),
 * 3. the operator's server, packaged with the app by `npm run dist` (main/app/operator-config.ts),
 * 4. none: the window asks the person for one ("Connect to your Kratos server").
 *
 * An operator's package that does not let people switch servers always starts on its own.
 *
 * Each candidate is validated with `parseEndpoint` (https unless loopback). An invalid one is skipped with a
 * warning the window shows, rather than silently used or silently dropped.
 */
import type { EndpointView, Notice } from '../../shared/ipc-contract';
import { parseEndpoint } from '../kratos/endpoint';
import { text } from '../strings';
import type { OperatorConfig } from './operator-config';

export type EndpointChoice =
  | { kind: 'configured'; url: string; source: EndpointView['source']; warning?: Notice }
  | { kind: 'none'; warning?: Notice };

export interface EndpointInputs {
  settingsUrl: string | undefined;
  environmentUrl: string | undefined;
  /** The operator's configuration packaged with the app (main/app/operator-config.ts), if any. */
  operator?: { url: string; allowServerChange: boolean };
}

export const endpointEnvironmentVariable = 'KRATOS_PUBLIC_URL';

export function chooseEndpoint({ settingsUrl, environmentUrl, operator }: EndpointInputs): EndpointChoice {
  // A package that does not let people switch starts on its server, whatever was saved or set.
  if (operator && !operator.allowServerChange)
    return { kind: 'configured', url: operator.url, source: 'operator' };
  const skipped: string[] = [];
  const candidates = [
    { source: 'settings', url: settingsUrl, label: text.app.savedEndpoint },
    { source: 'environment', url: environmentUrl, label: endpointEnvironmentVariable },
  ] as const;
  for (const { source, url, label } of candidates) {
    if (url === undefined || url.trim() === '') continue;
    const parsed = parseEndpoint(url);
    if (parsed.ok) return { kind: 'configured', url: parsed.url, source, ...warningFor(skipped) };
    skipped.push(text.app.endpointIgnored(label, parsed.message));
  }
  if (operator) return { kind: 'configured', url: operator.url, source: 'operator', ...warningFor(skipped) };
  return { kind: 'none', ...warningFor(skipped) };
}

/** What the choice needs of the operator's configuration. */
export function operatorServer(operator: OperatorConfig | undefined): EndpointInputs['operator'] {
  return operator && { url: operator.kratosPublicUrl, allowServerChange: operator.allowServerChange };
}

/** Whether `choice` is the endpoint already in use (none: no server in use either). */
export function sameEndpoint(choice: EndpointChoice, current: EndpointView | undefined): boolean {
  return choice.kind === 'none'
    ? current === undefined
    : choice.url === current?.url && choice.source === current.source;
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
  const words = text.app.endpointQuestion;
  return {
    type: 'question' as const,
    title: words.title,
    message: words.message(url),
    detail: words.detail(url),
    buttons: [words.use, words.cancel],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
