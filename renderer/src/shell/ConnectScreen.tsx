/**
 * The first screen of an app with no server configured (an installer built without an operator
 * configuration, or a person who forgot the saved one): it asks for the Kratos server, with the checks the
 * Server dialog has. Once main switches, its state push replaces this screen.
 */
import { useEffect, useRef } from 'react';
import { Heading } from '../ui/Heading';
import { useWindowTitle } from '../ui/useWindowTitle';
import { strings } from '../../../shared/strings';
import { EndpointFields, useEndpointChange } from './endpoint-change';

export function ConnectScreen({ onSwitched }: { onSwitched: (message: string) => void }) {
  const words = strings.shell.connect;
  const input = useRef<HTMLInputElement>(null);
  const change = useEndpointChange(input, onSwitched);
  useWindowTitle(words.title);
  // The field is what the person came here for.
  useEffect(() => input.current?.focus(), []);
  return (
    <main className="content">
      <section className="card narrow" aria-labelledby="connect-title" data-testid="connect">
        <Heading id="connect-title">{words.heading}</Heading>
        <p>{words.intro}</p>
        {/* noValidate: the messages shown are the app's own words, not the browser's. */}
        <form onSubmit={change.submit} className="stack-form" noValidate>
          <EndpointFields state={change} />
          <div className="actions">
            <button type="submit" className="primary" disabled={change.checking} data-testid="endpoint/save">
              {words.connect}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
