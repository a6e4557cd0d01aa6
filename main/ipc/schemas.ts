/**
 * Runtime schemas for every invoke channel's arguments. The preload is ours, but the renderer is treated as
 * untrusted: whatever arrives over IPC is parsed here before any service sees it.
 *
 * Each schema validates the argument tuple the preload sends (`ipcRenderer.invoke(channel, ...args)`), and is
 * type-checked against the contract (`satisfies z.ZodType<...>`), so a change to shared/ipc-contract.ts that the
 * schemas don't follow fails `tsc`.
 */
import { z } from 'zod';
import {
  Channels,
  type BrowserSignInRequest,
  type FlowKind,
  type FlowValues,
  type InvokeChannel,
  type StartFlowRequest,
  type SubmitFlowRequest,
} from '../../shared/ipc-contract';
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

const none = z.tuple([]);

/** The argument tuple each invoke channel accepts. */
export const channelArguments = {
  [Channels.getState]: none,
  [Channels.retry]: none,
  [Channels.logout]: none,
  [Channels.startFlow]: z.tuple([startFlowRequest]),
  [Channels.submitFlow]: z.tuple([submitFlowRequest]),
  [Channels.browserSignIn]: z.tuple([browserSignInRequest]),
  [Channels.listSessions]: none,
  [Channels.revokeSession]: z.tuple([kratosId]),
  [Channels.revokeOtherSessions]: none,
  [Channels.traitTitles]: z.tuple([schemaId]),
  [Channels.setEndpoint]: z.tuple([urlText.nullable()]),
  [Channels.retryKeychain]: none,
  [Channels.openExternal]: z.tuple([urlText]),
} satisfies Record<InvokeChannel, z.ZodType<unknown[]>>;

export type ChannelArguments = { [C in InvokeChannel]: z.infer<(typeof channelArguments)[C]> };
