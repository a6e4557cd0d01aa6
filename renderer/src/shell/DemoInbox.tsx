/**
 * The embedded emulator's demo inbox: it sends no real email, so the codes it would have emailed (recovery,
 * verification) are shown here, plainly labelled. Only while the endpoint is the local emulator; main pushes
 * these for the embedded emulator only, and the preload passes on only well-formed mails.
 */
import { useEffect, useState } from 'react';
import type { DemoMail, EndpointView } from '../../../shared/ipc-contract';
import { kratos } from '../ipc';
import { strings } from '../../../shared/strings';

export function DemoInbox({ endpoint }: { endpoint: EndpointView }) {
  const [mails, setMails] = useState<DemoMail[]>([]);
  useEffect(() => kratos().onDemoMail((mail) => setMails((current) => [mail, ...current].slice(0, 20))), []);
  if (endpoint.source !== 'emulator' || mails.length === 0) return null;
  return (
    <section className="demo-inbox" aria-labelledby="demo-inbox-title" data-testid="demo-inbox">
      <h2 id="demo-inbox-title">{strings.shell.inbox.heading}</h2>
      <p>{strings.shell.inbox.intro}</p>
      <ul>
        {mails.map((mail) => (
          <li key={mail.id} data-testid="demo-inbox/mail">
            <div>{strings.shell.inbox.to(mail.to, mail.subject)}</div>
            <div>
              {strings.shell.inbox.code} <strong data-testid="demo-inbox/code">{mail.code}</strong>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
