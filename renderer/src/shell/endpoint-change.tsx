/**
 * Naming a Kratos server, shared by the Server dialog (EndpointDialog.tsx) and the first screen of an app
 * with none configured (ConnectScreen.tsx): the URL field, main's checks and refusals, progress while main
 * asks the server. Main checks a new server (it must answer as a Kratos public API), then asks the person in
 * a native message box of its own before switching: the window asks nothing itself (one question, not two).
 */
import { useEffect, useState, type FormEvent, type RefObject } from 'react';
import { call, kratos } from '../ipc';
import { Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { strings } from '../../../shared/strings';

type Change =
  | { kind: 'idle' }
  | { kind: 'checking'; target: string }
  | { kind: 'refused'; message: string; aboutInput: boolean };

export interface EndpointChange {
  input: RefObject<HTMLInputElement | null>;
  url: string;
  setUrl: (url: string) => void;
  change: Change;
  checking: boolean;
  /** Asks main to use `value` (`null`: forget the saved server); `onSwitched` gets main's "Now using …". */
  save: (value: string | null) => Promise<void>;
  submit: (event: FormEvent) => void;
}

/** `input`: the URL field's ref (the dialog's first focus, useModal.ts); focused again after a refusal. */
export function useEndpointChange(
  input: RefObject<HTMLInputElement | null>,
  onSwitched: (message: string) => void,
): EndpointChange {
  const [url, setUrl] = useState('');
  const [change, setChange] = useState<Change>({ kind: 'idle' });

  const save = async (value: string | null) => {
    setChange({ kind: 'checking', target: value ?? strings.shell.endpoint.theDefault });
    const outcome = await call(kratos().setEndpoint(value));
    const answer = outcome.ok ? outcome.value : { kind: 'error' as const, message: outcome.message };
    if (answer.kind === 'ok') {
      onSwitched(answer.message ?? strings.shell.endpoint.changed);
      return;
    }
    setChange({ kind: 'refused', message: answer.message, aboutInput: value !== null });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = url.trim();
    // An empty field never reaches main: its refusal would be about the IPC payload, not about the person.
    if (value === '') {
      setChange({ kind: 'refused', message: strings.shell.endpoint.empty, aboutInput: true });
      return;
    }
    void save(value);
  };

  const inputProblem = change.kind === 'refused' && change.aboutInput;
  // Back to the field a refusal is about once it is enabled again: focusing it in the same tick as the
  // answer would hit a still disabled field, and the focus would drop to <body>.
  useEffect(() => {
    if (inputProblem) input.current?.focus();
  }, [change, inputProblem, input]);

  return { input, url, setUrl, change, checking: change.kind === 'checking', save, submit };
}

/** The URL field with its hint, main's refusal and the progress of its check. */
export function EndpointFields({ state }: { state: EndpointChange }) {
  const { input, url, setUrl, change, checking } = state;
  const inputProblem = change.kind === 'refused' && change.aboutInput;
  return (
    <>
      <label htmlFor="endpoint-input">{strings.shell.endpoint.label}</label>
      <input
        ref={input}
        id="endpoint-input"
        type="url"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        placeholder="https://auth.example.com"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        aria-invalid={inputProblem}
        aria-describedby={inputProblem ? 'endpoint-hint endpoint-problem' : 'endpoint-hint'}
        disabled={checking}
        data-testid="endpoint/input"
      />
      <p id="endpoint-hint" className="hint">
        {strings.shell.endpoint.hint}
      </p>
      {change.kind === 'refused' && (
        <Message level="error" id="endpoint-problem" testId="endpoint/result">
          {change.message}
        </Message>
      )}
      {change.kind === 'checking' && <Progress label={strings.shell.endpoint.checking(change.target)} />}
    </>
  );
}
