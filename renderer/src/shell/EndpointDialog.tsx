/**
 * Which Kratos server the app talks to, as a modal dialog. With none configured the app runs its embedded
 * local emulator, and says so plainly: a user must never believe they are signed in to a real server when
 * they are not.
 *
 * A native `<dialog>` opened with `showModal()`: the browser keeps focus inside it and closes it on Escape.
 * Main checks a new server (it must answer as a Kratos public API), then asks the person in a native message
 * box of its own before switching: this dialog is the renderer's, and a compromised page could skip it. So the
 * dialog asks nothing itself (one question, not two); on success it closes and the App says "Now using …".
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { EndpointView } from '../../../shared/ipc-contract';
import { call, kratos } from '../ipc';
import { Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useModal } from '../ui/useModal';
import { strings } from '../../../shared/strings';

const sourceTexts: Readonly<Record<EndpointView['source'], string>> = strings.shell.endpoint.sources;

type Change =
  | { kind: 'idle' }
  | { kind: 'checking'; target: string }
  | { kind: 'refused'; message: string; aboutInput: boolean };

export interface EndpointDialogProps {
  endpoint: EndpointView;
  /** The dialog was closed: `switched` holds main's "Now using …" when the server changed. */
  onClose: (switched?: string) => void;
}

export function EndpointDialog({ endpoint, onClose }: EndpointDialogProps) {
  const { dialog, initial: inputRef } = useModal<HTMLInputElement>();
  const [url, setUrl] = useState('');
  const [change, setChange] = useState<Change>({ kind: 'idle' });

  const save = async (value: string | null) => {
    setChange({ kind: 'checking', target: value ?? strings.shell.endpoint.theDefault });
    const outcome = await call(kratos().setEndpoint(value));
    const answer = outcome.ok ? outcome.value : { kind: 'error' as const, message: outcome.message };
    if (answer.kind === 'ok') {
      onClose(answer.message ?? strings.shell.endpoint.changed);
      return;
    }
    setChange({ kind: 'refused', message: answer.message, aboutInput: value !== null });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = url.trim();
    // An empty field never reaches main: its refusal would be about the IPC payload, not about the person.
    if (value === '') {
      setChange({
        kind: 'refused',
        message: strings.shell.endpoint.empty,
        aboutInput: true,
      });
      return;
    }
    void save(value);
  };

  const checking = change.kind === 'checking';
  const inputProblem = change.kind === 'refused' && change.aboutInput;
  // Back to the field a refusal is about once it is enabled again: focusing it in the same tick as the
  // answer would hit a still disabled field, and the focus would drop to <body>.
  useEffect(() => {
    if (inputProblem) inputRef.current?.focus();
  }, [change, inputProblem, inputRef]);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="endpoint-title"
      // Escape: the browser fires `cancel`; the App unmounts the dialog instead of the browser hiding it.
      onCancel={(event) => {
        event.preventDefault();
        if (!checking) onClose();
      }}
      data-testid="endpoint"
    >
      <h2 id="endpoint-title">{strings.shell.endpoint.heading}</h2>
      <p>
        {strings.shell.endpoint.current} <code data-testid="endpoint/url">{endpoint.url}</code>
      </p>
      <p className={endpoint.source === 'emulator' ? 'emulator-note' : 'hint'} data-testid="endpoint/source">
        {sourceTexts[endpoint.source]}
      </p>
      {/* noValidate: the messages shown are the app's own words, not the browser's. */}
      <form onSubmit={submit} className="stack-form" noValidate>
        <label htmlFor="endpoint-input">{strings.shell.endpoint.label}</label>
        <input
          ref={inputRef}
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
        {checking && <Progress label={strings.shell.endpoint.checking(change.target)} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={checking} data-testid="endpoint/save">
            {strings.shell.endpoint.use}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={checking || endpoint.source !== 'settings'}
            onClick={() => void save(null)}
            data-testid="endpoint/reset"
          >
            {strings.shell.endpoint.reset}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={checking}
            onClick={() => onClose()}
            data-testid="endpoint/close"
          >
            {strings.shell.endpoint.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
