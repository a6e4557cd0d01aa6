/**
 * The window: follows the `SessionView` main pushes and shows the screen for it. The renderer holds no
 * session logic of its own; it renders state and asks main to act.
 */
import { useEffect, useState } from 'react';
import type { FlowKind, SessionView } from '../../preload/contract';
import { FlowScreen } from './flow/FlowScreen';
import { call, kratos } from './ipc';
import { OtherSessions } from './session/OtherSessions';
import { SessionPanel } from './session/SessionPanel';
import { EndpointPanel } from './shell/EndpointPanel';
import { KeychainBanner, NoticeBanner, UnreachableBanner } from './shell/Banners';
import { Progress } from './ui/Progress';

export function App() {
  const [state, setState] = useState<SessionView>();
  const [loadError, setLoadError] = useState<string>();
  const [showEndpoint, setShowEndpoint] = useState(false);

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
          <p className="message message-error boxed" role="alert" data-testid="app/error">
            {loadError}
          </p>
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
        <Screen state={state} />
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

function SignedOut() {
  const [kind, setKind] = useState<keyof typeof authScreens>('login');
  const link = (target: keyof typeof authScreens, text: string) => (
    <button type="button" className="link" onClick={() => setKind(target)} data-testid={`nav/${target}`}>
      {text}
    </button>
  );
  return (
    <section className="card narrow" aria-labelledby="auth-title">
      <h2 id="auth-title">{authScreens[kind]}</h2>
      <FlowScreen key={kind} request={{ kind }} />
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
  totp: 'authenticator app',
  lookup_secret: 'backup recovery code',
  code: 'code sent by email',
  webauthn: 'security key',
  passkey: 'passkey',
};

function SecondFactor({ methods }: { methods: string[] }) {
  return (
    <section className="card narrow" aria-labelledby="second-factor-title" data-testid="second-factor">
      <h2 id="second-factor-title">Second factor required</h2>
      <p className="hint">
        Your password was accepted. Finish signing in with{' '}
        {methods.length > 0
          ? methods.map((method) => methodNames[method] ?? method).join(' or ')
          : 'a second factor'}
        .
      </p>
      <FlowScreen request={{ kind: 'login', aal: 'aal2' }} />
      <SignOutLink />
    </section>
  );
}

function SignOutLink() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const signOut = async () => {
    setPending(true);
    const outcome = await call(kratos().logout());
    setPending(false);
    if (!outcome.ok) setError(outcome.message);
    else if (outcome.value.kind === 'error') setError(outcome.value.message);
  };
  return (
    <div className="auth-links">
      <button
        type="button"
        className="link"
        onClick={() => void signOut()}
        disabled={pending}
        data-testid="nav/logout"
      >
        Cancel and sign out
      </button>
      {pending && <Progress label="Signing out…" />}
      {error !== undefined && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type SignedInTab = 'session' | 'sessions' | 'settings';

function SignedIn({ state }: { state: Extract<SessionView, { status: 'signed-in' }> }) {
  const [tab, setTab] = useState<SignedInTab>('session');
  const tabButton = (target: SignedInTab, text: string) => (
    <button
      type="button"
      className={tab === target ? 'tab active' : 'tab'}
      aria-current={tab === target ? 'page' : undefined}
      onClick={() => setTab(target)}
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
          <FlowScreen request={{ kind: 'settings' }} />
        </section>
      )}
    </>
  );
}
