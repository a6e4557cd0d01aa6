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
import { useState, type FormEvent } from 'react';
import type { EndpointView } from '../../../shared/ipc-contract';
import { call, kratos } from '../ipc';
import { Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useModal } from '../ui/useModal';

const sourceTexts: Readonly<Record<EndpointView['source'], string>> = {
  emulator: 'This is the local emulator built into the app, not a real Kratos server.',
  environment: 'Set by an environment variable when the app was started.',
  settings: 'Set in this app.',
};

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
    setChange({ kind: 'checking', target: value ?? 'the default server' });
    const outcome = await call(kratos().setEndpoint(value));
    const answer = outcome.ok ? outcome.value : { kind: 'error' as const, message: outcome.message };
    if (answer.kind === 'ok') {
      onClose(answer.message ?? 'Server changed.');
      return;
    }
    setChange({ kind: 'refused', message: answer.message, aboutInput: value !== null });
    if (value !== null) inputRef.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = url.trim();
    // An empty field never reaches main: its refusal would be about the IPC payload, not about the person.
    if (value === '') {
      setChange({
        kind: 'refused',
        message: 'Enter the URL of your Kratos public API, e.g. https://auth.example.com.',
        aboutInput: true,
      });
      inputRef.current?.focus();
      return;
    }
    void save(value);
  };

  const checking = change.kind === 'checking';
  const inputProblem = change.kind === 'refused' && change.aboutInput;
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
      <h2 id="endpoint-title">Server</h2>
      <p>
        Current server: <code data-testid="endpoint/url">{endpoint.url}</code>
      </p>
      <p className={endpoint.source === 'emulator' ? 'emulator-note' : 'hint'} data-testid="endpoint/source">
        {sourceTexts[endpoint.source]}
      </p>
      {/* noValidate: the messages shown are the app's own words, not the browser's. */}
      <form onSubmit={submit} className="stack-form" noValidate>
        <label htmlFor="endpoint-input">Kratos public URL</label>
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
          The app checks that the server answers as Kratos, then asks you to confirm before it switches.
        </p>
        {change.kind === 'refused' && (
          <Message level="error" id="endpoint-problem" testId="endpoint/result">
            {change.message}
          </Message>
        )}
        {checking && <Progress label={`Checking that ${change.target} answers as a Kratos server…`} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={checking} data-testid="endpoint/save">
            Use this server
          </button>
          <button
            type="button"
            className="secondary"
            disabled={checking || endpoint.source !== 'settings'}
            onClick={() => void save(null)}
            data-testid="endpoint/reset"
          >
            Back to default
          </button>
          <button
            type="button"
            className="secondary"
            disabled={checking}
            onClick={() => onClose()}
            data-testid="endpoint/close"
          >
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
