/**
 * The window: follows the `SessionView` main pushes and shows the screen for it. The renderer holds no
 * session logic of its own; it renders state and asks main to act. Which screen, and which flow on it, is
 * decided in one place: the reducer of screen.ts, fed main's pushes, the flows' answers and the person's
 * moves in the order they arrive.
 */
import { useEffect, useReducer, useState, type Dispatch } from 'react';
import type { SessionSummary, SessionView, UpdateView } from '../../shared/ipc-contract';
import type { MessageId } from '../../shared/kratos-messages';
import { FlowScreen } from './flow/FlowScreen';
import { call, kratos } from './ipc';
import {
  initialWindow,
  noticeShown,
  placeOn,
  reduceWindow,
  type AuthKind,
  type Place,
  type SignedInTab,
  type WindowEvent,
} from './screen';
import { identityName } from './session/identity-name';
import { OtherSessions } from './session/OtherSessions';
import { SavedSignIn } from './session/SavedSignIn';
import { SessionPanel } from './session/SessionPanel';
import { AboutDialog } from './shell/AboutDialog';
import { ConnectScreen } from './shell/ConnectScreen';
import { EndpointDialog } from './shell/EndpointDialog';
import { LanguageSelect } from './shell/LanguageSelect';
import { KeychainBanner, NoticeBanner, UnreachableBanner } from './shell/Banners';
import { UpdateOffer } from './shell/UpdateOffer';
import { Heading } from './ui/Heading';
import { BrokenPart, ErrorBoundary } from './ui/ErrorBoundary';
import { ActionMessage, Message } from './ui/Message';
import { Progress } from './ui/Progress';
import { useAction } from './ui/useAction';
import { useWindowTitle } from './ui/useWindowTitle';
import { strings } from '../../shared/strings';

/** What a screen tells the window: where the person moved, what a flow sent and what it answered. */
type Report = Dispatch<WindowEvent>;

/**
 * Updates as main pushes them: the offer of a verified one (until "Later"), and the About view (its top-bar
 * button and dialog), which shows the latest state while it is open.
 */
function useUpdates() {
  const [update, setUpdate] = useState<UpdateView>();
  const [later, setLater] = useState<string>();
  const [showAbout, setShowAbout] = useState(false);
  useEffect(() => kratos().onUpdate(setUpdate), []);
  const offer = update?.state === 'ready' && later !== update.version && (
    <UpdateOffer update={update} onLater={() => setLater(update.version)} />
  );
  const about = {
    button: (
      <button
        type="button"
        className="link"
        aria-haspopup="dialog"
        onClick={() => setShowAbout(true)}
        data-testid="about/open"
      >
        {strings.about.open}
      </button>
    ),
    dialog: showAbout && <AboutDialog update={update} onClose={() => setShowAbout(false)} />,
  };
  return { about, offer };
}

export function App() {
  const [model, report] = useReducer(reduceWindow, initialWindow);
  const { state, place } = model;
  // Main's notice ("You are signed out.") on the screen it came with, until the person moves on.
  const notice = noticeShown(model);
  const [loadError, setLoadError] = useState<string>();
  const [showEndpoint, setShowEndpoint] = useState(false);
  /** Main's "Now using …" after a switch, until the dialog is opened again. */
  const [switched, setSwitched] = useState<string>();
  const { about, offer } = useUpdates();

  useEffect(() => {
    let mounted = true;
    const unsubscribe = kratos().onState((next) => report({ type: 'state', state: next }));
    void call(kratos().getState()).then((outcome) => {
      if (!mounted) return;
      // A push may have arrived while this request was on its way; it is newer, and the reducer keeps it.
      if (outcome.ok) report({ type: 'state', state: outcome.value, first: true });
      else setLoadError(outcome.message);
    });
    return () => {
      mounted = false;
      unsubscribe();
    };
  }, []);

  if (!state) {
    return (
      <main className="app starting">
        {loadError === undefined ? (
          <Progress label={strings.app.starting} />
        ) : (
          <Message level="error" boxed testId="app/error">
            {loadError}
          </Message>
        )}
      </main>
    );
  }

  const closeEndpoint = (message?: string) => {
    setShowEndpoint(false);
    setSwitched(message);
  };

  if (state.status === 'no-server') {
    return (
      <div className="app">
        <header className="topbar">
          <h1>{strings.app.name}</h1>
          <LanguageSelect />
          {about.button}
        </header>
        {about.dialog}
        {offer}
        <KeychainBanner keychain={state.keychain} />
        <NoticeBanner notice={state.notice} />
        <ConnectScreen onSwitched={setSwitched} />
      </div>
    );
  }

  return (
    <div className="app">
      <header className="topbar">
        <h1>{strings.app.name}</h1>
        <SignedInAs state={state} />
        <button
          type="button"
          className="link"
          aria-haspopup="dialog"
          onClick={() => {
            setSwitched(undefined);
            setShowEndpoint(true);
          }}
          data-testid="endpoint/toggle"
        >
          {strings.app.server(state.endpoint.url)}
        </button>
        <LanguageSelect />
        {about.button}
      </header>
      {showEndpoint && <EndpointDialog endpoint={state.endpoint} onClose={closeEndpoint} />}
      {about.dialog}
      {offer}
      {switched !== undefined && (
        <div className="switched">
          <Message level="success" boxed testId="endpoint/switched">
            {switched}
          </Message>
        </div>
      )}
      <KeychainBanner keychain={state.keychain} />
      <NoticeBanner notice={notice} />
      {state.status === 'unreachable' && <UnreachableBanner state={state} />}
      {/* A new server restarts everything that was open: no form, flow or message of the old one stays. */}
      <Workspace key={state.endpoint.url} state={state} place={place} report={report} />
    </div>
  );
}

