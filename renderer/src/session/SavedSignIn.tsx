/**
 * The server is away and no session was confirmed in this run (the app started while it was away): the
 * token in the keychain is all the app knows. So the screen says that much and no more — whose sign-in it is
 * and whether it is still valid only the server can say, and no earlier session is kept on disk to show
 * (identity traits are personal data; docs/app.md, "The server away at start"). The banner above says why
 * and when the app asks again; signing out here forgets the saved sign-in on this device.
 */
import type { EndpointView } from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { strings } from '../../../shared/strings';
import { Heading } from '../ui/Heading';
import { ActionMessage } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';
import { useWindowTitle } from '../ui/useWindowTitle';

export function SavedSignIn({ endpoint }: { endpoint: EndpointView }) {
  const signOut = useAction();
  const words = strings.savedSignIn;
  useWindowTitle(strings.app.notConfirmed(words.heading));
  return (
    <section className="card" aria-labelledby="saved-title" data-testid="saved-sign-in">
      <Heading id="saved-title">{words.heading}</Heading>
      <p>{words.kept(endpoint.url)}</p>
      <p className="hint">{words.onlyServer}</p>
      <div className="actions">
        <button
          type="button"
          onClick={() => void signOut.run(() => kratos().logout())}
          disabled={signOut.pending}
          data-testid="saved-sign-in/logout"
        >
          {words.signOut}
        </button>
        {signOut.pending && <Progress label={strings.app.signingOut} />}
      </div>
      <ActionMessage result={signOut.result} testId="saved-sign-in/result" />
    </section>
  );
}
