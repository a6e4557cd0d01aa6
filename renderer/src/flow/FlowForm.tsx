/**
 * The generic Kratos form: every flow (login, registration, settings, recovery, verification) is drawn by
 * this one component from `flow.ui`. Nodes are shown in sections per group; pressing a button submits that
 * button's group plus the shared `default` group (values.ts); Enter in a field presses the primary submit
 * of the field's group (nodes.ts `primarySubmit`).
 *
 * Validation is the browser's (required, pattern, maxlength, types) but checked only for the fields that
 * will be sent, and only when a `method` button is pressed: a social sign-in button is not blocked by an
 * empty password field, nor "Resend code" by the empty code field next to it.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { FlowValues, FlowView } from '../../../shared/ipc-contract';
import { inputName, isInputNode, type UiNode } from '../../../shared/kratos-wire';
import { useConfirm } from '../ui/ConfirmDialog';
import { Progress } from '../ui/Progress';
import { FlowNode } from './nodes/FlowNode';
import { UiMessage } from './nodes/UiMessage';
import { confirmationFor, groupTitle, primarySubmit, sectionsOf } from '../../../shared/flow/nodes';
import { collectValues, keptAfterAnswer } from '../../../shared/flow/values';
import { strings } from '../../../shared/strings';

export interface FlowFormProps {
  flow: FlowView;
  /** Set while a submit is on its way: the form is disabled and shows `busyLabel`. */
  busy: boolean;
  busyLabel: string;
  onSubmit: (values: FlowValues) => void;
  /** The section whose first field takes the focus when the form appears (e.g. `password` after recovery). */
  focusGroup?: string;
}

