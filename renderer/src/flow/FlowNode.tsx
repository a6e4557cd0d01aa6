/**
 * One Kratos ui node on screen. What it becomes is decided by `classifyNode` (nodes.ts); this file only
 * draws it. Test ids: `field/<name>` on controls, `field/<name>/<value>` on submit buttons,
 * `field/<id>/text|img|a|unsupported` on the other node types, `ui/message/<id>` on messages.
 */
import { useState } from 'react';
import {
  inputName,
  isInputNode,
  isUiText,
  type UiNode,
  type UiNodeInputAttributes,
  type UiText,
} from '../../../shared/kratos-wire';
import type { FlowKind } from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { CodesActions } from '../ui/CodesActions';
import { CopyButton } from '../ui/CopyButton';
import { ActionMessage, Message } from '../ui/Message';
import { useAction } from '../ui/useAction';
import { messageText } from '../../../shared/flow/messages';
import { classifyNode, submitLabel, type NodeView } from '../../../shared/flow/nodes';
import type { Edits } from '../../../shared/flow/values';
import { strings } from '../../../shared/strings';

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
  /** For a button that needs an acknowledgement (nodes.ts): whether the person ticked it. */
  acknowledged: boolean;
  onAcknowledge: (checked: boolean) => void;
}

export function FlowNode(props: FlowNodeProps) {
  const view = classifyNode(props.node);
  switch (view.kind) {
    case 'hidden':
      return null;
    case 'field':
    case 'checkbox':
      return <InputControl {...props} view={view} />;
    case 'submit': {
      const button = (
        <button
          type="submit"
          className={props.node.group === 'default' || isPrimaryMethod(props.node) ? 'primary' : 'secondary'}
          data-node-index={props.index}
          data-testid={`field/${view.name}/${String(view.value)}`}
          disabled={
            inputAttributes(props.node).disabled === true ||
            (view.acknowledge !== undefined && !props.acknowledged)
          }
        >
          {submitLabel(props.node) ?? labelText(props.node, view.name)}
        </button>
      );
      if (view.acknowledge === undefined) return button;
      return (
        <div className="node node-acknowledge">
          <div className="checkbox-row">
            <input
              id={`${props.domId}-acknowledge`}
              type="checkbox"
              checked={props.acknowledged}
              onChange={(e) => props.onAcknowledge(e.target.checked)}
              data-testid={`field/${view.name}/acknowledge`}
            />
            <label htmlFor={`${props.domId}-acknowledge`}>{view.acknowledge}</label>
          </div>
          {button}
        </div>
      );
    }
    case 'browser-only-button':
      return (
        <div className="node">
          <button type="button" className="secondary" disabled data-testid={`field/${view.name}`}>
            {labelText(props.node, view.name)}
          </button>
          <p className="hint">{strings.flow.browserOnly}</p>
        </div>
      );
    default:
      return <DisplayNode node={props.node} view={view} />;
  }
}

/** Browser hints Kratos does not always send: the identifier is a user name, codes come from an app or email. */
function inputHints(name: string, attributes: Partial<UiNodeInputAttributes>) {
  const sent = typeof attributes.autocomplete === 'string' ? attributes.autocomplete : undefined;
  if (name === 'identifier') return { autoComplete: sent ?? 'username' };
  if (name === 'totp_code' || name === 'code')
    return { autoComplete: 'one-time-code', inputMode: 'numeric' as const };
  if (name === 'lookup_secret') return { autoComplete: 'one-time-code', spellCheck: false };
  return { autoComplete: sent };
}

