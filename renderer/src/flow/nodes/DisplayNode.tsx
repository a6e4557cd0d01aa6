/** The nodes that show something but send nothing: text, secrets, images, links, unsupported parts. */
import type { UiNode, UiText } from '../../../../shared/kratos-wire';
import type { NodeView } from '../../../../shared/flow/nodes';
import { messageText } from '../../../../shared/flow/messages';
import { strings } from '../../../../shared/strings';
import { kratos } from '../../ipc';
import { CodesActions } from '../../ui/CodesActions';
import { CopyButton } from '../../ui/CopyButton';
import { ActionMessage } from '../../ui/Message';
import { useAction } from '../../ui/useAction';
import { NodeMessages } from './UiMessage';

/** Nodes that show something but send nothing: text, secrets, images, links, unsupported parts. */
export function DisplayNode({ node, view }: { node: UiNode; view: NodeView }) {
  const label = node.meta.label ? messageText(node.meta.label) : undefined;
  let body;
  switch (view.kind) {
    case 'secret':
      body = (
        <div data-testid={`field/${view.id}/text`}>
          <code className="secret">{view.secret}</code>
          <CopyButton text={view.secret} label={strings.flow.copySecret} testId={`field/${view.id}/copy`} />
        </div>
      );
      break;
    case 'secret-list': {
      const unused = view.secrets.flatMap((entry) => (entry.kind === 'unused' ? [entry.code] : []));
      // Freshly generated codes take the focus (FlowForm): the person must see and keep them.
      body = (
        <div
          data-testid={`field/${view.id}/text`}
          role="group"
          tabIndex={-1}
          data-focus-target
          aria-label={strings.flow.yourCodes}
        >
          <ul className="codes">
            {view.secrets.map((entry, i) =>
              entry.kind === 'unused' ? (
                <li key={i}>
                  <code>{entry.code}</code>
                </li>
              ) : (
                <li key={i} className="used">
                  {messageText(entry.text)}
                </li>
              ),
            )}
          </ul>
          {unused.length > 0 && <CodesActions codes={unused} testId={`field/${view.id}`} />}
        </div>
      );
      break;
    }
    case 'text': {
      const shown = view.text ? messageText(view.text) : '';
      body = shown ? (
        <p data-testid={`field/${view.id}/text`}>{shown}</p>
      ) : (
        <p className="placeholder" data-testid={`field/${view.id}/text`}>
          {strings.flow.emptyText}
        </p>
      );
      break;
    }
    case 'image':
      body = (
        <img
          src={view.src}
          alt={label ?? strings.flow.imageFromServer}
          width={view.width}
          height={view.height}
          data-testid={`field/${view.id}/img`}
        />
      );
      break;
    case 'blocked-image':
      body = (
        <p className="placeholder" data-testid={`field/${view.id}/img`}>
          {view.reason}
        </p>
      );
      break;
    case 'link':
      body = <ExternalLink id={view.id} href={view.href} title={view.title} />;
      break;
    case 'blocked-link':
      body = (
        <p className="placeholder" data-testid={`field/${view.id}/a`}>
          {view.reason} ({view.href})
        </p>
      );
      break;
    case 'division':
      // The empty place a browser UI would mount a widget in; never the server's class or data attributes.
      body = (
        <div className="division" data-testid={`field/${view.id}/div`}>
          {view.note !== undefined && <p className="placeholder">{view.note}</p>}
        </div>
      );
      break;
    case 'unsupported':
      body = (
        <p className="placeholder" data-testid={`field/${view.id}/unsupported`}>
          {strings.flow.unsupported(view.reason)}
        </p>
      );
      break;
    default:
      return null;
  }
  return (
    <div className={`node node-${view.kind}`}>
      {label !== undefined && view.kind !== 'image' && <p className="node-label">{label}</p>}
      {body}
      <NodeMessages messages={node.messages} />
    </div>
  );
}

/** Links open in the system browser, through main (which checks the URL again). */
function ExternalLink({ id, href, title }: { id: string; href: string; title: UiText | undefined }) {
  const open = useAction();
  return (
    <>
      <button
        type="button"
        className="link"
        onClick={() => void open.run(() => kratos().openExternal(href))}
        data-testid={`field/${id}/a`}
      >
        {title ? messageText(title) : href}
      </button>
      <ActionMessage result={open.result} />
    </>
  );
}
