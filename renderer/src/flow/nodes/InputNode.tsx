/** The nodes that take input or send the form: fields, checkboxes, submit buttons. */
import { useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { UiText } from '../../../../shared/kratos-wire';
import { submitLabel, type InputBasics, type NodeView } from '../../../../shared/flow/nodes';
import { messageText } from '../../../../shared/flow/messages';
import { strings } from '../../../../shared/strings';
import { Message } from '../../ui/Message';
import type { FlowNodeProps } from './FlowNode';
import { NodeMessages } from './UiMessage';

type View<K extends NodeView['kind']> = Extract<NodeView, { kind: K }>;

export function SubmitButton({
  node,
  domId,
  index,
  acknowledged,
  onAcknowledge,
  describedBy,
  view,
}: FlowNodeProps & { view: View<'submit'> }) {
  const button = (
    <button
      type="submit"
      className={view.primary ? 'primary' : 'secondary'}
      data-node-index={index}
      aria-describedby={
        [describedBy, view.note === undefined ? undefined : `${domId}-note`].filter(Boolean).join(' ') ||
        undefined
      }
      data-testid={`field/${view.name}/${String(view.value)}`}
      disabled={view.disabled || (view.acknowledge !== undefined && !acknowledged)}
    >
      {submitLabel(node) ?? labelText(view)}
    </button>
  );
  if (view.note !== undefined) {
    return (
      <div className="node">
        {button}
        <p id={`${domId}-note`} className="hint" data-testid={`field/${view.name}/note`}>
          {view.note}
        </p>
      </div>
    );
  }
  if (view.acknowledge === undefined) return button;
  return (
    <div className="node node-acknowledge">
      <div className="checkbox-row">
        <input
          id={`${domId}-acknowledge`}
          type="checkbox"
          checked={acknowledged}
          onChange={(e) => onAcknowledge(e.target.checked)}
          data-testid={`field/${view.name}/acknowledge`}
        />
        <label htmlFor={`${domId}-acknowledge`}>{view.acknowledge}</label>
      </div>
      {button}
    </div>
  );
}

export function BrowserOnlyButton({ view }: { view: View<'browser-only-button'> }) {
  return (
    <div className="node">
      <button type="button" className="secondary" disabled data-testid={`field/${view.name}`}>
        {labelText(view)}
      </button>
      <p className="hint">{strings.flow.browserOnly}</p>
    </div>
  );
}

/**
 * Browser hints Kratos does not always send (it passes on only what the identity schema names): the
 * identifier is a user name, a person's name fills from their card, codes come from an app or email.
 */
const nameHints: Readonly<Record<string, string>> = {
  'traits.name': 'name',
  'traits.name.first': 'given-name',
  'traits.name.last': 'family-name',
};

function inputHints(name: string, sent: string | undefined) {
  if (name === 'identifier') return { autoComplete: sent ?? 'username' };
  if (Object.hasOwn(nameHints, name)) return { autoComplete: sent ?? nameHints[name] };
  if (name === 'totp_code' || name === 'code')
    return { autoComplete: 'one-time-code', inputMode: 'numeric' as const };
  if (name === 'lookup_secret') return { autoComplete: 'one-time-code', spellCheck: false };
  return { autoComplete: sent };
}

export function InputControl({
  node,
  domId,
  flowKind,
  edits,
  onEdit,
  invalid,
  alternative,
  view,
}: FlowNodeProps & { view: View<'field' | 'checkbox'> }) {
  const [passwordShown, setPasswordShown] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const hasError = invalid !== undefined || node.messages.some((message) => message.type === 'error');
  const password = view.kind === 'field' && view.inputType === 'password';
  const newPassword = password && view.autocomplete === 'new-password';
  const describedBy = [newPassword && `${domId}-rules`, password && `${domId}-caps`, `${domId}-messages`]
    .filter(Boolean)
    .join(' ');
  const common = {
    id: domId,
    name: view.name,
    required: view.required && !alternative,
    // FlowForm still checks it before this section's own button sends it.
    'data-required': view.required || undefined,
    disabled: view.disabled,
    'aria-invalid': hasError,
    'aria-describedby': describedBy,
    'data-group': node.group,
    'data-testid': `field/${view.name}`,
  };
  const label = (
    <label htmlFor={domId}>
      {newPassword && flowKind === 'settings' ? strings.flow.newPassword : labelText(view)}
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
    const checked = typeof edited === 'boolean' ? edited : view.checked;
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
    const value = typeof edited === 'string' ? edited : view.value;
    const onChange = (e: { target: { value: string } }) => onEdit(view.name, e.target.value);
    // Caps Lock as the last key said; unknown (off) once the field is left.
    const readCapsLock = password
      ? {
          onKeyDown: (e: ReactKeyboardEvent) => setCapsLock(e.getModifierState('CapsLock')),
          onKeyUp: (e: ReactKeyboardEvent) => setCapsLock(e.getModifierState('CapsLock')),
          onBlur: () => setCapsLock(false),
        }
      : {};
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
          {...inputHints(view.name, view.autocomplete)}
          type={password && passwordShown ? 'text' : view.inputType}
          value={value}
          onChange={onChange}
          {...readCapsLock}
          maxLength={view.maxLength}
          pattern={view.pattern}
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
            {/* The state seen, not only heard (aria-pressed): a tick while the password is shown. */}
            <span className="toggle-mark" aria-hidden="true">
              {passwordShown ? '✓' : ''}
            </span>
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
          {strings.flow.passwordRules(minimumLength(node.messages))}
        </p>
      )}
      {password && (
        // Always there, so a screen reader announces the sentence when it appears.
        <p
          id={`${domId}-caps`}
          className="caps-lock"
          role="status"
          data-testid={`field/${view.name}/caps-lock`}
        >
          {capsLock ? strings.flow.capsLock : ''}
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

/**
 * The server's minimum password length, as far as it has said it: only a refusal carries it (4000003, or
 * 4000032 on newer Kratos, both with `min_length`); Kratos sends no `minlength` attribute.
 */
function minimumLength(messages: readonly UiText[]): number | undefined {
  for (const message of messages) {
    if (message.id !== 4000003 && message.id !== 4000032) continue;
    const min = (message.context as { min_length?: unknown } | undefined)?.min_length;
    if (typeof min === 'number' && Number.isInteger(min) && min > 0 && min < 10_000) return min;
  }
  return undefined;
}

/** The input's label, else its name. */
function labelText(view: InputBasics): string {
  return view.label ? messageText(view.label) : view.name;
}
