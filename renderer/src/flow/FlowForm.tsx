/**
 * The generic Kratos form: every flow (login, registration, settings, recovery, verification) is drawn by
 * this one component from `flow.ui`. Nodes are shown in sections per group; pressing a button submits that
 * button's group plus the shared `default` group (values.ts); Enter in a field presses the primary submit
 * of the field's group (nodes.ts `primarySubmit`).
 *
 * Validation is the browser's (required, pattern, maxlength, types) but checked only for the fields that
 * will be sent, so a social sign-in button is not blocked by an empty password field.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { FlowValues, FlowView } from '../../../shared/ipc-contract';
import { Progress } from '../ui/Progress';
import { FlowNode, UiMessage } from './FlowNode';
import { groupTitle, primarySubmit, sectionsOf } from './nodes';
import { collectValues } from './values';

export interface FlowFormProps {
  flow: FlowView;
  /** Set while a submit is on its way: the form is disabled and shows `busyLabel`. */
  busy: boolean;
  busyLabel: string;
  onSubmit: (values: FlowValues) => void;
}

export function FlowForm({ flow, busy, busyLabel, onSubmit }: FlowFormProps) {
  const domPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [edits, setEdits] = useState<ReadonlyMap<string, string | boolean>>(new Map());
  const [invalid, setInvalid] = useState<{ name: string; message: string }>();
  /** Node indexes of the buttons whose acknowledgement is ticked (nodes.ts `acknowledge`). */
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<number>>(new Set());
  const nodes = flow.ui.nodes;

  // A new flow object (a fresh flow, or Kratos's answer with messages) brings its own values; forget edits
  // and put the focus where the user should look: the first error, else the first field.
  useEffect(() => {
    setEdits(new Map());
    setInvalid(undefined);
    setAcknowledged(new Set());
    const form = formRef.current;
    if (!form) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[data-flow-messages] [role="alert"]') ??
      form.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), select:not([disabled])');
    target?.focus();
  }, [flow]);

  const edit = (name: string, value: string | boolean) => {
    setEdits((previous) => new Map(previous).set(name, value));
    if (invalid?.name === name) setInvalid(undefined);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const pressed = nodes[Number(submitter?.dataset['nodeIndex'])];
    if (!pressed) return;
    const problem = firstInvalidField(event.currentTarget, pressed.group);
    if (problem) {
      setInvalid({ name: problem.name, message: problem.validationMessage });
      problem.focus();
      return;
    }
    setInvalid(undefined);
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
  return (
    <form
      ref={formRef}
      className="flow"
      noValidate
      onSubmit={submit}
      onKeyDown={pressPrimaryOnEnter}
      aria-busy={busy}
      data-testid={`flow/${flow.kind}`}
    >
      {messages.length > 0 && (
        <div className="flow-messages" data-flow-messages>
          {messages.map((message, i) => (
            <UiMessage key={`${message.id}-${i}`} message={message} boxed />
          ))}
        </div>
      )}
      <fieldset className="flow-fields" disabled={busy}>
        {sectionsOf(nodes).map((section) => {
          const title = groupTitle(section.group);
          return (
            <section key={section.group} className={`flow-section group-${section.group}`} aria-label={title}>
              {title !== undefined && <h3>{title}</h3>}
              {section.nodes.map((node) => {
                const index = nodes.indexOf(node);
                const name = (node.attributes as { name?: unknown }).name;
                return (
                  <FlowNode
                    key={index}
                    node={node}
                    index={index}
                    domId={`${domPrefix}-${index}`}
                    edits={edits}
                    onEdit={edit}
                    invalid={invalid !== undefined && invalid.name === name ? invalid.message : undefined}
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
            </section>
          );
        })}
      </fieldset>
      {busy && <Progress label={busyLabel} />}
    </form>
  );
}

/** The first field that will be sent with `group` and fails the browser's checks. */
function firstInvalidField(
  form: HTMLFormElement,
  group: string,
): HTMLInputElement | HTMLSelectElement | undefined {
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement)) continue;
    const elementGroup = element.dataset['group'];
    if (elementGroup !== 'default' && elementGroup !== group) continue;
    if (!element.checkValidity()) return element;
  }
  return undefined;
}
