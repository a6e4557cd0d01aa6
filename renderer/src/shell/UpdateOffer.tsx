/**
 * A verified update, offered under the top bar: "Restart to update" installs it (main restarts the app),
 * "Later" hides the offer for this run; the About view keeps offering it. It never takes the focus: it
 * arrives while the person is doing something else, and is announced politely.
 */
import type { UpdateView } from '../../../shared/ipc-contract';
import { strings } from '../../../shared/strings';
import { kratos } from '../ipc';
import { ActionMessage, Message } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';

export function UpdateOffer({
  update,
  onLater,
}: {
  update: Extract<UpdateView, { state: 'ready' }>;
  onLater: () => void;
}) {
  return (
    <section className="update-offer" aria-label={strings.about.updates} data-testid="update/offer">
      <Message level="info">{strings.about.offer(update.version)}</Message>
      <div className="actions">
        <RestartButton />
        <button type="button" className="secondary" onClick={onLater} data-testid="update/later">
          {strings.about.later}
        </button>
      </div>
    </section>
  );
}

/** Asks main to install the verified update and restart; says why when main refuses. */
export function RestartButton() {
  const action = useAction();
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={action.pending}
        onClick={() => void action.run(() => kratos().restartToUpdate())}
        data-testid="update/restart"
      >
        {strings.about.restart}
      </button>
      {action.pending && <Progress label={strings.about.restarting} />}
      <ActionMessage result={action.result} testId="update/result" />
    </>
  );
}
