/**
 * The About view, as a modal dialog opened from the top bar: the app's version, Electron's and Chromium's,
 * the server in use and where updates stand, with "Restart to update" once a verified update is ready.
 * The update line follows main's pushes while the dialog is open.
 */
import { useEffect, useRef, useState } from 'react';
import type { AboutView, UpdateView } from '../../../shared/ipc-contract';
import { strings } from '../../../shared/strings';
import { call, kratos } from '../ipc';
import { Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { ModalDialog } from '../ui/ModalDialog';
import { RestartButton } from './UpdateOffer';
import { updateText } from './update-text';

export interface AboutDialogProps {
  /** The latest update state main pushed, newer than the one `about()` answered with. */
  update: UpdateView | undefined;
  onClose: () => void;
}

export function AboutDialog({ update, onClose }: AboutDialogProps) {
  const initial = useRef<HTMLButtonElement>(null);
  const [about, setAbout] = useState<AboutView>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let mounted = true;
    void call(kratos().about()).then((outcome) => {
      if (!mounted) return;
      if (outcome.ok) setAbout(outcome.value);
      else setProblem(outcome.message);
    });
    return () => {
      mounted = false;
    };
  }, []);
  const words = strings.about;
  const shownUpdate = update ?? about?.update;
  return (
    <ModalDialog labelledBy="about-title" initialFocus={initial} onClose={onClose} testId="about">
      <h2 id="about-title">{words.heading}</h2>
      {problem !== undefined && (
        <Message level="error" testId="about/error">
          {problem}
        </Message>
      )}
      {about === undefined && problem === undefined && <Progress label={words.loading} />}
      {about !== undefined && (
        <dl className="about" data-testid="about/facts">
          <dt>{words.version}</dt>
          <dd data-testid="about/version">{about.appVersion}</dd>
          <dt>{words.electron}</dt>
          <dd>{about.electronVersion}</dd>
          <dt>{words.chromium}</dt>
          <dd>{about.chromiumVersion}</dd>
          <dt>{words.server}</dt>
          <dd data-testid="about/server">
            {about.server === undefined ? words.noServer : <code>{about.server.url}</code>}
          </dd>
          <dt>{words.updates}</dt>
          <dd data-testid="about/update">{shownUpdate && updateText(shownUpdate)}</dd>
        </dl>
      )}
      <div className="actions">
        {shownUpdate?.state === 'ready' && <RestartButton />}
        <button
          ref={initial}
          type="button"
          className="secondary"
          onClick={() => onClose()}
          data-testid="about/close"
        >
          {words.close}
        </button>
      </div>
    </ModalDialog>
  );
}
