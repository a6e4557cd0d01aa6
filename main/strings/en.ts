/**
 * Main's catalogue: every sentence the main process writes for the person — notices, the answers of
 * actions and flow steps, errors of the network, of Kratos and of the keychain, the native dialog. The
 * window's own sentences are in shared/strings; this is the other half, so a translation is two
 * files, not a code change. Entries that take values are functions; counts and durations go through Intl
 * (shared/intl-words.ts). A test fails when a main module writes a sentence outside this file
 * (test/main/strings/catalogue.test.ts). Log lines are for developers and stay beside the code.
 */
import { amount, plural } from '../../shared/intl-words';
import type { KratosErrorId } from '../../shared/kratos-wire';

const locale = 'en';

export const en = {
  locale,

  /** The window's `Server: …`, no server chosen yet, and the native "use this server?" question. */
  app: {
    name: 'Kratos Desktop',
    noServer: 'No Kratos server is chosen yet. Enter the address of your Kratos server first.',
    stillNoServer: 'No server is chosen: enter the address of your Kratos server.',
    serverLocked: (url: string) =>
      `This app was set up for ${url} by its provider, so the server cannot be changed here.`,
    serverChangedMidStep: (server: string) =>
      `The server was changed to ${server} while this step was running, so it was not kept. Please start again.`,
    keychainBack: (backend: string) => `Sign-ins are saved in ${backend} again.`,
    keychainStillBroken: 'The keychain still cannot be used.',
    alreadyUsing: (server: string) => `Already using ${server}.`,
    notConfirmed: (url: string) => `You did not confirm ${url}, so the server was not changed.`,
    switchFailed: 'Could not start using that endpoint; nothing was changed.',
    languageNotSaved: 'The language setting could not be saved; the language stays as it was.',
    nowUsing: (server: string) => `Now using ${server}.`,
    checkFailed:
      'The app could not check your session because of an unexpected problem. Try again, or choose another server.',
    savedEndpoint: 'The saved endpoint',
    endpointIgnored: (what: string, why: string) => `${what} was ignored: ${why}`,
    endpointQuestion: {
      title: 'Change server',
      message: (url: string) => `Use ${url} as your Kratos server?`,
      detail: (url: string) =>
        `Kratos Desktop will send your sign-in token for ${url} to that server, and you will sign in there from now on. ` +
        'Continue only if you entered this address yourself.',
      use: 'Use this server',
      cancel: 'Cancel',
    },
  },

  /** The URL of a Kratos server, as typed (main/kratos/endpoint.ts), and whether it answers as Kratos. */
  endpoint: {
    empty: 'Enter the URL of your Kratos public API, e.g. https://auth.example.com.',
    invalid:
      'This is not a valid URL. Enter a full URL starting with https://, e.g. https://auth.example.com.',
    httpsOnly: (protocol: string) => `Only https:// URLs are supported (got ${protocol}//).`,
    plainHttp: (host: string) =>
      `Use https:// for ${host}: plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1), because the session token must never travel unencrypted.`,
    credentials: 'Remove the user name and password from the URL; Kratos does not use them.',
    query: 'Remove the query (the part after "?") from the URL.',
    fragment: 'Remove the fragment (the part after "#") from the URL.',
    tooLong: (max: number) =>
      `This URL is longer than ${max} characters; enter the address of the server only.`,
    unchanged: 'The server was not changed.',
    unreachable: (message: string, unchanged: string) =>
      `${message} Check the address and your connection. ${unchanged}`,
    healthFailed: 'its health check (/health/alive) did not answer as Kratos does',
    flowFailed: 'it did not create a sign-in flow as the Kratos public API does',
    notKratos: (url: string, what: string, unchanged: string) =>
      `${url} answered, but ${what}. Check that this is the public API (often port 4433), not the admin API or a web page. ${unchanged}`,
  },

  /** The network and answers that are not Kratos's (main/kratos/unreachable.ts, map-response.ts). */
  network: {
    serverError: (url: string, status: number) =>
      `The Kratos server at ${url} has a problem (HTTP ${status}). Try again in a moment.`,
    slowDown: (url: string, wait: string | undefined) =>
      `The Kratos server at ${url} asked the app to slow down: too many requests (HTTP 429).${wait === undefined ? '' : ` It asked to wait ${wait}.`}`,
    /** How long a 429 asked to wait. */
    wait: (seconds: number) =>
      seconds <= 1
        ? 'a moment'
        : seconds < 120
          ? amount(locale, seconds, 'second')
          : amount(locale, Math.ceil(seconds / 60), 'minute'),
    redirect: (url: string, status: number) =>
      `The server at ${url} answered with a redirect (HTTP ${status}). Redirects are never followed, so that the session token cannot be sent anywhere else. Check that this is the URL of the Kratos public API.`,
    tooLarge: (url: string, limit: string) =>
      `The server at ${url} sent a response larger than ${limit}; it was discarded.`,
    notKratos: (url: string, what: string) =>
      `The server at ${url} did not answer like a Kratos server (${what}). Check that this is the URL of the Kratos public API.`,
    notJson: (status: number) => `HTTP ${status} with a body that is not JSON`,
    tooDeep: (status: number, depth: number) => `HTTP ${status} with JSON nested deeper than ${depth} levels`,
    unexpectedFields: (status: number) => `HTTP ${status} without the expected fields`,
    noKratosError: (status: number) => `HTTP ${status} without a Kratos error`,
    pastDeadline: (url: string, seconds: number) =>
      `The Kratos server at ${url} did not finish answering within ${seconds} s.`,
    timeout: (url: string, what: string) => `The Kratos server at ${url} did not answer in time (${what}).`,
    cannotReach: (url: string, what: string) => `Cannot reach the Kratos server at ${url} (${what}).`,
    errorCode: (code: string) => `error ${code}`,
    unknownError: 'unknown network error',
    /** What a timeout code means (undici, Node). */
    timeouts: {
      UND_ERR_CONNECT_TIMEOUT: 'no connection could be opened',
      UND_ERR_HEADERS_TIMEOUT: 'no response arrived',
      UND_ERR_BODY_TIMEOUT: 'the response stopped half-way',
      ETIMEDOUT: 'the connection timed out',
    } as Readonly<Record<string, string>>,
    /** What a network error code means (undici, Node, TLS). */
    failures: {
      ECONNREFUSED: 'connection refused',
      ECONNRESET: 'connection reset',
      EPIPE: 'connection closed',
      UND_ERR_SOCKET: 'the connection closed unexpectedly',
      UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the response was cut short',
      ENOTFOUND: 'host name not found',
      EAI_AGAIN: 'host name lookup failed; are you offline?',
      ENETUNREACH: 'network unreachable; are you offline?',
      EHOSTUNREACH: 'host unreachable',
      CERT_HAS_EXPIRED: 'its TLS certificate has expired',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
      SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
      ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for a different host name',
    } as Readonly<Record<string, string>>,
  },

  /** Kratos's error answers without a flow to show them in (main/kratos/error-messages.ts). */
  kratosErrors: {
    /** A sentence for every error id the project knows: a new id in `KratosErrorId` fails to compile here. */
    byId: {
      session_aal2_required: 'This needs your second factor. Complete the second step to continue.',
      session_aal1_required: 'Sign in first; the second factor comes after the password.',
      session_refresh_required: 'For your security, confirm it is you before changing this.',
      session_already_available: 'You are already signed in.',
      session_inactive: 'You are signed out. Please sign in again.',
      session_aal_already_fulfilled: 'Your session already has this level of assurance.',
      session_verified_address_required: 'Verify your email address first, then try again.',
      self_service_flow_expired: 'This form expired. Please try again.',
      self_service_flow_replaced: 'This form was replaced by a newer one. Please try again.',
      self_service_flow_disabled: 'This is turned off on the server.',
      self_service_flow_return_to_forbidden: 'The server refused the address to return to after this step.',
      browser_location_change_required:
        'This step has to continue in a web browser, which the server asked for but this app does not support here.',
      security_identity_mismatch: 'This form belongs to another account. Please start again.',
      security_csrf_violation: 'The server rejected the request as a possible forgery. Please start again.',
      identity_disabled: 'This account is disabled. Ask the administrator of this server to turn it back on.',
    } satisfies Record<KratosErrorId, string> as Readonly<Record<KratosErrorId, string>>,
    /**
     * Errors Kratos sends without an id, by their `reason` (Kratos's English, measured on v1.3.1 and v26.2.0): a
     * flow turned off with `selfservice.flows.<recovery|verification>.enabled: false` is a bare 400.
     */
    byReason: {
      // A disabled account, as v26.2.0 refuses it (401, no id); newer Kratos names it identity_disabled.
      'This account was disabled.':
        'This account is disabled. Ask the administrator of this server to turn it back on.',
      'Recovery is not allowed because it was disabled.':
        'This server does not offer account recovery. Ask its administrator for help, or sign in another way.',
      'Verification is not allowed because it was disabled.':
        'This server does not verify email addresses, so there is nothing to verify here.',
    } as Readonly<Record<string, string>>,
    unexpected: 'Kratos gave an unexpected answer.',
    whoamiFlow: 'Kratos answered whoami with a flow.',
  },

  /** Flow steps (main/flows/service.ts). */
  flows: {
    signInFirst: 'Please sign in first.',
    alreadySignedIn: 'You are already signed in.',
    completeSecondFactor: 'Complete the second factor to finish signing in.',
    firstStepDone: 'First step done. Complete the second factor to finish signing in.',
    noToken: 'Kratos accepted the sign-in but sent no session token.',
    reauthenticated: 'Thanks, that was you.',
    secondFactorAccepted: 'Second factor accepted.',
    signedIn: 'Signed in.',
    createdSignIn: 'Your account was created. Sign in with it to continue.',
    createdSecondFactor: 'Your account was created. Complete the second factor to finish signing in.',
    created: 'Your account was created and you are signed in.',
    notInBrowser: 'This sign-in form cannot continue in the browser. Please start again.',
    saved: 'Your changes were saved.',
    recoveredSecondFactor: 'Code accepted. Complete the second factor, then set a new password.',
    recovered: 'Your account is recovered. Choose a new password now.',
    verified: 'Your address is verified.',
    verifyBeforeSignIn:
      'This server signs you in only once your email address is verified. Enter the code that was just sent to it.',
    verifiedSignIn: 'Your address is verified. Sign in again to continue.',
    notOpen: 'This form is no longer open in the app. Please start again.',
    nothingToCancel: 'There is no sign-in in the browser to cancel.',
    nothingToContinue: 'There is no sign-in in the browser to continue. Please start again.',
    /** Recovery API flows answer 422 after a correct code unless Kratos is configured for native apps. */
    recoveryNeedsTransitions:
      'Your code was accepted, but this server finishes recovery in a web browser, so the app received no ' +
      'session. Ask the administrator to enable `feature_flags.use_continue_with_transitions` for native apps.',
    /** A provider button on a server that refused the app's return URL: the line its operator adds. */
    returnUrlRefused: (allowed: string) =>
      'This server does not let the app come back from the browser after a social sign-in. Its operator has ' +
      `to add \`${allowed}\` to \`selfservice.allowed_return_urls\`. Until then, sign in another way.`,
    /** Linking a social account (settings, `oidc` group) finishes in a browser signed in to Kratos. */
    settingsNeedBrowser:
      'Connecting a social sign-in account has to finish in a web browser that is signed in to this server, ' +
      "which this app does not use. Connect it on the web, or sign out and use that provider's sign-in button: " +
      'if your account uses the same email address, the server offers to link them. Removing a connection works here.',
  },

  /** Social sign-in through the system browser (main/flows/browser-sign-in.ts). */
  browser: {
    ignored: {
      'nothing-pending':
        'A sign-in link from the browser arrived, but no sign-in through the browser is in progress, so it was ignored.',
      cancelled:
        'A sign-in link from the browser arrived after you cancelled that sign-in, so it was ignored.',
      expired:
        'A sign-in link from the browser arrived after the sign-in had timed out, so it was ignored. Please start again.',
      replayed:
        'A sign-in link from the browser arrived again; you are already past that step, so it was ignored.',
      foreign: 'A sign-in link arrived that belongs to no sign-in this app started, so it was ignored.',
      'not-finished':
        'A sign-in link arrived that does not finish this sign-in, so it was ignored. Please continue in your browser.',
    },
    timedOut: (minutes: number) =>
      `Signing in through the browser took longer than ${amount(locale, minutes, 'minute')}, so the app stopped waiting. Please try again.`,
    notSecure:
      'The server asked to continue at an address that is not a secure web page, so the app did not open it.',
    notOnThisComputer:
      'The server asked to continue at an address on this computer, which only a server on this computer may do, so the app did not open it.',
    notAfterThisButton:
      'The server asked to continue in a web browser, which only a sign-in provider button does, so the app did not open it.',
    cannotOpen: 'The app could not open your web browser.',
    stopped: 'Signing in through the browser was stopped.',
    cancelled: 'Sign-in cancelled. Please start again.',
  },

  /** The passkey ceremony in the browser (main/flows/passkey-ceremony.ts, docs/passkeys.md). */
  passkey: {
    /** A passkey button on a server without a page: for the person, then the setting for its operator. */
    noPage: {
      /** A development run: the environment names the page (docs/passkeys.md). */
      environment: (variable: string) =>
        `Passkeys cannot be used with this server yet: its operator has to set up the passkey page first. (For whoever runs the server: start this app with the page's address in ${variable}.)`,
      /** An installed app: the operator's configuration, packaged by npm run dist (docs/packaging.md). */
      package: (key: string, variable: string) =>
        `Passkeys cannot be used with this server yet: its operator has to set up the passkey page first. (For whoever runs the server: build the app with the page's address in ${key}, or ${variable} for npm run dist.)`,
    },
    noOptions: 'This form offers no passkey to use. Please start again.',
    noName: 'Fill in the field your passkey is named after first.',
    page: {
      cancelled: 'You cancelled the passkey in your browser.',
      'not-allowed':
        'The browser did not make a passkey (it was cancelled, timed out, or this device has no passkey for this account).',
      security:
        "The browser refused the passkey: the passkey page is not on the server's passkey domain. The operator must fix the page's address.",
      unsupported: 'This browser cannot use passkeys.',
      failed: 'The browser could not make the passkey. Please try again.',
    },
    /** A re-authentication answered with the passkey being added (Kratos would refuse it: 4000015). */
    thatIsTheNewOne:
      'That is the passkey you are adding: it is not part of your account yet. Choose the passkey you already had.',
  },

  /** The session and its devices (main/session). */
  session: {
    notSignedIn: 'You are not signed in.',
    signedOut: 'Signed out.',
    signingOut: 'Signing out…',
    youAreSignedOut: 'You are signed out.',
    signInToSee: 'Sign in to see your sessions.',
    signInToManage: 'Sign in to manage your sessions.',
    thisSession: 'This is the session you are using. Use "Sign out" to end it.',
    revoked: 'The session was signed out.',
    revokedOthers: (count: number) =>
      plural(locale, count, {
        one: 'Signed out 1 other session.',
        other: `Signed out ${count} other sessions.`,
      }),
    expiredAt: (when: string) => `Your session expired at ${when}. Please sign in again.`,
    ended: 'Your session has ended (it was revoked or expired on the server). Please sign in again.',
    notRead: (why: string) => `The saved session could not be read from the keychain (${why}).`,
    notSaved: (why: string) =>
      `The session could not be saved to the keychain (${why}). You stay signed in until the app quits.`,
    notRemoved: (why: string) =>
      `The session token could not be removed from the keychain (${why}). It is no longer used.`,
    stillValidOnServer: (reason: string, until: string | undefined) =>
      `Signed out on this computer, but the session could not be ended on the server: ${reason} It stays valid there ${until === undefined ? 'until it expires' : `until ${until}`}.`,
  },

  /** Links the window asks main to open (main/policy/external-links.ts). */
  links: {
    invalid: 'This is not a valid link.',
    scheme: (protocol: string) => `Links of type ${protocol} are not opened.`,
    credentials: 'Links with a user name or password are not opened.',
    elsewhere: (where: string) =>
      `Links to ${where} are not opened: only your Kratos server's own pages and Ory documentation are.`,
  },

  /** Requests from the window that main refuses (main/ipc/router.ts). */
  ipc: {
    unknown: 'Unknown request.',
    failed: 'The app could not complete this request. Please try again.',
    invalid: 'Invalid request.',
    invalidBecause: (what: string) => `Invalid request: ${what}.`,
  },

  /** The OS keychain: what is wrong, and what the person can do (main/keychain/keychain-problem.ts). */
  keychain: {
    backends: {
      darwin: 'macOS Keychain',
      win32: 'Windows Credential Manager',
      other: 'Secret Service (libsecret)',
    },
    systemKeyring: 'system keyring',
    module: {
      'libsecret-missing': {
        reason: 'The keychain library libsecret is not installed.',
        hint:
          'Install libsecret (Debian/Ubuntu: sudo apt install libsecret-1-0; Fedora: sudo dnf install libsecret; ' +
          'Arch: sudo pacman -S libsecret), then try the keychain again.',
      },
      'abi-mismatch': {
        reason: 'The keychain module (keytar) was built for a different Electron/Node.js version.',
        hint: 'Rebuild it for this Electron (npx electron-builder install-app-deps) or reinstall the app, then restart.',
      },
      'binary-missing': {
        reason: 'The keychain module (keytar) is missing from this installation.',
        hint: 'Reinstall the app (from source: npm install), then restart.',
      },
      other: {
        reason: 'The keychain module (keytar) could not be loaded.',
        hint: 'Reinstall the app, then restart. If it keeps failing, report the error shown in the log.',
      },
    },
    noDbus: {
      reason: 'There is no desktop session bus (D-Bus), so the system keyring cannot be reached.',
      hint:
        'Start the app from your desktop session (which sets DBUS_SESSION_BUS_ADDRESS). Over SSH or in a ' +
        'container, run it under dbus-run-session with a keyring such as gnome-keyring started. Then try the keychain again.',
    },
    noSecretService: {
      reason: 'No keyring service (such as GNOME Keyring or KWallet) is running in your desktop session.',
      hint:
        'Install and start a Secret Service provider: GNOME Keyring (package gnome-keyring) or KWallet with ' +
        'its Secret Service integration enabled. Then try the keychain again.',
    },
    noDefaultCollection: {
      reason: 'Your keyring has no default ("login") collection to store the session in.',
      hint:
        'Open your keyring manager (e.g. "Passwords and Keys"/Seahorse), create a keyring named "login" or ' +
        'mark one as default, then try the keychain again.',
    },
    locked: {
      reason: 'Your keyring is locked (or the unlock prompt was dismissed).',
      hint: 'Unlock the keyring (e.g. in "Passwords and Keys"/Seahorse, or sign in to the desktop with your password), then try the keychain again.',
    },
    macosDenied: {
      reason: 'macOS denied access to the login keychain.',
      hint:
        'Open Keychain Access, unlock the "login" keychain and allow Kratos Desktop when asked, then try the ' +
        'keychain again. If your macOS password changed recently, sign out and back in so the keychain password matches.',
    },
    windows: (detail: string) => ({
      reason: `Windows Credential Manager refused to store the session (${detail}).`,
      hint:
        'Run the app in a normal interactive sign-in: Credential Manager is not available over SSH, as a ' +
        'service or with "Run as different user". Then try the keychain again.',
    }),
    unknown: (backend: string, detail: string) => ({
      reason: `The ${backend} returned an unexpected error (${detail}).`,
      hint: 'Check that your system keychain works, then try the keychain again.',
    }),
  },
  /** "Restart to update" (main/update/about.ts). */
  update: {
    notReady: 'No update is ready to install. The About view says where updates stand.',
  },
};

export type MainCatalogue = typeof en;
