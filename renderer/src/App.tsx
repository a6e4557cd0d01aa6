/**
 * The window: follows the `SessionView` main pushes and shows the screen for it. The renderer holds no
 * session logic of its own; it renders state and asks main to act.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { FlowKind, SessionSummary, SessionView, UpdateView } from '../../shared/ipc-contract';
import type { MessageId } from '../../shared/kratos-messages';
import { FlowScreen } from './flow/FlowScreen';
import { HandoffContext, useHandedFlow, useHandoffState } from './flow/handoff';
import { call, kratos } from './ipc';
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

/** Lets a screen say the person moved on to another one: main's notice belonged to the one before. */
const LeaveContext = createContext<() => void>(() => undefined);

/** The screen a state shows: a check or an outage keeps the signed-in screen (the same notice stays). */
const screenOf = (state: SessionView | undefined) =>
  state === undefined || state.status === 'signed-out' || state.status === 'second-factor-required'
    ? state?.status
    : 'signed-in';

/**
 * Main's notice ("You are signed out.") where it was given: on the screen it came with, until the person
 * moves to another screen (a link, a tab, or a new state's screen). It stays in main's state; the window
 * just stops repeating it where it no longer fits.
 */
function useNoticeOnItsScreen(state: SessionView | undefined) {
  const notice = state?.notice;
  const key = notice && `${notice.level}:${notice.text}`;
  const [seen, setSeen] = useState<{ key: string; screen: string | undefined; left: boolean }>();
  if (key !== seen?.key)
    setSeen(key === undefined ? undefined : { key, screen: screenOf(state), left: false });
  const leave = useCallback(() => setSeen((current) => current && { ...current, left: true }), []);
  const shown = seen !== undefined && !seen.left && seen.screen === screenOf(state) ? notice : undefined;
  return { notice: shown, leave };
}

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
  const [state, setState] = useState<SessionView>();
  const { notice, leave } = useNoticeOnItsScreen(state);
  const [loadError, setLoadError] = useState<string>();
  const [showEndpoint, setShowEndpoint] = useState(false);
  /** Main's "Now using …" after a switch, until the dialog is opened again. */
  const [switched, setSwitched] = useState<string>();
  const { about, offer } = useUpdates();

  useEffect(() => {
    let mounted = true;
    const unsubscribe = kratos().onState((next) => setState(next));
    void call(kratos().getState()).then((outcome) => {
      if (!mounted) return;
      // A push may have arrived while this request was on its way; it is newer, keep it.
      if (outcome.ok) setState((current) => current ?? outcome.value);
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
      {/* A new server restarts everything that was open: no form, hand-off or message of the old one stays. */}
      <LeaveContext.Provider value={leave}>
        <Workspace key={state.endpoint.url} state={state} />
      </LeaveContext.Provider>
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

function Workspace({ state }: { state: ConnectedView }) {
  const handoff = useHandoffState();
  return (
    <main className="content">
      <HandoffContext.Provider value={handoff}>
        {/* A crash in a screen leaves the top bar, the banners and the Server button usable. */}
        <ErrorBoundary
          resetKey={state.status}
          fallback={(retry) => (
            <BrokenPart text={strings.app.brokenScreen} action={strings.app.tryAgain} onAction={retry} />
          )}
        >
          <Screen state={state} />
        </ErrorBoundary>
      </HandoffContext.Provider>
    </main>
  );
}

function Screen({ state }: { state: ConnectedView }) {
  switch (state.status) {
    case 'checking':
      return state.lastSession ? (
        <SignedIn session={state.lastSession} confirmed={false} checking />
      ) : (
        <Progress label={strings.app.checkingSession} />
      );
    case 'signed-out':
      return <SignedOut />;
    case 'second-factor-required':
      return <SecondFactor methods={state.methods} />;
    case 'signed-in':
      return <SignedIn session={state.session} confirmed />;
    case 'unreachable':
      // The banner says what happened; without a session confirmed in this run, what the device keeps.
      return state.lastSession ? (
        <SignedIn session={state.lastSession} confirmed={false} />
      ) : (
        <SavedSignIn endpoint={state.endpoint} />
      );
  }
}

const authScreens: Readonly<Record<Exclude<FlowKind, 'settings'>, string>> = strings.app.screens;

type AuthKind = keyof typeof authScreens;

function SignedOut() {
  const [chosen, setChosen] = useState<AuthKind>('login');
  // E.g. the verification flow Kratos names after a sign-up that signed nobody in, or before a sign-in (the
  // require_verified_address hook), and then that sign-in form again. A second-factor step is not this screen's.
  const { handed, dismiss } = useHandedFlow(
    ['registration', 'recovery', 'verification', 'login'],
    (flow) => flow.requestedAal !== 'aal2',
  );
  const kind = handed?.flow.kind ?? chosen;
  useWindowTitle(authScreens[kind]);
  const leave = useContext(LeaveContext);
  const choose = (target: AuthKind) => {
    setChosen(target);
    dismiss();
    leave();
  };
  const link = (target: AuthKind, text: string) => (
    <button type="button" className="link" onClick={() => choose(target)} data-testid={`nav/${target}`}>
      {text}
    </button>
  );
  return (
    <section className="card narrow" aria-labelledby="auth-title">
      <Heading id="auth-title">{authScreens[kind]}</Heading>
      <FlowScreen
        key={handed?.serial ?? kind}
        request={{ kind }}
        initial={handed}
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

function SecondFactor({ methods }: { methods: string[] }) {
  // The aal2 step a recovery started, which goes on to settings (so the new password can be set).
  const { handed } = useHandedFlow(['login']);
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
        key={handed?.serial}
        request={{ kind: 'login', aal: 'aal2' }}
        initial={handed}
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

type SignedInTab = 'session' | 'sessions' | 'settings';

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
}: {
  session: SessionSummary;
  confirmed: boolean;
  checking?: boolean;
}) {
  const [chosen, setChosen] = useState<SignedInTab>('session');
  // Settings after a recovery (or a verification a settings change asked for) open the settings tab.
  const { handed, dismiss } = useHandedFlow(['settings', 'verification']);
  const tab = handed ? 'settings' : chosen;
  // "Forgot password?" while confirming it is you: a recovery in the settings tab, until the settings it
  // hands back (Kratos's `show_settings_ui`) arrive.
  const [recovering, setRecovering] = useState(false);
  useEffect(() => {
    if (handed) setRecovering(false);
  }, [handed]);
  useWindowTitle(confirmed ? tabTitles[tab] : strings.app.notConfirmed(tabTitles[tab]));
  const leave = useContext(LeaveContext);
  const choose = (target: SignedInTab) => {
    setChosen(target);
    setRecovering(false);
    dismiss();
    leave();
  };
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
      {tab === 'settings' && recovering && !handed && (
        <section className="card" aria-labelledby="recovery-title">
          <Heading id="recovery-title">{authScreens.recovery}</Heading>
          <FlowScreen key="recovery" request={{ kind: 'recovery' }} />
          <div className="auth-links">
            <button
              type="button"
              className="link"
              onClick={() => setRecovering(false)}
              data-testid="nav/back-to-settings"
            >
              {strings.flow.restart.settings}
            </button>
          </div>
        </section>
      )}
      {tab === 'settings' && !(recovering && !handed) && (
        <section className="card" aria-labelledby="settings-title">
          <Heading id="settings-title">{tabTitles.settings}</Heading>
          <FlowScreen
            key={handed?.serial}
            request={{ kind: 'settings' }}
            initial={handed}
            // After a recovery the person is here to choose a new password.
            focusGroup={handed?.flow.kind === 'settings' ? 'password' : undefined}
            // A verification a settings change asked for: once done, back to the account.
            onward={
              handed?.flow.kind === 'verification'
                ? { label: strings.app.backToSession, go: () => choose('session') }
                : undefined
            }
            account={identityName(session)}
            onForgotPassword={() => setRecovering(true)}
          />
        </section>
      )}
    </>
  );
}