/** Every state but "no server": a server is chosen. */
type ConnectedView = Exclude<SessionView, { status: 'no-server' }>;

/** Who the window shows as signed in: the current session, or the last one confirmed while the server is away. */
function shownSession(state: SessionView): SessionSummary | undefined {
  if (state.status === 'signed-in') return state.session;
  return state.status === 'unreachable' || state.status === 'checking' ? state.lastSession : undefined;
}

function SignedInAs({ state }: { state: SessionView }) {
  const session = shownSession(state);
  const name = session && identityName(session);
  if (name === undefined) return null;
  return (
    <p className="signed-in-as" data-testid="topbar/identity">
      {strings.app.signedInAs} <strong dir="auto">{name}</strong>
    </p>
  );
}

interface ScreenProps {
  state: ConnectedView;
  place: Place;
  report: Report;
}

function Workspace(props: ScreenProps) {
  return (
    <main className="content">
      {/* A crash in a screen leaves the top bar, the banners and the Server button usable. */}
      <ErrorBoundary
        resetKey={props.state.status}
        fallback={(retry) => (
          <BrokenPart text={strings.app.brokenScreen} action={strings.app.tryAgain} onAction={retry} />
        )}
      >
        <Screen {...props} />
      </ErrorBoundary>
    </main>
  );
}

function Screen({ state, place, report }: ScreenProps) {
  // The state changed screen while a submit was on its way: its answer may name this screen's flow.
  if (place.screen === 'waiting') return <Progress label={strings.flow.contacting} />;
  const signedIn = placeOn(place, 'signed-in');
  switch (state.status) {
    case 'checking':
      return state.lastSession ? (
        <SignedIn session={state.lastSession} confirmed={false} checking place={signedIn} report={report} />
      ) : (
        <Progress label={strings.app.checkingSession} />
      );
    case 'signed-out':
      return <SignedOut place={placeOn(place, 'sign-in')} report={report} />;
    case 'second-factor-required':
      return <SecondFactor methods={state.methods} place={placeOn(place, 'second-factor')} report={report} />;
    case 'signed-in':
      return <SignedIn session={state.session} confirmed place={signedIn} report={report} />;
    case 'unreachable':
      // The banner says what happened; without a session confirmed in this run, what the device keeps.
      return state.lastSession ? (
        <SignedIn session={state.lastSession} confirmed={false} place={signedIn} report={report} />
      ) : (
        <SavedSignIn endpoint={state.endpoint} />
      );
  }
}

const authScreens: Readonly<Record<AuthKind, string>> = strings.app.screens;

/**
 * Signed out: the flow chosen by its link, or the one a finished flow named (the verification Kratos names
 * after a sign-up that signed nobody in, or before a sign-in: the require_verified_address hook; then that
 * sign-in form again).
 */
function SignedOut({ place, report }: { place: Extract<Place, { screen: 'sign-in' }>; report: Report }) {
  const { kind, named } = place;
  useWindowTitle(authScreens[kind]);
  const choose = (target: AuthKind) => report({ type: 'moved', place: { screen: 'sign-in', kind: target } });
  const link = (target: AuthKind, text: string) => (
    <button type="button" className="link" onClick={() => choose(target)} data-testid={`nav/${target}`}>
      {text}
    </button>
  );
  return (
    <section className="card narrow" aria-labelledby="auth-title">
      <Heading id="auth-title">{authScreens[kind]}</Heading>
      <FlowScreen
        key={named?.flow.id ?? kind}
        request={{ kind }}
        initial={named}
        report={report}
        // A verified address is what the person came for: the next step is signing in.
        onward={
          kind === 'verification'
            ? { label: strings.app.continueToSignIn, go: () => choose('login') }
            : undefined
        }
      />
      <nav className="auth-links" aria-label={strings.app.otherActions}>
        {kind === 'login' ? (
          <>
            {link('registration', strings.app.links.registration)}
            {link('recovery', strings.app.links.recovery)}
            {link('verification', strings.app.links.verification)}
          </>
        ) : (
          link('login', strings.app.links.login)
        )}
      </nav>
    </section>
  );
}

