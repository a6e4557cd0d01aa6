/**
 * The terminal client's English catalogue: every sentence kratos-desktop-cli prints or asks, and the
 * pages its loopback listener shows in the browser. Flow screens themselves speak the window's words (the
 * Kratos messages, group titles, button names and confirmations of shared/strings) and main's
 * (main/strings); this file is what only a terminal says. de.ts is its German twin (a test fails while an
 * entry is missing there: test/cli/strings.test.ts).
 */
import type { Aal } from '../../shared/ipc-contract';

const program = 'kratos-desktop-cli';

export const en = {
  locale: 'en',

  usage: {
    /** The general help (`--help`, no command). */
    general: (environment: { endpoint: string; callbackPort: string; language: string }, port: number) =>
      `Usage: ${program} <command> [options]

Commands:
  login                     sign in (asks for what the server needs; second factor included)
  register                  create an account
  recover                   recover an account with a code sent by email, then set a new password
  verify                    verify an email address with a code
  settings                  change profile, password, authenticator app, backup codes
  whoami                    who is signed in (exit 0 signed in, 1 signed out, 2 server unreachable)
  sessions                  list this account's sessions
  sessions revoke <id>      sign out one session        (asks first; --yes for scripts)
  sessions revoke --others  sign out all other sessions (asks first; --yes for scripts)
  logout                    sign out here: revoke the session on the server, then forget it

Options:
  --endpoint <url>     the Kratos public URL for this run (else ${environment.endpoint}, else the app's saved choice)
  --callback-port <n>  where the browser comes back after a social sign-in: http://127.0.0.1:<n>/auth/callback
                       (else ${environment.callbackPort}, else ${port}; the server must allow it)
  --lang <language>    en or de (else ${environment.language}, else the system's language)
  --verbose            print the core's log lines (secrets redacted) to stderr
  --version            the version of ${program}
  -h, --help           this text; "${program} <command> --help" explains one command
`,
    /** `<command> --help`: what the command does, then its own options. */
    commands: {
      login: `Usage: ${program} login [--user <email or username> --password-stdin]

Signs in, asking for what the server needs (a second factor too, when the account has one). When you are
already signed in it asks before starting over.

  --user <name>       the email address or user name to sign in with
  --password-stdin    read the password from standard input (for scripts; needs --user); an account with
                      a second factor still needs a terminal for its code
`,
      register: `Usage: ${program} register

Creates an account, asking for the fields the server's identity schema has, then the password.
`,
      recover: `Usage: ${program} recover

Recovers an account: a code is sent to its email address; after the code you are signed in and asked for a
new password.
`,
      verify: `Usage: ${program} verify

Verifies an email address with the code sent to it.
`,
      settings: `Usage: ${program} settings

Changes your profile, password, authenticator app and backup codes. Removing something asks first.
`,
      whoami: `Usage: ${program} whoami [--json]

Who is signed in, how strongly, with which methods, and until when. Exit status: 0 signed in, 1 signed out,
2 the server cannot be reached (your sign-in is kept).

  --json    the same as JSON, for scripts (never the session token)
`,
      sessions: `Usage: ${program} sessions [--json]
       ${program} sessions revoke <id> [--yes]
       ${program} sessions revoke --others [--yes]

Lists the sessions of your account (this one marked), or signs one or all others out.

  --json      the list as JSON, for scripts
  --others    sign out every other session (this one stays signed in)
  --yes       do not ask first (for scripts)
`,
      logout: `Usage: ${program} logout

Signs out here: the session is revoked on the server, then forgotten on this computer.
`,
    },
    version: (version: string) => `${program} ${version}`,
    unknownCommand: (command: string) => `Unknown command "${command}".`,
    sessionsUsage: 'Use `sessions`, `sessions revoke <id>` or `sessions revoke --others`.',
    noJson: (command: string) =>
      `"${command}" prints no data, so --json is not available for it; --json works with whoami and sessions.`,
    passwordStdinOnlyLogin: '--password-stdin is only for "login".',
    passwordStdinNeedsUser:
      '--password-stdin needs --user <email or username>: the password alone signs nobody in.',
    userNeedsPasswordStdin:
      '--user is for scripts and needs --password-stdin; in a terminal, run "login" and type the address.',
    emptyPassword: 'No password arrived on standard input.',
    needsTerminal: (command: string) => `"${command}" asks questions and needs a terminal; stdin is not one.`,
    addYes: 'Add --yes to revoke without asking.',
    failed: (message: string) => `${program} failed: ${message}`,
  },

  server: {
    none: (variable: string) =>
      `No Kratos server is configured. Pass --endpoint <url> or set ${variable} ` +
      '(the Kratos emulator that `npm start` or `npm run emulator` runs, at http://127.0.0.1:4433, works too).',
    refused: (what: string, why: string) => `${what} was refused: ${why}`,
    endpointOption: 'The --endpoint URL',
    keychainMemory: (reason: string, hint: string) =>
      `The OS keychain cannot be used: ${reason} This sign-in lasts only for this command. ${hint}`,
    callbackPort: (given: string) => `The callback port must be a number from 1 to 65535, not "${given}".`,
    language: (given: string) => `The language must be en or de, not "${given}".`,
    operatorIgnored: (problems: string) =>
      `The operator's configuration (operator.json beside this program) was ignored: ${problems}`,
  },

  browser: {
    continueThere: 'Continue in your web browser. If it did not open, open this address in a browser here:',
    noBrowser: '(No browser could be started from this terminal.)',
    waiting: 'Waiting for the browser to come back… (Ctrl-C cancels)',
    portInUse: (port: number) =>
      `Port ${port} on 127.0.0.1 is in use, so the browser cannot come back here. ` +
      'Pass --callback-port with another port that the server allows.',
    cannotListen: (port: number, why: string) => `Cannot listen on 127.0.0.1:${port} for the browser: ${why}`,
    /** The pages the listener answers the browser with. */
    pages: {
      wrongAddress: 'Wrong address.',
      notFound: 'Not found.',
      notACallback: 'This is not a sign-in callback this terminal can use.',
      notFinished: 'The sign-in could not be finished. The terminal says why.',
      late: 'Back to the terminal: the sign-in continues there.',
      done: 'Done. You can close this tab and return to the terminal.',
    },
  },

  terminal: {
    cancelled: 'Cancelled; nothing more was sent.',
    notInteractive: 'This command asks questions and needs a terminal.',
    hidden: '(hidden)',
    typeYes: 'Type "yes" to continue:',
    /** What agrees to a `typeYes` question (English "yes" is understood in every language: scripts). */
    agreed: /^yes$/i,
    yesNo: '(y/n)',
    /** The answers that mean yes to a `(y/n)` question. */
    yesAnswer: /^y(es)?$/i,
  },

  flow: {
    contacting: (server: string) => `Contacting ${server}…`,
    error: (message: string) => `Error: ${message}`,
    unexpected: (answer: string) => `Unexpected answer: ${answer}`,
    titles: {
      login: 'Sign in',
      registration: 'Create an account',
      settings: 'Account settings',
      recovery: 'Recover your account',
      verification: 'Verify your address',
    },
    secondStep: 'Second step: confirm it is you',
    confirmItIsYou: 'Confirm it is you',
    leaveSettings: 'Leave settings',
    choose: (count: number) => `Choose 1–${count}`,
    typeNumber: (count: number) => `Please type a number from 1 to ${count}.`,
    notConfirmed: 'Not confirmed; nothing was sent.',
    refused: 'The server refused the answers given on the command line.',
    needsBrowser: (label: string) => `${label}: needs a web browser, not available here.`,
    link: 'Link',
    secret: 'Secret',
    codes: 'Backup codes (each works once; they are not shown again after you confirm):',
    scan: 'Scan this with your authenticator app:',
  },

  session: {
    aal: {
      aal0: 'not signed in',
      aal1: 'one factor',
      aal2: 'two factors',
      aal3: 'two factors, one of them phishing-resistant',
    } satisfies Record<Aal, string> as Readonly<Record<Aal, string>>,
    methods: {
      password: 'password',
      totp: 'authenticator app',
      lookup_secret: 'backup code',
      code: 'email code',
      link: 'email link',
      oidc: 'social sign-in',
      saml: 'single sign-on',
      webauthn: 'security key',
      passkey: 'passkey',
      profile: 'profile',
      code_recovery: 'recovery code sent by email',
      link_recovery: 'recovery link sent by email',
    } as Readonly<Record<string, string>>,
    anAccount: 'an account',
    halfSignedIn: (server: string, methods: string) =>
      `Half signed in to ${server}: a second step is needed (${methods}).`,
    finishWithLogin: `Run \`${program} login\` to finish signing in.`,
    keptTryLater: 'Your sign-in is kept; try again later.',
    checking: (server: string) => `Still checking your sign-in with ${server}.`,
    signedOut: (server: string) => `Not signed in to ${server}.`,
    signedIn: (server: string, who: string) => `Signed in to ${server} as ${who}.`,
    assurance: (words: string, aal: string) => `Assurance: ${words} (${aal}).`,
    methodsUsed: (methods: string) => `Signed in with: ${methods}.`,
    ends: (when: string) => `Session ends: ${when}.`,
    signInFirst: `You are not signed in. Run \`${program} login\` first.`,
    startOver: (server: string, who: string) =>
      `You are already signed in to ${server} as ${who}. Sign in again? The current sign-in is replaced by the new one.`,
    keptSignIn: 'Not confirmed; you stay signed in as before.',
  },

  sessions: {
    thisSession: '* this session ',
    signedInAt: (when: string) => `signed in ${when}`,
    none: 'No sessions.',
    revokeOthers: 'Sign out every other session of this account (this one stays signed in)?',
    revokeOne: (id: string) => `Sign out session ${id}? The device using it will have to sign in again.`,
    nothingChanged: 'Not confirmed; nothing was changed.',
    done: 'Done.',
    notSignedIn: (server: string) => `Not signed in to ${server}; nothing to do.`,
    signedOut: 'Signed out.',
  },
};

export type CliCatalogue = typeof en;
