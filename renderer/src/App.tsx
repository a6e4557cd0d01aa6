/**
 * The window: follows the `SessionView` main pushes and shows the screen for it. The renderer holds no
 * session logic of its own; it renders state and asks main to act.
 */
import { useEffect, useState } from 'react';
import type { FlowKind, SessionView } from '../../shared/ipc-contract';
import { FlowScreen } from './flow/FlowScreen';
import { HandoffContext, useHandedFlow, useHandoffState } from './flow/handoff';
import { call, kratos } from './ipc';
import { OtherSessions } from './session/OtherSessions';
import { SessionPanel } from './session/SessionPanel';
import { DemoInbox } from './shell/DemoInbox';
import { EndpointPanel } from './shell/EndpointPanel';
import { KeychainBanner, NoticeBanner, UnreachableBanner } from './shell/Banners';
import { ActionMessage, Message } from './ui/Message';
import { Progress } from './ui/Progress';
import { useAction } from './ui/useAction';

export function App() {
  const [state, setState] = useState<SessionView>();
  const [loadError, setLoadError] = useState<string>();
  const [showEndpoint, setShowEndpoint] = useState(false);
  const handoff = useHandoffState();

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
      <main className="app">
        {loadError === undefined ? (
          <Progress label="Starting…" />
        ) : (
          <Message level="error" boxed testId="app/error">
            {loadError}
          </Message>
        )}
      </main>
    );
  }

  return (
    <div className="app">
      <header className="topbar">
        <h1>Kratos Desktop</h1>
        <button
          type="button"
          className="link"
          aria-expanded={showEndpoint}
          onClick={() => setShowEndpoint((shown) => !shown)}
          data-testid="endpoint/toggle"
        >
          {state.endpoint.source === 'emulator' ? 'Server: local emulator' : `Server: ${state.endpoint.url}`}
        </button>
      </header>
      <KeychainBanner keychain={state.keychain} />
      <NoticeBanner notice={state.notice} />
      {state.status === 'unreachable' && <UnreachableBanner state={state} />}
      <main className="content">
        {showEndpoint && <EndpointPanel endpoint={state.endpoint} />}
        <DemoInbox endpoint={state.endpoint} />
        <HandoffContext.Provider value={handoff}>
          <Screen state={state} />
        </HandoffContext.Provider>
      </main>
    </div>
  );
}

function Screen({ state }: { state: SessionView }) {
  switch (state.status) {
    case 'checking':
      return <Progress label="Checking your session…" />;
    case 'signed-out':
      return <SignedOut />;
    case 'second-factor-required':
      return <SecondFactor methods={state.methods} />;
    case 'signed-in':
      return <SignedIn state={state} />;
    case 'unreachable':
      // The banner says what happened; there is nothing to show until the server answers again.
      return null;
  }
}

const authScreens: Readonly<Record<Exclude<FlowKind, 'settings'>, string>> = {
  login: 'Sign in',
  registration: 'Create account',
  recovery: 'Recover your account',
  verification: 'Verify your email',
};

type AuthKind = keyof typeof authScreens;

function SignedOut() {
  const [chosen, setChosen] = useState<AuthKind>('login');
  // E.g. the verification flow Kratos names after a sign-up that signed nobody in.
  const { handed, dismiss } = useHandedFlow(['registration', 'recovery', 'verification']);
  const kind = handed?.flow.kind ?? chosen;
  const link = (target: AuthKind, text: string) => (
    <button
      type="button"
      className="link"
      onClick={() => {
        setChosen(target);
        dismiss();
      }}
      data-testid={`nav/${target}`}
    >
      {text}
    </button>
  );
  return (
    <section className="card narrow" aria-labelledby="auth-title">
      <h2 id="auth-title">{authScreens[kind]}</h2>
      <FlowScreen key={handed?.serial ?? kind} request={{ kind }} initial={handed} />
      <nav className="auth-links" aria-label="Other actions">
        {kind === 'login' ? (
          <>
            {link('registration', 'Create account')}
            {link('recovery', 'Forgot password?')}
            {link('verification', 'Verify email')}
          </>
        ) : (
          link('login', 'Back to sign in')
        )}
      </nav>
    </section>
  );
}

const methodNames: Readonly<Record<string, string>> = {
  totp: 'your authenticator app',
  lookup_secret: 'a backup recovery code',
  code: 'a code sent by email',
  webauthn: 'a security key',
  passkey: 'a passkey',
};

function SecondFactor({ methods }: { methods: string[] }) {
  // The aal2 step a recovery started, which goes on to settings (so the new password can be set).
  const { handed } = useHandedFlow(['login']);
  return (
    <section className="card narrow" aria-labelledby="second-factor-title" data-testid="second-factor">
      <h2 id="second-factor-title">Second factor required</h2>
      <p className="hint">
        Your first sign-in step is done. Finish signing in with{' '}
        {methods.length > 0
          ? methods.map((method) => methodNames[method] ?? method).join(' or ')
          : 'a second factor'}
        .
      </p>
      <FlowScreen key={handed?.serial} request={{ kind: 'login', aal: 'aal2' }} initial={handed} />
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
        Cancel and sign out
      </button>
      {signOut.pending && <Progress label="Signing out…" />}
      <ActionMessage result={signOut.result} />
    </div>
  );
}

type SignedInTab = 'session' | 'sessions' | 'settings';

function SignedIn({ state }: { state: Extract<SessionView, { status: 'signed-in' }> }) {
  const [chosen, setChosen] = useState<SignedInTab>('session');
  // Settings after a recovery (or a verification a settings change asked for) open the settings tab.
  const { handed, dismiss } = useHandedFlow(['settings', 'verification']);
  const tab = handed ? 'settings' : chosen;
  const choose = (target: SignedInTab) => {
    setChosen(target);
    dismiss();
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
      <nav className="tabs" aria-label="Sections">
        {tabButton('session', 'Session')}
        {tabButton('sessions', 'Other sessions')}
        {tabButton('settings', 'Settings')}
      </nav>
      {tab === 'session' && <SessionPanel session={state.session} />}
      {tab === 'sessions' && <OtherSessions />}
      {tab === 'settings' && (
        <section className="card" aria-labelledby="settings-title">
          <h2 id="settings-title">Account settings</h2>
          <FlowScreen key={handed?.serial} request={{ kind: 'settings' }} initial={handed} />
        </section>
      )}
    </>
  );
}
