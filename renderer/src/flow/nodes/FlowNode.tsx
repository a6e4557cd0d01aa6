/**
 * One Kratos ui node on screen: the dispatch. What it becomes is decided by `classifyNode`
 * (shared/flow/nodes.ts), which also reads everything the components need from the node's attributes; the
 * components draw it (inputs: InputNode.tsx, everything that only shows: DisplayNode.tsx; the layout of
 * Ory Elements' `nodes/renderer`). Test ids: `field/<name>` on controls, `field/<name>/<value>` on submit
 * buttons, `field/<id>/text|img|a|div|unsupported` on the other node types, `ui/message/<id>` on messages.
 */
import type { UiNode } from '../../../../shared/kratos-wire';
import type { FlowKind } from '../../../../shared/ipc-contract';
import { classifyNode } from '../../../../shared/flow/nodes';
import type { Edits } from '../../../../shared/flow/values';
import { DisplayNode } from './DisplayNode';
import { ProviderLink } from './ProviderLink';
import { BrowserOnlyButton, InputControl, SubmitButton } from './InputNode';

export interface FlowNodeProps {
  node: UiNode;
  /** Unique DOM id for the control, so labels and messages can point at it. */
  domId: string;
  /** Index of the node in `ui.nodes`: submit buttons carry it so the form knows which one was pressed. */
  index: number;
  /** The flow this node belongs to: some words depend on it ("New password" in settings). */
  flowKind: FlowKind;
  edits: Edits;
  onEdit: (name: string, value: string | boolean) => void;
  /** A browser validation problem found on submit (`Please fill out this field.`). */
  invalid: string | undefined;
  /**
   * The node's section is one of several ways to do the same thing (a sign-in's authenticator app or backup
   * code): its fields are needed only for its own button, so they are not marked required.
   */
  alternative: boolean;
  /** For a button that needs an acknowledgement (shared/flow/nodes.ts): whether the person ticked it. */
  acknowledged: boolean;
  onAcknowledge: (checked: boolean) => void;
  /** The id of a sentence that describes a button (the sign-up step line for "Change"). */
  describedBy?: string;
}

export function FlowNode(props: FlowNodeProps) {
  const view = classifyNode(props.node);
  switch (view.kind) {
    case 'hidden':
      return null;
    case 'field':
    case 'checkbox':
      return <InputControl {...props} view={view} />;
    case 'submit':
      return <SubmitButton {...props} view={view} />;
    case 'browser-only-button':
      return <BrowserOnlyButton view={view} />;
    case 'provider-link':
      return <ProviderLink view={view} domId={props.domId} />;
    default:
      return <DisplayNode node={props.node} view={view} />;
  }
}