function InputControl({
  node,
  domId,
  flowKind,
  edits,
  onEdit,
  invalid,
  alternative,
  view,
}: FlowNodeProps & { view: Extract<NodeView, { kind: 'field' | 'checkbox' }> }) {
  const [passwordShown, setPasswordShown] = useState(false);
  const attributes = inputAttributes(node);
  const hasError = invalid !== undefined || node.messages.some((message) => message.type === 'error');
  const newPassword =
    view.kind === 'field' && view.inputType === 'password' && attributes.autocomplete === 'new-password';
  const describedBy = newPassword ? `${domId}-rules ${domId}-messages` : `${domId}-messages`;
  const common = {
    id: domId,
    name: view.name,
    required: attributes.required === true && !alternative,
    // FlowForm still checks it before this section's own button sends it.
    'data-required': attributes.required === true || undefined,
    disabled: attributes.disabled === true,
    'aria-invalid': hasError,
    'aria-describedby': describedBy,
    'data-group': node.group,
    'data-testid': `field/${view.name}`,
  };
  const label = (
    <label htmlFor={domId}>
      {newPassword && flowKind === 'settings' ? strings.flow.newPassword : labelText(node, view.name)}
      {common.required && (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </label>
  );

  let control;
  if (view.kind === 'checkbox') {
    const edited = edits.get(view.name);
    const checked =
      typeof edited === 'boolean' ? edited : attributes.value === true || attributes.value === 'true';
    control = (
      <input
        {...common}
        type="checkbox"
        checked={checked}
        onChange={(e) => onEdit(view.name, e.target.checked)}
      />
    );
  } else {
    const edited = edits.get(view.name);
    const value = typeof edited === 'string' ? edited : stringValue(attributes.value);
    const onChange = (e: { target: { value: string } }) => onEdit(view.name, e.target.value);
    const password = view.inputType === 'password';
    control =
      view.options && view.options.length > 0 ? (
        <select {...common} value={value} onChange={onChange}>
          {!common.required && <option value="" />}
          {view.options.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          {...inputHints(view.name, attributes)}
          type={password && passwordShown ? 'text' : view.inputType}
          value={value}
          onChange={onChange}
          maxLength={typeof attributes.maxlength === 'number' ? attributes.maxlength : undefined}
          pattern={typeof attributes.pattern === 'string' ? attributes.pattern : undefined}
        />
      );
    if (password) {
      control = (
        <div className="with-toggle">
          {control}
          <button
            type="button"
            className="secondary toggle"
            aria-pressed={passwordShown}
            aria-controls={domId}
            onClick={() => setPasswordShown((shown) => !shown)}
            data-testid={`field/${view.name}/show`}
          >
            {strings.flow.showPassword}
          </button>
        </div>
      );
    }
  }

  return (
    <div className={`node node-${view.kind}`}>
      {view.kind === 'checkbox' ? (
        <div className="checkbox-row">
          {control}
          {label}
        </div>
      ) : (
        <>
          {label}
          {control}
        </>
      )}
      {newPassword && (
        <p id={`${domId}-rules`} className="hint" data-testid={`field/${view.name}/rules`}>
          {strings.flow.passwordRules}
        </p>
      )}
      <div id={`${domId}-messages`}>
        <NodeMessages messages={node.messages} />
        {invalid !== undefined && (
          <Message level="error" testId={`field/${view.name}/invalid`}>
            {invalid}
          </Message>
        )}
      </div>
    </div>
  );
}

/** Nodes that show something but send nothing: text, secrets, images, links, unsupported parts. */
function DisplayNode({ node, view }: { node: UiNode; view: NodeView }) {
  const label = node.meta.label ? messageText(node.meta.label) : undefined;
  let body;
  switch (view.kind) {
    case 'secret':
      body = (
        <div data-testid={`field/${view.id}/text`}>
          <code className="secret">{view.secret}</code>
          <CopyButton text={view.secret} label={strings.flow.copySecret} testId={`field/${view.id}/copy`} />
        </div>
      );
      break;
    case 'secret-list': {
      const unused = view.secrets.flatMap((entry) => (entry.kind === 'unused' ? [entry.code] : []));
      // Freshly generated codes take the focus (FlowForm): the person must see and keep them.
      body = (
        <div
          data-testid={`field/${view.id}/text`}
          role="group"
          tabIndex={-1}
          data-focus-target
          aria-label={strings.flow.yourCodes}
        >
          <ul className="codes">
            {view.secrets.map((entry, i) =>
              entry.kind === 'unused' ? (
                <li key={i}>
                  <code>{entry.code}</code>
                </li>
              ) : (
                <li key={i} className="used">
                  {messageText(entry.text)}
                </li>
              ),
            )}
          </ul>
          {unused.length > 0 && <CodesActions codes={unused} testId={`field/${view.id}`} />}
        </div>
      );
      break;
    }
    case 'text': {
      const shown = view.text ? messageText(view.text) : '';
      body = shown ? (
        <p data-testid={`field/${view.id}/text`}>{shown}</p>
      ) : (
        <p className="placeholder" data-testid={`field/${view.id}/text`}>
          {strings.flow.emptyText}
        </p>
      );
      break;
    }
    case 'image':
      body = (
        <img
          src={view.src}
          alt={label ?? strings.flow.imageFromServer}
          width={view.width}
          height={view.height}
          data-testid={`field/${view.id}/img`}
        />
      );
      break;
    case 'blocked-image':
      body = (
        <p className="placeholder" data-testid={`field/${view.id}/img`}>
          {view.reason}
        </p>
      );
      break;
    case 'link':
      body = <ExternalLink id={view.id} href={view.href} title={view.title} />;
      break;
    case 'blocked-link':
      body = (
        <p className="placeholder" data-testid={`field/${view.id}/a`}>
          {view.reason} ({view.href})
        </p>
      );
      break;
    case 'unsupported':
      body = (
        <p className="placeholder" data-testid={`field/${view.id}/unsupported`}>
          {strings.flow.unsupported(view.reason)}
        </p>
      );
      break;
    default:
      return null;
  }
  return (
    <div className={`node node-${view.kind}`}>
      {label !== undefined && view.kind !== 'image' && <p className="node-label">{label}</p>}
      {body}
      <NodeMessages messages={node.messages} />
    </div>
  );
}

/** Links open in the system browser, through main (which checks the URL again). */
function ExternalLink({ id, href, title }: { id: string; href: string; title: UiText | undefined }) {
  const open = useAction();
  return (
    <>
      <button
        type="button"
        className="link"
        onClick={() => void open.run(() => kratos().openExternal(href))}
        data-testid={`field/${id}/a`}
      >
        {title ? messageText(title) : href}
      </button>
      <ActionMessage result={open.result} />
    </>
  );
}

function NodeMessages({ messages }: { messages: readonly UiText[] }) {
  return (
    <>
      {messages.map((message, i) => (
        <UiMessage key={`${message.id}-${i}`} message={message} />
      ))}
    </>
  );
}

/** A Kratos message with its type's styling; `boxed` for flow-level messages above the form. */
export function UiMessage({ message, boxed = false }: { message: UiText; boxed?: boolean }) {
  const level = message.type === 'error' ? 'error' : message.type === 'success' ? 'success' : 'info';
  // tabIndex -1: FlowForm moves the focus to the first error message.
  return (
    <Message
      level={level}
      boxed={boxed}
      tabIndex={-1}
      testId={`ui/message/${message.id}`}
      data-message-type={level}
    >
      {messageText(message)}
    </Message>
  );
}

/** The node's label: `meta.label` (Kratos puts it there), else the input's own label, else its name. */
function labelText(node: UiNode, name: string): string {
  const own = inputAttributes(node).label;
  const label = node.meta.label ?? (isUiText(own) ? own : undefined);
  return label ? messageText(label) : name;
}

/** The main action of a group (e.g. `method=password`), drawn as a primary button. */
function isPrimaryMethod(node: UiNode): boolean {
  return inputName(node) === 'method';
}

/**
 * An input's attributes, or none for any other node. Only `name` and `type` are checked (isInputAttributes):
 * the optional fields come from the network unchecked, so each reader still tests the type it needs.
 */
function inputAttributes(node: UiNode): Partial<UiNodeInputAttributes> {
  return isInputNode(node) ? node.attributes : {};
}

function stringValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
