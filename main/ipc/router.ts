/**
 * The one door from the renderer into the main process. For every invoke, in this order:
 *
 * 1. the sender frame must be the app's own page (Electron security checklist #17: an iframe, a page that
 *    navigated away, or any other origin is refused with `forbidden-sender`);
 * 2. the arguments must be small plain JSON and match the channel's schema (`invalid-payload`, naming the
 *    field and what was expected);
 * 3. only then is the service called; an exception becomes `failed` with a human message.
 *
 * Nothing here is per operation: the channel, the schema and the service method all follow from the
 * operation's name in the table (./operations.ts).
 *
 * Plain Node: the Electron wiring (ipc/electron.ts) and the e2e harness both feed it `(channel, args, url)`.
 * Refusals are logged with the channel and the reason, never with payload values.
 */
import type { z } from 'zod';
import {
  channelOf,
  type InvokeChannel,
  type InvokeOperation,
  type IpcError,
  type IpcResult,
} from '../../shared/ipc-contract';
import type { Logger } from '../log';
import { checkJsonShape, limits } from './payload-limits';
import { invokeOperations, operations } from './operations';
import type { AppServices } from './services';
import { text } from '../strings';

export interface IpcRouterOptions {
  services: AppServices;
  /** The app page's origin: `app://kratos-desktop` in Electron, the served origin in the e2e harness. */
  allowedOrigin: string;
  log: Logger;
}

export interface IpcRouter {
  /** Every channel the router answers, for the Electron wiring to register. */
  readonly channels: readonly InvokeChannel[];
  handle(
    channel: string,
    args: readonly unknown[],
    senderUrl: string | undefined,
  ): Promise<IpcResult<unknown>>;
}

export function createIpcRouter({ services, allowedOrigin, log }: IpcRouterOptions): IpcRouter {
  const operationOf = new Map<string, InvokeOperation>(
    invokeOperations.map((operation) => [channelOf(operation), operation]),
  );
  const channels = invokeOperations.map((operation) => channelOf(operation));

  const refuse = (channel: string, error: IpcError): IpcResult<never> => {
    log.warn('ipc request refused', {
      channel: channel.slice(0, 64),
      code: error.code,
      reason: error.message,
    });
    return { ok: false, error };
  };

  return {
    channels,
    async handle(channel, args, senderUrl) {
      const operation = operationOf.get(channel);
      if (operation === undefined) {
        return refuse(channel, { code: 'invalid-payload', message: text.ipc.unknown });
      }
      if (!isFromOrigin(senderUrl, allowedOrigin)) {
        return refuse(channel, {
          code: 'forbidden-sender',
          message: `Refused: the request did not come from the app's own page (${originOf(senderUrl) ?? 'no origin'}).`,
        });
      }
      const parsed = parseArguments(operation, args);
      if (!parsed.ok) return refuse(channel, parsed.error);
      try {
        // The method named as the operation; the arguments passed its schema, which `tsc` checked against
        // the method's parameters, so the cast only forgets which operation this is.
        const service = services[operation] as (...validated: unknown[]) => Promise<unknown>;
        const value = await service.apply(services, parsed.args);
        return { ok: true, value };
      } catch (error) {
        log.error('ipc handler failed', { channel, error: describeError(error) });
        return {
          ok: false,
          error: { code: 'failed', message: text.ipc.failed },
        };
      }
    },
  };
}

/** `scheme://host[:port]` of a URL. Node's `URL.origin` is `"null"` for custom schemes like `app:`, so build it. */
export function originOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { protocol, host } = new URL(url);
  return host ? `${protocol}//${host}` : undefined;
}

export function isFromOrigin(senderUrl: string | undefined, allowedOrigin: string): boolean {
  return originOf(senderUrl) === allowedOrigin;
}

type Parsed = { ok: true; args: unknown[] } | { ok: false; error: IpcError };

function parseArguments(operation: InvokeOperation, args: readonly unknown[]): Parsed {
  const invalid = (message: string): Parsed => ({ ok: false, error: { code: 'invalid-payload', message } });
  const { names, schema } = operations[operation] as {
    names: readonly string[];
    schema: z.ZodType<unknown[]>;
  };
  const shape = checkJsonShape(args, limits.argumentsDepth, limits.bytes);
  if (shape) return invalid(text.ipc.invalidBecause(`${describePath(names, shape.path)}: ${shape.message}`));
  const result = schema.safeParse(args);
  if (result.success) return { ok: true, args: result.data };
  const issue = result.error.issues[0];
  if (!issue) return invalid(text.ipc.invalid);
  // A wrong number of arguments is reported by the tuple schema as "too big/small"; say it plainly.
  if (issue.path.length === 0 && Array.isArray(args))
    return invalid(text.ipc.invalidBecause(describeArity(names)));
  return invalid(text.ipc.invalidBecause(`${describePath(names, issue.path)}: ${issue.message}`));
}

function describeArity(names: readonly string[]): string {
  return names.length === 0
    ? 'this call takes no arguments'
    : `this call takes exactly one argument (${names.join(', ')})`;
}

/** The path of a problem in the argument tuple, with the argument named: `request.values.x`. */
function describePath(names: readonly string[], path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  if (first === undefined) return 'arguments';
  const name = typeof first === 'number' ? (names[first] ?? `argument ${first + 1}`) : String(first);
  return [name, ...rest.map((segment) => String(segment).slice(0, 64))].join('.');
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
