/**
 * The English catalogue: every sentence the window shows (strings/index.ts explains the shape). Grouped by
 * the part of the window that shows it.
 */
import { plural } from '../intl-words';
import { kratosMessages } from './en-kratos';

export const en = {
  /** The language of this catalogue, for the counts and durations written through Intl (shared/intl-words.ts). */
  locale: 'en',

  /** Sentences for Kratos ui messages, by message id. */
  kratos: kratosMessages,

  flow: {
    contacting: 'Contacting the server…',
    busy: {
      login: 'Signing in…',
      registration: 'Creating your account…',
      settings: 'Saving…',
      recovery: 'Sending…',
      verification: 'Verifying…',
    },
    /** After a flow finished, what its button starts: the same kind of flow once more. */
    restart: {
      login: 'Sign in again',
      registration: 'Create another account',
      settings: 'Back to settings',
      recovery: 'Recover another account',
      verification: 'Verify another address',
    },
    tryAgain: 'Try again',
    done: 'Done.',
    brokenForm:
      'The server sent a form this app cannot show. Start again, or choose another server with the Server button at the top.',
    startAgain: 'Start again',
    fillOut: 'Please fill out this field.',
    newPassword: 'New password',
    showPassword: 'Show password',
    /**
     * Beside a new password. Kratos sends its minimum length only in a refusal (4000003/4000032 carry
     * `min_length`): before that the rules name no number (the server's minimum is its operator's choice).
     */
    passwordRules: (minLength: number | undefined) =>
      `${minLength === undefined ? 'Long passwords are best: the server says if one is too short.' : `At least ${minLength} characters.`} Passwords found in known data breaches, or too close to your email, are refused.`,
    capsLock: 'Caps Lock is on.',
    /** A re-authentication before a settings change: GitHub's "Confirm access", Google's "Verify it's you". */
    reauthenticate: {
      heading: "Confirm it's you",
      /** What waits for the password, by the settings method that was refused (`method` of the submit). */
      change: (what: string) =>
        `To keep your account safe, type your password again before ${what} is saved. It is saved as soon as you confirm.`,
      changes: {
        password: 'your new password',
        profile: 'your profile change',
        totp: 'your authenticator app change',
        lookup_secret: 'your backup codes change',
        webauthn: 'your security key change',
        passkey: 'your passkey change',
        oidc: 'your social sign-in change',
      } as Readonly<Record<string, string>>,
      someChange: 'your change',
      /** "Add passkey" on an old session: nothing is made until the person is confirmed. */
      passkeyAfter:
        'To keep your account safe, confirm it is you before you add a passkey. Then your browser opens to make the new passkey.',
      cancel: 'Cancel',
      forgot: 'Forgot password?',
    },
    browserOnly: 'This method needs a web browser and is not available in the desktop app.',
    /** Beside the one passkey Kratos will not remove (it offers its button disabled). */
    lastPasskey:
      'This passkey is the only way to sign in to your account, so it cannot be removed. Add another passkey first.',
    copySecret: 'Copy secret',
    yourCodes: 'Your backup recovery codes',
    emptyText: 'The server sent an empty text here.',
    imageFromServer: 'Image from the server',
    unsupported: (reason: string) => `Unsupported: ${reason}`,
    scriptRefused:
      'This part of the form needs a script from the server. The desktop app never runs server scripts.',
    browserOnlyPart: 'This part of the form (for example a captcha) only works in a web browser.',
    unknownElement: (type: string) => `Unknown form element "${type}".`,
    imageBlocked: 'Image not shown: the desktop app only shows images embedded in the response (data: URIs).',
    linkBlocked: 'Link not opened: only http and https links are allowed.',
    acknowledgeCodes: 'I have saved these backup codes somewhere safe. Each code works once.',
    /** Between the provider buttons and the address and password of a sign-in or sign-up. */
    or: 'or',
    /** A two-step sign-up (shared/flow/arrangement.ts). */
    signUpStep: {
      first: 'Step 1 of 2',
      second: (identifier: string) => `Step 2 of 2 · ${identifier}`,
      yourAccount: 'your account',
      /** Step 1's button: it only opens step 2. */
      continue: 'Continue',
      /** Kratos's "Back", beside the address on step 2. */
      change: 'Change',
      checking: 'Checking your details…',
      goingBack: 'One moment…',
      /** Step 2's sentence, in place of Kratos's "Please choose a credential…" (1040009). */
      choosePassword: 'Last step: choose a password for your account.',
      chooseMethod: 'Last step: choose how you will sign in to your account.',
    },
    /** Each settings section's status line. */
    status: {
      totpOn: 'On: signing in asks for a code from your authenticator app.',
      totpOff: 'Off: scan the QR code with an authenticator app to turn it on.',
      codesOn: 'On: you have backup recovery codes.',
      codesOff: 'Off: you have no backup recovery codes.',
      codesNotSaved: 'Not on yet: save these codes to turn them on.',
      codesLeft: (left: number, total: number) =>
        `On: ${left} of ${plural('en', total, { one: '1 code', other: `${total} codes` })} left.`,
      passkeys: (count: number) =>
        count === 0
          ? 'No passkeys yet.'
          : plural('en', count, { one: '1 passkey.', other: `${count} passkeys.` }),
      securityKeys: (count: number) =>
        count === 0
          ? 'No security keys yet.'
          : plural('en', count, { one: '1 security key.', other: `${count} security keys.` }),
      linked: (providers: readonly string[]) =>
        `Linked: ${new Intl.ListFormat('en', { type: 'conjunction' }).format(providers)}.`,
      noneLinked: 'No linked accounts.',
      /** Providers with a Link button. Kratos draws no Unlink for the only way to sign in, so "linked" may be missing one. */
      notLinked: (providers: readonly string[]) =>
        `Not linked: ${new Intl.ListFormat('en', { type: 'conjunction' }).format(providers)}.`,
    },
    /**
     * What "Link <provider>" in settings says instead of opening a browser: Kratos finishes a link only in a
     * browser signed in to it, which a native app never has; signing in with the provider links it instead.
     */
    linkGuidance: (provider: string) =>
      `To link ${provider}, sign out, then choose “Sign in with ${provider}” and use the same email address there. The server then asks for this account's password once and links ${provider} to it.`,
    /** Section headings per Kratos group. */
    groups: {
      password: 'Password',
      oidc: 'Social sign-in',
      saml: 'Single sign-on',
      profile: 'Profile',
      link: 'Email link',
      code: 'Email code',
      totp: 'Authenticator app',
      lookup_secret: 'Backup recovery codes',
      webauthn: 'Security key',
      passkey: 'Passkey',
      identifier_first: 'Account',
      captcha: 'Captcha',
    } as Readonly<Record<string, string>>,
    /** Kratos labels every settings save "Save": each section's button says what it saves. */
    saves: {
      profile: 'Save profile',
      password: 'Change password',
      totp: 'Turn on authenticator app',
    } as Readonly<Record<string, string>>,
    confirm: {
      totpUnlink: {
        title: 'Unlink the authenticator app?',
        body: 'Codes from your authenticator app will no longer be accepted. To use one again you will scan a new QR code.',
        confirm: 'Unlink authenticator app',
      },
      lookupDisable: {
        title: 'Turn off backup codes?',
        body: 'All your backup recovery codes stop working now. You can create new ones later.',
        confirm: 'Turn off backup codes',
      },
      lookupRegenerate: {
        title: 'Replace your backup codes?',
        body: 'New backup recovery codes will be created. Once you save them, your old codes stop working.',
        confirm: 'Create new codes',
      },
      passkeyRemove: {
        title: 'Remove this passkey?',
        body: 'It will no longer sign you in to this account.',
        confirm: 'Remove passkey',
      },
      webauthnRemove: {
        title: 'Remove this security key?',
        body: 'It will no longer sign you in to this account.',
        confirm: 'Remove security key',
      },
      unlink: (provider: string) => ({
        title: `Unlink ${provider}?`,
        body: `You will no longer be able to sign in with ${provider}.`,
        confirm: `Unlink ${provider}`,
      }),
      thisProvider: 'this provider',
    },
  },

  app: {
    name: 'Kratos Desktop',
    /** The window title: the screen, then the app. */
    title: (screen: string) => `${screen} – Kratos Desktop`,
    starting: 'Starting…',
    server: (url: string) => `Server: ${url}`,
    signedInAs: 'Signed in as',
    /** The top bar's language selector; the languages are named in their own language (shared/language.ts). */
    language: { label: 'Language', system: 'System', switching: 'Switching the language…' },
    brokenScreen:
      'This screen could not be shown because of an unexpected problem. Try again, or choose another server with the Server button at the top.',
    tryAgain: 'Try again',
    checkingSession: 'Checking your session…',
    signingOut: 'Signing out…',
    /** A screen showing the last session the server confirmed, while it cannot confirm it now. */
    notConfirmed: (screen: string) => `${screen} (not confirmed)`,
    screens: {
      login: 'Sign in',
      registration: 'Create account',
      recovery: 'Recover your account',
      verification: 'Verify your email',
    },
    otherActions: 'Other actions',
    links: {
      registration: 'Create account',
      recovery: 'Forgot password?',
      verification: 'Verify email',
      login: 'Back to sign in',
    },
    continueToSignIn: 'Continue to sign in',
    backToSession: 'Back to your session',
    secondFactor: {
      title: 'Second factor',
      heading: 'Second factor required',
      /** "Finish signing in with your authenticator app or a backup recovery code." */
      intro: (methods: readonly string[]) =>
        `Your first sign-in step is done. Finish signing in with ${methods.length > 0 ? methods.join(' or ') : 'a second factor'}.`,
      methods: {
        totp: 'your authenticator app',
        lookup_secret: 'a backup recovery code',
        code: 'a code sent by email',
        webauthn: 'a security key',
        passkey: 'a passkey',
      } as Readonly<Record<string, string>>,
      cancel: 'Cancel and sign out',
    },
    sections: 'Sections',
    tabs: { session: 'Session', sessions: 'Other sessions', settings: 'Settings' },
    tabTitles: { session: 'Your session', sessions: 'Sessions', settings: 'Account settings' },
  },

  /** The server away since the app started: a saved sign-in, nothing confirmed in this run. */
  savedSignIn: {
    heading: 'Your saved sign-in',
    kept: (server: string) => `This device keeps a sign-in for ${server}.`,
    onlyServer:
      'Whose it is and whether it is still valid, only the server can say: your session appears here as soon as it answers.',
    signOut: 'Sign out on this device',
  },

  session: {
    heading: 'Your session',
    lastKnownHeading: 'Your last known session',
    stale: 'Not confirmed by the server right now: this is what it said last time.',
    expiresIn: 'Expires in',
    signedIn: 'Signed in',
    assurance: 'Assurance level',
    kratosName: 'Kratos:',
    identity: 'Identity',
    verifiedState: (verified: boolean): string => (verified ? '(verified)' : '(not verified yet)'),
    verify: {
      now: 'Verify now',
      nowFor: (address: string) => `Verify now: ${address}`,
      heading: (address: string) => `Verify ${address}`,
      sending: (address: string) => `Sending a code to ${address}…`,
      cannot: 'This server offers no way to verify an address by email code.',
      close: 'Close',
    },
    noIdentity: 'The server did not share the identity for this session.',
    howSignedIn: 'How you signed in',
    methodAt: 'at',
    noMethods: 'None reported.',
    devices: 'Devices',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    noDevices: 'No device information.',
    unknownApp: 'Unknown app',
    unknownAddress: 'unknown address',
    unknownDevice: 'Unknown device',
    appAgent: 'Kratos Desktop app',
    terminalAgent: 'Kratos Desktop terminal',
    browserOn: (browser: string, system: string) => `${browser} on ${system}`,
    onHost: (agent: string, host: string) => `${agent} (${host})`,
    agentFrom: (agent: string, where: string) => `${agent} from ${where}`,
    aal: { aal0: 'Not signed in', aal1: 'One factor', aal2: 'Two factors', aal3: 'Two strong factors' },
    aalExplained: {
      aal0: 'No sign-in step is done yet.',
      aal1: 'Signed in with one step (for example a password).',
      aal2: 'Signed in with a password or code and a second factor.',
      aal3: 'Signed in with two factors, one of them a hardware key.',
    },
    methods: {
      password: 'Password',
      totp: 'Authenticator app',
      lookup_secret: 'Backup recovery code',
      code: 'Code sent by email',
      code_recovery: 'Recovery code sent by email',
      link_recovery: 'Recovery link sent by email',
      webauthn: 'Security key',
      passkey: 'Passkey',
      oidc: 'Social sign-in',
      saml: 'Single sign-on',
      profile: 'Profile',
    } as Readonly<Record<string, string>>,
  },

  sessions: {
    heading: 'Sessions',
    refresh: 'Refresh',
    loading: 'Loading sessions…',
    others: 'Other sessions',
    none: 'No other active sessions.',
    thisDevice: 'This device',
    signedInExpires: (signedIn: string, expiresIn: string) =>
      `Signed in ${signedIn} · expires in ${expiresIn}`,
    // Kratos keeps no time of a session's last request: its last activity on record is its last sign-in
    // (`authenticated_at`, set again by every sign-in, re-authentication and second-factor step).
    lastActivity: (ago: string) => `Last active: signed in ${ago}`,
    activeNow: 'Last active: now, in this window',
    revoke: 'Sign out this session',
    revokeNamed: (session: string, signedIn: string) =>
      `Sign out this session: ${session}, signed in ${signedIn}`,
    revokeConfirm: (session: string, signedIn: string) => ({
      title: 'Sign out this session?',
      body: `${session}, signed in ${signedIn}, will be signed out and must sign in again. This device stays signed in.`,
      confirm: 'Sign out that session',
    }),
    revoked: 'Session revoked.',
    revokeOthers: 'Sign out all other sessions',
    revokeOthersConfirm: (count: number) => ({
      title: 'Sign out all other sessions?',
      body: `${plural('en', count, { one: 'One other session', other: `All ${count} other sessions` })} will be signed out and must sign in again. This device stays signed in.`,
      confirm: 'Sign out all other sessions',
    }),
    othersRevoked: 'All other sessions were revoked.',
    signingOut: 'Signing out…',
  },

  time: {
    unknown: 'unknown',
    expired: 'expired',
  },

  shell: {
    keychain: {
      notSaved: 'Your sign-in is not saved:',
      notSavedWhy: 'you will have to sign in again after a restart.',
      retry: 'Try the keychain again',
      details: 'Why, and how to fix it',
      checking: 'Checking the keychain…',
    },
    unreachable: {
      slowDown: (url: string) => `The server at ${url} asked the app to slow down (too many requests).`,
      kept: (next: string | undefined) =>
        `Your session is kept on this device: nothing was signed out. The app checks again ${next === undefined ? 'soon' : `in ${next}`}.`,
      retry: 'Retry now',
      checking: 'Checking your session…',
    },
    connect: {
      title: 'Connect',
      heading: 'Connect to your Kratos server',
      intro:
        'Kratos Desktop signs you in to an Ory Kratos server. Enter the address of its public API: your organisation or the app’s provider gives it to you.',
      connect: 'Connect',
    },
    endpoint: {
      sources: {
        environment: 'Set by an environment variable when the app was started.',
        settings: 'Set in this app.',
        operator: 'Set by the provider of this app.',
      },
      theDefault: 'the default server',
      changed: 'Server changed.',
      empty: 'Enter the URL of your Kratos public API, e.g. https://auth.example.com.',
      heading: 'Server',
      current: 'Current server:',
      label: 'Kratos public URL',
      hint: 'The app checks that the server answers as Kratos, then asks you to confirm before it switches.',
      checking: (target: string) => `Checking that ${target} answers as a Kratos server…`,
      use: 'Use this server',
      reset: 'Back to default',
      cancel: 'Cancel',
      locked: 'This app was set up for this server by its provider, so the server cannot be changed here.',
      close: 'Close',
    },
  },

  /** The About view (renderer/src/shell/AboutDialog.tsx) and the update offer (UpdateOffer.tsx). */
  about: {
    open: 'About',
    heading: 'About Kratos Desktop',
    loading: 'Reading the versions…',
    version: 'Version',
    electron: 'Electron',
    chromium: 'Chromium',
    server: 'Server',
    noServer: 'None chosen yet',
    updates: 'Updates',
    close: 'Close',
    update: {
      off: {
        development: 'This is a development build: it never updates itself.',
        'no-feed': 'This package has no update feed: its provider publishes new versions another way.',
        'not-installable':
          'This kind of installation cannot replace itself: update it the way you installed it (for example with your package manager).',
      },
      idle: 'Not checked yet.',
      checking: 'Checking for a new version…',
      upToDate: (checkedAt: string) => `Up to date (checked at ${checkedAt}).`,
      unreachable: (retryAt: string) =>
        `The update server could not be reached. The app tries again at ${retryAt}.`,
      downloading: (version: string, percent: number) => `Downloading version ${version}… ${percent} %`,
      ready: (version: string) => `Version ${version} is downloaded and verified.`,
      failed: {
        'not-verified': (version: string) =>
          `The download of version ${version} did not match what the update server published, so it was refused and nothing was installed. The app tries again later.`,
        download: (version: string) =>
          `The download of version ${version} broke off; nothing was installed. The app tries again later.`,
      },
    },
    offer: (version: string) => `Version ${version} of Kratos Desktop is ready to install.`,
    restart: 'Restart to update',
    later: 'Later',
    restarting: 'Restarting…',
  },
  ui: {
    /** The main process did not answer (it crashed or went away). */
    ipcFailed: (reason: string) => `The app could not complete this request (${reason}).`,
    cancel: 'Cancel',
    copied: 'Copied.',
    copyFailed: 'Could not copy: select the text and copy it by hand.',
  },

  browserWait: {
    title: 'Continue in your browser',
    heading: 'Continue in your browser…',
    intro: (provider: string) =>
      `Your web browser shows the sign-in page of ${provider}. Sign in there; this window continues by itself when you are done. You can close the browser tab afterwards.`,
    reopened: 'The sign-in page was opened again.',
    cancelling: 'Cancelling…',
    waiting: (provider: string) => `Waiting for ${provider} in your browser…`,
    passkeyIntro:
      'Your web browser shows the passkey page of this server. Press "Continue" there and use your passkey; this window continues by itself when you are done.',
    passkeyWaiting: 'Waiting for your passkey in your browser…',
    reopen: 'Open the browser again',
    cancel: 'Cancel',
  },

  codes: {
    fileHeading: 'Kratos Desktop backup recovery codes\nEach code works once.',
    fileName: 'backup-recovery-codes.txt',
    copyAll: 'Copy all codes',
    download: 'Download as text file',
    print: 'Print codes',
  },
};

export type Catalogue = typeof en;