export function FlowForm({ flow, busy, busyLabel, onSubmit, focusGroup }: FlowFormProps) {
  const domPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [edits, setEdits] = useState<ReadonlyMap<string, string | boolean>>(new Map());
  const [invalid, setInvalid] = useState<{ name: string; message: string }>();
  /** Node indexes of the buttons whose acknowledgement is ticked (nodes.ts `acknowledge`). */
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<number>>(new Set());
  const nodes = flow.ui.nodes;

  /**
   * The section whose button was pressed last: Kratos's answer to it (a success, an error, new backup
   * codes) is shown and announced in that section, where the person's eyes are, not at the top of the form.
   */
  const [pressedGroup, setPressedGroup] = useState<string>();
  const confirm = useConfirm();

  // A new flow object (a fresh flow, or Kratos's answer with messages) brings its own values; typed
  // passwords survive a refusal about something else (values.ts). Then the focus goes where the person
  // should look: the first field in error; else, in the section just submitted, what appeared there (new
  // codes; once a code is sent, the field to type it in — its sentence is announced by its live region; the
  // result message); else the first field (of `focusGroup` when given).
  useEffect(() => {
    setEdits((previous) => keptAfterAnswer(previous, flow.ui.nodes, flow.ui.messages ?? []));
    setInvalid(undefined);
    setAcknowledged(new Set());
    const form = formRef.current;
    if (!form) return;
    const firstField = (scope: ParentNode) =>
      scope.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), select:not([disabled])');
    const section = (group: string | undefined) =>
      group === undefined ? null : form.querySelector<HTMLElement>(`[data-section="${group}"]`);
    const answered = section(pressedGroup);
    const codeSent =
      flow.state === 'sent_email' && !(flow.ui.messages ?? []).some((message) => message.type === 'error');
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      answered?.querySelector<HTMLElement>('[data-focus-target]') ??
      (codeSent && answered ? firstField(answered) : null) ??
      answered?.querySelector<HTMLElement>('[data-flow-messages] [role]') ??
      form.querySelector<HTMLElement>('[data-flow-messages] [role="alert"]') ??
      firstField(section(focusGroup) ?? form) ??
      firstField(form);
    target?.focus();
    // Only a new flow moves the focus; pressedGroup and focusGroup are read as they were at that moment.
  }, [flow]);

  const edit = (name: string, value: string | boolean) => {
    setEdits((previous) => new Map(previous).set(name, value));
    if (invalid?.name === name) setInvalid(undefined);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const pressed = nodes[Number(submitter?.dataset['nodeIndex'])];
    if (!pressed) return;
    // Only the group's own submit (`method`) needs its fields filled: "Resend code", "Back" (`screen`) and
    // the like act without them, even though Kratos puts them in the same group as a required code field.
    const problem = isMethodSubmit(pressed)
      ? firstInvalidField(event.currentTarget, pressed.group)
      : undefined;
    if (problem) {
      setInvalid({ name: problem.field.name, message: problem.message });
      problem.field.focus();
      return;
    }
    setInvalid(undefined);
    const confirmation = confirmationFor(pressed, nodes);
    if (confirmation && !(await confirm.ask(confirmation))) return;
    setPressedGroup(pressed.group);
    onSubmit(collectValues(nodes, edits, pressed));
  };

  const pressPrimaryOnEnter = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || !(target instanceof HTMLInputElement)) return;
    event.preventDefault();
    const primary = primarySubmit(nodes, target.dataset['group'] ?? 'default');
    const button =
      primary &&
      event.currentTarget.querySelector<HTMLButtonElement>(
        `button[data-node-index="${nodes.indexOf(primary)}"]`,
      );
    if (button && !button.disabled) event.currentTarget.requestSubmit(button);
  };

  const messages = flow.ui.messages ?? [];
  const sections = sectionsOf(nodes);
  const alternatives = alternativeGroups(flow);
  // Kratos's answer goes beside the section that asked, when that section is still there.
  const messagesIn = sections.some((section) => section.group === pressedGroup) ? pressedGroup : undefined;
  const flowMessages = messages.length > 0 && (
    <div className="flow-messages" data-flow-messages>
      {messages.map((message, i) => (
        <UiMessage key={`${message.id}-${i}`} message={message} boxed />
      ))}
    </div>
  );
  return (
    <form
      ref={formRef}
      className="flow"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={pressPrimaryOnEnter}
      aria-busy={busy}
      data-testid={`flow/${flow.kind}`}
    >
      {messagesIn === undefined && flowMessages}
      <fieldset className="flow-fields" disabled={busy}>
        {sections.map((section) => {
          const title = groupTitle(section.group);
          return (
            <section
              key={section.group}
              className={`flow-section group-${section.group}`}
              aria-label={title}
              data-section={section.group}
            >
              {title !== undefined && <h3>{title}</h3>}
              {section.nodes.map((node) => {
                const index = nodes.indexOf(node);
                const name = inputName(node);
                return (
                  <FlowNode
                    key={index}
                    node={node}
                    index={index}
                    flowKind={flow.kind}
                    domId={`${domPrefix}-${index}`}
                    edits={edits}
                    onEdit={edit}
                    invalid={invalid !== undefined && invalid.name === name ? invalid.message : undefined}
                    alternative={alternatives.has(node.group)}
                    acknowledged={acknowledged.has(index)}
                    onAcknowledge={(checked) =>
                      setAcknowledged((previous) => {
                        const next = new Set(previous);
                        if (checked) next.add(index);
                        else next.delete(index);
                        return next;
                      })
                    }
                  />
                );
              })}
              {messagesIn === section.group && flowMessages}
            </section>
          );
        })}
      </fieldset>
      {busy && <Progress label={busyLabel} />}
      {confirm.dialog}
    </form>
  );
}

const isMethodSubmit = (node: UiNode): boolean => inputName(node) === 'method';

/**
 * The first field that will be sent with `group` and fails the browser's checks, or is required by Kratos
 * and empty (a field of an alternative section, not marked `required` on screen: FlowNode).
 */
function firstInvalidField(
  form: HTMLFormElement,
  group: string,
): { field: HTMLInputElement | HTMLSelectElement; message: string } | undefined {
  for (const field of Array.from(form.elements)) {
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) continue;
    const fieldGroup = field.dataset['group'];
    if (fieldGroup !== 'default' && fieldGroup !== group) continue;
    if (!field.checkValidity()) return { field, message: field.validationMessage };
    if (field.dataset['required'] === 'true' && field.value === '') {
      return { field, message: strings.flow.fillOut };
    }
  }
  return undefined;
}

/**
 * Sections that are alternatives: in a sign-in, each method's section (password, authenticator app,
 * backup code...) is one way to do the same step, so when more than one asks for a field, none is marked
 * required. Elsewhere (settings, sign-up) a section's fields are simply what its button saves.
 */
function alternativeGroups(flow: FlowView): ReadonlySet<string> {
  if (flow.kind !== 'login') return new Set();
  const asking = new Set(
    flow.ui.nodes
      .filter((node) => node.group !== 'default' && isInputNode(node) && node.attributes.required === true)
      .map((node) => node.group),
  );
  return asking.size > 1 ? asking : new Set();
}
