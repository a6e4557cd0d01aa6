/**
 * Which Kratos server the app talks to. With none configured the app runs its embedded local emulator,
 * and says so plainly: a user must never believe they are signed in to a real server when they are not.
 */
import { useState, type FormEvent } from 'react';
import type { EndpointView } from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { ActionMessage } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';

const sourceTexts: Readonly<Record<EndpointView['source'], string>> = {
  emulator: 'This is the local emulator built into the app, not a real Kratos server.',
  environment: 'Set by an environment variable when the app was started.',
  settings: 'Set in this app.',
};

export function EndpointPanel({ endpoint }: { endpoint: EndpointView }) {
  const [url, setUrl] = useState('');
  const change = useAction();
  const save = (value: string | null) => change.run(() => kratos().setEndpoint(value), 'Server changed.');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(url.trim());
  };

  return (
    <section className="card" aria-labelledby="endpoint-title" data-testid="endpoint">
      <h2 id="endpoint-title">Server</h2>
      <p>
        Current server: <code data-testid="endpoint/url">{endpoint.url}</code>
      </p>
      <p className={endpoint.source === 'emulator' ? 'emulator-note' : 'hint'} data-testid="endpoint/source">
        {sourceTexts[endpoint.source]}
      </p>
      {/* noValidate: main validates the URL and its message is the one shown. */}
      <form onSubmit={submit} className="inline-form" noValidate>
        <label htmlFor="endpoint-input">Kratos public URL</label>
        <input
          id="endpoint-input"
          type="url"
          placeholder="https://auth.example.com"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          required
          data-testid="endpoint/input"
        />
        <button type="submit" className="primary" disabled={change.pending} data-testid="endpoint/save">
          Use this server
        </button>
        <button
          type="button"
          className="secondary"
          disabled={change.pending || endpoint.source !== 'settings'}
          onClick={() => void save(null)}
          data-testid="endpoint/reset"
        >
          Back to default
        </button>
      </form>
      {change.pending && <Progress label="Checking the server…" />}
      <ActionMessage result={change.result} testId="endpoint/result" />
    </section>
  );
}
