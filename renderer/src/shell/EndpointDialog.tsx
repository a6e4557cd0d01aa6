/**
 * Which Kratos server the app talks to, as a modal dialog: the current one, where it comes from, and a field
 * to name another (endpoint-change.tsx). On success it closes and the App says "Now using …". When the
 * provider's package locks the server (`allowServerChange: false`), it says so in a sentence instead of
 * offering a change main would refuse (LockedServer).
 *
 * Both are a ModalDialog: focus kept inside, Escape closes (not while a server is being checked).
 */
import type { EndpointView } from '../../../shared/ipc-contract';
import { useRef } from 'react';
import { ModalDialog } from '../ui/ModalDialog';
import { strings } from '../../../shared/strings';
import { EndpointFields, useEndpointChange } from './endpoint-change';

const sourceTexts: Readonly<Record<EndpointView['source'], string>> = strings.shell.endpoint.sources;

export interface EndpointDialogProps {
  endpoint: EndpointView;
  /** The dialog was closed: `switched` holds main's "Now using …" when the server changed. */
  onClose: (switched?: string) => void;
}

export function EndpointDialog(props: EndpointDialogProps) {
  return props.endpoint.locked ? <LockedServer {...props} /> : <ChangeServer {...props} />;
}

function LockedServer({ endpoint, onClose }: EndpointDialogProps) {
  const initial = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      labelledBy="endpoint-title"
      describedBy="endpoint-locked"
      initialFocus={initial}
      onClose={onClose}
      testId="endpoint"
    >
      <h2 id="endpoint-title">{strings.shell.endpoint.heading}</h2>
      <p>
        {strings.shell.endpoint.current} <code data-testid="endpoint/url">{endpoint.url}</code>
      </p>
      <p id="endpoint-locked" data-testid="endpoint/locked">
        {strings.shell.endpoint.locked}
      </p>
      <div className="actions">
        <button
          ref={initial}
          type="button"
          className="primary"
          onClick={() => onClose()}
          data-testid="endpoint/close"
        >
          {strings.shell.endpoint.close}
        </button>
      </div>
    </ModalDialog>
  );
}

function ChangeServer({ endpoint, onClose }: EndpointDialogProps) {
  const initial = useRef<HTMLInputElement>(null);
  const change = useEndpointChange(initial, (message) => onClose(message));
  const { checking } = change;
  return (
    <ModalDialog
      labelledBy="endpoint-title"
      initialFocus={initial}
      canClose={!checking}
      onClose={onClose}
      testId="endpoint"
    >
      <h2 id="endpoint-title">{strings.shell.endpoint.heading}</h2>
      <p>
        {strings.shell.endpoint.current} <code data-testid="endpoint/url">{endpoint.url}</code>
      </p>
      <p className="hint" data-testid="endpoint/source">
        {sourceTexts[endpoint.source]}
      </p>
      {/* noValidate: the messages shown are the app's own words, not the browser's. */}
      <form onSubmit={change.submit} className="stack-form" noValidate>
        <EndpointFields state={change} />
        <div className="actions">
          <button type="submit" className="primary" disabled={checking} data-testid="endpoint/save">
            {strings.shell.endpoint.use}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={checking || endpoint.source !== 'settings'}
            onClick={() => void change.save(null)}
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
    </ModalDialog>
  );
}