/** Kratos's "Please complete the second authentication challenge." (1010004): the intro says it, naming the methods. */
const secondFactorSaid: readonly MessageId[] = [1010004];

/** The second-factor step: the aal2 flow a password or a recovery code led to, else the one main prepared. */
function SecondFactor({
  methods,
  place,
  report,
}: {
  methods: string[];
  place: Extract<Place, { screen: 'second-factor' }>;
  report: Report;
}) {
  const { named } = place;
  useWindowTitle(strings.app.secondFactor.title);
  return (
    <section className="card narrow" aria-labelledby="second-factor-title" data-testid="second-factor">
      <Heading id="second-factor-title">{strings.app.secondFactor.heading}</Heading>
      <p className="hint">
        {strings.app.secondFactor.intro(
          methods.map((method) =>
            Object.hasOwn(strings.app.secondFactor.methods, method)
              ? strings.app.secondFactor.methods[method]!
              : method,
          ),
        )}
      </p>
      <FlowScreen
        key={named?.flow.id}
        request={{ kind: 'login', aal: 'aal2' }}
        initial={named}
        report={report}
        said={secondFactorSaid}
      />
      <SignOutLink />
    </section>
  );
}

function SignOutLink() {
  const signOut = useAction();
  return (
    <div className="auth-links">
      <button
        type="button"
        className="link"
        onClick={() => void signOut.run(() => kratos().logout())}
        disabled={signOut.pending}
        data-testid="nav/logout"
      >
        {strings.app.secondFactor.cancel}
      </button>
      {signOut.pending && <Progress label={strings.app.signingOut} />}
      <ActionMessage result={signOut.result} />
    </div>
  );
}

const tabTitles: Readonly<Record<SignedInTab, string>> = strings.app.tabTitles;

/**
 * The signed-in screen. While the server cannot confirm the session (`confirmed: false`: away, or being
 * asked again) the same screen stays, with the last session the server confirmed marked as not current:
 * one component for all three states, so a failed background check empties no tab and no typed field.
 */
function SignedIn({
  session,
  confirmed,
  checking = false,
  place,
  report,
}: {
  session: SessionSummary;
  confirmed: boolean;
  checking?: boolean;
  place: Extract<Place, { screen: 'signed-in' }>;
  report: Report;
}) {
  // Settings after a recovery (or a verification a settings change or a sign-up asked for) are in the settings
  // tab; "Forgot password?" while confirming it is you is a recovery there, until the settings it leads to
  // (Kratos's `show_settings_ui`) arrive.
  const { tab, named, recovering = false } = place;
  useWindowTitle(confirmed ? tabTitles[tab] : strings.app.notConfirmed(tabTitles[tab]));
  const go = (to: Extract<Place, { screen: 'signed-in' }>) => report({ type: 'moved', place: to });
  const choose = (target: SignedInTab) => go({ screen: 'signed-in', tab: target });
  const tabButton = (target: SignedInTab, text: string) => (
    <button
      type="button"
      className={tab === target ? 'tab active' : 'tab'}
      aria-current={tab === target ? 'page' : undefined}
      onClick={() => choose(target)}
      data-testid={`nav/${target}`}
    >
      {text}
    </button>
  );
  return (
    <>
      <nav className="tabs" aria-label={strings.app.sections}>
        {tabButton('session', strings.app.tabs.session)}
        {tabButton('sessions', strings.app.tabs.sessions)}
        {tabButton('settings', strings.app.tabs.settings)}
      </nav>
      {checking && <Progress label={strings.app.checkingSession} />}
      {tab === 'session' && <SessionPanel session={session} stale={!confirmed} />}
      {tab === 'sessions' && <OtherSessions />}
      {tab === 'settings' && recovering && (
        <section className="card" aria-labelledby="recovery-title">
          <Heading id="recovery-title">{authScreens.recovery}</Heading>
          <FlowScreen key="recovery" request={{ kind: 'recovery' }} report={report} />
          <div className="auth-links">
            <button
              type="button"
              className="link"
              onClick={() => choose('settings')}
              data-testid="nav/back-to-settings"
            >
              {strings.flow.restart.settings}
            </button>
          </div>
        </section>
      )}
      {tab === 'settings' && !recovering && (
        <section className="card" aria-labelledby="settings-title">
          <Heading id="settings-title">{tabTitles.settings}</Heading>
          <FlowScreen
            key={named?.flow.id}
            request={{ kind: 'settings' }}
            initial={named}
            report={report}
            // After a recovery the person is here to choose a new password.
            focusGroup={named?.flow.kind === 'settings' ? 'password' : undefined}
            // A verification a settings change asked for: once done, back to the account.
            onward={
              named?.flow.kind === 'verification'
                ? { label: strings.app.backToSession, go: () => choose('session') }
                : undefined
            }
            account={identityName(session)}
            onForgotPassword={() => go({ screen: 'signed-in', tab: 'settings', recovering: true })}
          />
        </section>
      )}
    </>
  );
}
