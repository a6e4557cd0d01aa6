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
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { FlowValues, FlowView } from '../../../shared/ipc-contract';
import { inputName, isInputNode, type UiNode } from '../../../shared/kratos-wire';
import { useConfirm } from '../ui/ConfirmDialog';
import { Progress } from '../ui/Progress';
import { FlowNode, type FlowNodeProps } from './nodes/FlowNode';
import { UiMessage } from './nodes/UiMessage';
import {
  arrange,
  sectionStatus,
  signUpStepLine,
  stepBusyLabel,
  type SignUpStep,
} from '../../../shared/flow/arrangement';
import { confirmationFor, groupTitle, primarySubmit, type NodeSection } from '../../../shared/flow/nodes';
import { errorsOnField } from '../../../shared/flow/presentation';
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

export function FlowForm({ flow: received, busy, busyLabel, onSubmit, focusGroup }: FlowFormProps) {
  const domPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [edits, setEdits] = useState<ReadonlyMap<string, string | boolean>>(new Map());
  const [invalid, setInvalid] = useState<{ name: string; message: string }>();
  /** Node indexes of the buttons whose acknowledgement is ticked (nodes.ts `acknowledge`). */
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<number>>(new Set());

  /**
   * The section whose button was pressed last: Kratos's answer to it (a success, an error, new backup
   * codes) is shown and announced in that section, where the person's eyes are, not at the top of the form.
   */
  const [pressed, setPressed] = useState<UiNode>();
  const pressedGroup = pressed?.group;
  const confirm = useConfirm();
  // The section a flow answers is the one pressed when it arrived (kept while the next submit is on its
  // way). A refusal of the one field that section sent (a wrong code) is shown as that field's error.
  const [answer, setAnswer] = useState({ flow: received, group: pressedGroup });
  if (answer.flow !== received) setAnswer({ flow: received, group: pressedGroup });
  const answerGroup = answer.flow === received ? answer.group : pressedGroup;
  const flow = useMemo(() => errorsOnField(received, answerGroup), [received, answerGroup]);
  const nodes = flow.ui.nodes;
  const { providers, sections, signUpStep, intro } = useMemo(() => arrange(flow), [flow]);

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
    // A sign-in form main filled with the remembered email: the password is what is left to type.
    const firstEmptyField = (scope: ParentNode) =>
      [...scope.querySelectorAll<HTMLInputElement>('input:not([type="hidden"]):not([disabled])')].find(
        (input) => input.type !== 'checkbox' && input.value === '',
      ) ?? null;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      answered?.querySelector<HTMLElement>('[data-focus-target]') ??
      (codeSent && answered ? firstField(answered) : null) ??
      answered?.querySelector<HTMLElement>('[data-flow-messages] [role]') ??
      form.querySelector<HTMLElement>('[data-flow-messages] [role="alert"]') ??
      (flow.kind === 'login' ? firstEmptyField(section(focusGroup) ?? form) : null) ??
      firstField(section(focusGroup) ?? form) ??
      firstField(form);
    target?.focus();
    // Only a new flow moves the focus; pressedGroup and focusGroup are read as they were at that moment.
  }, [received]);

  const edit = (name: string, value: string | boolean) => {
    setEdits((previous) => new Map(previous).set(name, value));
    if (invalid?.name === name) setInvalid(undefined);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const button = nodes[Number(submitter?.dataset['nodeIndex'])];
    if (!button) return;
    // Only the group's own submit (`method`) needs its fields filled: "Resend code", "Back" (`screen`) and
    // the like act without them, even though Kratos puts them in the same group as a required code field.
    const problem = isMethodSubmit(button) ? firstInvalidField(event.currentTarget, button.group) : undefined;
    if (problem) {
      setInvalid({ name: problem.field.name, message: problem.message });
      problem.field.focus();
      return;
    }
    setInvalid(undefined);
    const confirmation = confirmationFor(button, nodes);
    if (confirmation && !(await confirm.ask(confirmation))) return;
    setPressed(button);
    onSubmit(collectValues(nodes, edits, button));
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
  const nodeProps = (node: UiNode) => {
    const index = nodes.indexOf(node);
    const name = inputName(node);
    return {
      node,
      index,
      flowKind: flow.kind,
      domId: `${domPrefix}-${index}`,
      edits,
      onEdit: edit,
      invalid: invalid !== undefined && invalid.name === name ? invalid.message : undefined,
      alternative: alternatives.has(node.group),
      acknowledged: acknowledged.has(index),
      onAcknowledge: (checked: boolean) =>
        setAcknowledged((previous) => {
          const next = new Set(previous);
          if (checked) next.add(index);
          else next.delete(index);
          return next;
        }),
    };
  };
  const drawSection = (section: NodeSection) => {
    const title = groupTitle(section.group);
    const status = flow.kind === 'settings' ? sectionStatus(section) : undefined;
    return (
      <section
        key={section.group}
        className={`flow-section group-${section.group}`}
        aria-label={title}
        data-section={section.group}
      >
        {title !== undefined && <h3>{title}</h3>}
        {status !== undefined && (
          <p className="section-status" data-testid={`section/${section.group}/status`}>
            {status}
          </p>
        )}
        {section.nodes.map((node) => (
          <FlowNode key={nodes.indexOf(node)} {...nodeProps(node)} />
        ))}
        {messagesIn === section.group && flowMessages}
      </section>
    );
  };
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
        {providers.map(drawSection)}
        {providers.length > 0 && sections.length > 0 && (
          <p className="flow-or" data-testid="flow/or">
            {strings.flow.or}
          </p>
        )}
        {signUpStep && <StepLine step={signUpStep} domId={`${domPrefix}-step`} nodeProps={nodeProps} />}
        {intro !== undefined && (
          <p className="hint" data-testid="flow/intro">
            {intro}
          </p>
        )}
        {sections.map(drawSection)}
      </fieldset>
      {busy && <Progress label={(pressed && stepBusyLabel(pressed)) ?? busyLabel} />}
      {confirm.dialog}
    </form>
  );
}

/** "Step 2 of 2 · ada@example.com · Change": Change is Kratos's "Back" button, described by the line. */
function StepLine({
  step,
  domId,
  nodeProps,
}: {
  step: SignUpStep;
  domId: string;
  nodeProps: (node: UiNode) => FlowNodeProps;
}) {
  const change = step.step === 2 ? step.change : undefined;
  return (
    <div className="step-line" data-testid="flow/step">
      <p id={domId}>{signUpStepLine(step)}</p>
      {change && (
        <>
          <span aria-hidden="true">·</span>
          <FlowNode {...nodeProps(change)} describedBy={domId} />
        </>
      )}
    </div>
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
