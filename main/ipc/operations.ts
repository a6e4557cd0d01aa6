/**
 * The operations main answers over IPC, one entry each: the arguments it takes, as a runtime schema with a
 * name per argument. Its channel (`kratos:<name>`) and its handler (the `AppServices` method of the same
 * name) follow from the name, so this table is main's only list of operations. The preload is ours, but the
 * renderer is treated as untrusted: whatever arrives over IPC is parsed here before any service sees it.
 *
 * The table is type-checked against the contract (`KratosDesktopApi` in shared/ipc-contract.ts): an operation
 * missing here, or a schema whose output is not the contract's argument type, fails `tsc`.
 */
import { z } from 'zod';
import type {
  BrowserSignInRequest,
  FlowKind,
  FlowValues,
  InvokeOperation,
  KratosDesktopApi,
  StartFlowRequest,
  SubmitFlowRequest,
} from '../../shared/ipc-contract';
import { languageChoices } from '../../shared/language';
import { checkJsonShape, limits } from './payload-limits';

/** Kratos ids (flows, sessions) are UUIDs. */
const kratosId = z.guid({ message: 'expected a Kratos id (a UUID)' });

const flowKind = z.enum([
  'login',
  'registration',
  'settings',
  'recovery',
  'verification',
] as const satisfies readonly FlowKind[]);

const startFlowRequest = z.strictObject({
  kind: flowKind,
  refresh: z.boolean().optional(),
  aal: z.enum(['aal1', 'aal2']).optional(),
}) satisfies z.ZodType<StartFlowRequest>;

/** Form values: plain JSON, bounded in size and depth, no prototype-polluting keys. */
const flowValues = z.record(z.string(), z.unknown()).superRefine((values, context) => {
  const problem = checkJsonShape(values);
  if (problem) context.addIssue({ code: 'custom', message: problem.message, path: problem.path });
}) satisfies z.ZodType<FlowValues>;

const submitFlowRequest = z.strictObject({
  flowId: kratosId,
  values: flowValues,
}) satisfies z.ZodType<SubmitFlowRequest>;

const browserSignInRequest = z.strictObject({
  flowId: kratosId,
  action: z.enum(['reopen', 'cancel']),
}) satisfies z.ZodType<BrowserSignInRequest>;

/** An http(s) URL as text; what it may point to is decided by the service (endpoint rules, open allowlist). */
const urlText = z
  .string()
  .min(1, 'expected a URL')
  .max(limits.urlLength, `expected at most ${limits.urlLength} characters`);

/** An identity schema id (`default`, `customer`): Kratos config names, short. */
const schemaId = z.string().min(1, 'expected a schema id').max(256, 'expected at most 256 characters');

/** How one operation's arguments are checked: the tuple the preload sends, and each argument's name. */
export interface OperationSchema<Args extends readonly unknown[]> {
  /** For messages: `request.kind`, not `0.kind`. */
  readonly names: readonly string[];
  readonly schema: z.ZodType<Args>;
}

const none: OperationSchema<[]> = { names: [], schema: z.tuple([]) };

function takes<T>(name: string, schema: z.ZodType<T>): OperationSchema<[T]> {
  return { names: [name], schema: z.tuple([schema]) };
}

/** What the table must hold for an API: one schema per invoke operation, of that operation's arguments. */
export type OperationSchemas<Api = KratosDesktopApi> = {
  [O in Exclude<keyof Api, 'onState' | 'onUpdate'>]: Api[O] extends (...args: infer Args) => unknown
    ? OperationSchema<Args>
    : never;
};

export const operations = {
  getState: none,
  retry: none,
  logout: none,
  startFlow: takes('request', startFlowRequest),
  submitFlow: takes('request', submitFlowRequest),
  browserSignIn: takes('request', browserSignInRequest),
  listSessions: none,
  revokeSession: takes('id', kratosId),
  revokeOtherSessions: none,
  traitTitles: takes('schemaId', schemaId),
  setEndpoint: takes('url', urlText.nullable()),
  retryKeychain: none,
  openExternal: takes('url', urlText),
  setLanguage: takes(
    'language',
    z.enum(languageChoices, { message: `expected one of ${languageChoices.join(', ')}` }),
  ),
  about: none,
  restartToUpdate: none,
} satisfies OperationSchemas;

export const invokeOperations = Object.keys(operations) as InvokeOperation[];
