/**
 * Der deutsche Katalog des Terminal-Clients: the German twin of en.ts, entry for entry. Commands and options
 * stay as typed (`login`, `--json`); only what people read is German.
 */
import type { Aal } from '../../shared/ipc-contract';
import type { CliCatalogue } from './en';

const program = 'kratos-desktop-cli';

export const de: CliCatalogue = {
  locale: 'de',

  usage: {
    general: (environment: { endpoint: string; callbackPort: string; language: string }, port: number) =>
      `Aufruf: ${program} <Befehl> [Optionen]

Befehle:
  login                     anmelden (fragt, was der Server braucht; auch den zweiten Faktor)
  register                  ein Konto erstellen
  recover                   ein Konto mit einem Code per E-Mail wiederherstellen, dann ein neues Passwort setzen
  verify                    eine E-Mail-Adresse mit einem Code bestätigen
  settings                  Profil, Passwort, Authenticator-App und Sicherungscodes ändern
  whoami                    wer angemeldet ist (Status 0 angemeldet, 1 abgemeldet, 2 Server nicht erreichbar)
  sessions                  die Sitzungen dieses Kontos auflisten
  sessions revoke <id>      eine Sitzung abmelden           (fragt vorher; --yes für Skripte)
  sessions revoke --others  alle anderen Sitzungen abmelden (fragt vorher; --yes für Skripte)
  logout                    hier abmelden: die Sitzung auf dem Server widerrufen, dann vergessen

Optionen:
  --endpoint <url>     die öffentliche Kratos-URL für diesen Aufruf (sonst ${environment.endpoint}, sonst die in der App gespeicherte)
  --callback-port <n>  wohin der Browser nach einer Anmeldung über ein soziales Konto zurückkehrt:
                       http://127.0.0.1:<n>/auth/callback (sonst ${environment.callbackPort}, sonst ${port}; der Server muss es erlauben)
  --lang <Sprache>     en oder de (sonst ${environment.language}, sonst die Sprache des Systems)
  --verbose            die Protokollzeilen des Kerns (ohne Geheimnisse) auf stderr ausgeben
  --version            die Version von ${program}
  -h, --help           dieser Text; „${program} <Befehl> --help“ erklärt einen Befehl
`,
    commands: {
      login: `Aufruf: ${program} login [--user <E-Mail-Adresse oder Benutzername> --password-stdin]

Meldet Sie an und fragt nach dem, was der Server braucht (auch nach einem zweiten Faktor, wenn das Konto einen
hat). Sind Sie bereits angemeldet, fragt es, bevor es neu beginnt.

  --user <Name>       die E-Mail-Adresse oder der Benutzername für die Anmeldung
  --password-stdin    das Passwort von der Standardeingabe lesen (für Skripte; braucht --user); ein Konto mit
                      zweitem Faktor braucht für dessen Code weiterhin ein Terminal
`,
      register: `Aufruf: ${program} register

Erstellt ein Konto und fragt nach den Feldern, die das Identitätsschema des Servers hat, dann nach dem Passwort.
`,
      recover: `Aufruf: ${program} recover

Stellt ein Konto wieder her: Ein Code wird an seine E-Mail-Adresse gesendet; nach dem Code sind Sie angemeldet
und werden nach einem neuen Passwort gefragt.
`,
      verify: `Aufruf: ${program} verify

Bestätigt eine E-Mail-Adresse mit dem Code, der an sie gesendet wurde.
`,
      settings: `Aufruf: ${program} settings

Ändert Ihr Profil, Ihr Passwort, Ihre Authenticator-App und Ihre Sicherungscodes. Vor dem Entfernen wird gefragt.
`,
      whoami: `Aufruf: ${program} whoami [--json]

Wer angemeldet ist, wie sicher, mit welchen Methoden und bis wann. Status: 0 angemeldet, 1 abgemeldet,
2 der Server ist nicht erreichbar (Ihre Anmeldung bleibt erhalten).

  --json    dasselbe als JSON, für Skripte (niemals das Sitzungs-Token)
`,
      sessions: `Aufruf: ${program} sessions [--json]
        ${program} sessions revoke <id> [--yes]
        ${program} sessions revoke --others [--yes]

Listet die Sitzungen Ihres Kontos auf (diese markiert) oder meldet eine oder alle anderen ab.

  --json      die Liste als JSON, für Skripte
  --others    alle anderen Sitzungen abmelden (diese bleibt angemeldet)
  --yes       nicht vorher fragen (für Skripte)
`,
      logout: `Aufruf: ${program} logout

Meldet Sie hier ab: Die Sitzung wird auf dem Server widerrufen und dann auf diesem Computer vergessen.
`,
    },
    version: (version: string) => `${program} ${version}`,
    unknownCommand: (command: string) => `Unbekannter Befehl „${command}“.`,
    sessionsUsage: 'Verwenden Sie `sessions`, `sessions revoke <id>` oder `sessions revoke --others`.',
    noJson: (command: string) =>
      `„${command}“ gibt keine Daten aus, daher gibt es dafür kein --json; --json funktioniert mit whoami und sessions.`,
    passwordStdinOnlyLogin: '--password-stdin gibt es nur für „login“.',
    passwordStdinNeedsUser:
      '--password-stdin braucht --user <E-Mail-Adresse oder Benutzername>: Das Passwort allein meldet niemanden an.',
    userNeedsPasswordStdin:
      '--user ist für Skripte und braucht --password-stdin; im Terminal starten Sie „login“ und geben die Adresse ein.',
    emptyPassword: 'Auf der Standardeingabe kam kein Passwort an.',
    needsTerminal: (command: string) =>
      `„${command}“ stellt Fragen und braucht ein Terminal; stdin ist keins.`,
    addYes: 'Mit --yes wird ohne Nachfrage abgemeldet.',
    failed: (message: string) => `${program} ist fehlgeschlagen: ${message}`,
  },

  server: {
    none: (variable: string) =>
      `Es ist kein Kratos-Server eingestellt. Geben Sie --endpoint <url> an oder setzen Sie ${variable} ` +
      '(der Kratos-Emulator, den `npm start` oder `npm run emulator` startet, unter http://127.0.0.1:4433 funktioniert auch).',
    refused: (what: string, why: string) => `${what} wurde abgelehnt: ${why}`,
    endpointOption: 'Die --endpoint-URL',
    keychainMemory: (reason: string, hint: string) =>
      `Der Schlüsselbund des Systems kann nicht verwendet werden: ${reason} Diese Anmeldung gilt nur für diesen Befehl. ${hint}`,
    callbackPort: (given: string) =>
      `Der Callback-Port muss eine Zahl von 1 bis 65535 sein, nicht „${given}“.`,
    language: (given: string) => `Die Sprache muss en oder de sein, nicht „${given}“.`,
    operatorIgnored: (problems: string) =>
      `Die Konfiguration des Betreibers (operator.json neben diesem Programm) wurde ignoriert: ${problems}`,
  },

  browser: {
    continueThere:
      'Machen Sie in Ihrem Webbrowser weiter. Falls er sich nicht geöffnet hat, öffnen Sie diese Adresse in einem Browser auf diesem Computer:',
    noBrowser: '(Aus diesem Terminal konnte kein Browser gestartet werden.)',
    waiting: 'Warten, bis der Browser zurückkehrt… (Strg-C bricht ab)',
    portInUse: (port: number) =>
      `Port ${port} auf 127.0.0.1 ist belegt, daher kann der Browser nicht hierher zurückkehren. ` +
      'Geben Sie mit --callback-port einen anderen Port an, den der Server erlaubt.',
    cannotListen: (port: number, why: string) =>
      `Auf 127.0.0.1:${port} kann nicht auf den Browser gewartet werden: ${why}`,
    pages: {
      wrongAddress: 'Falsche Adresse.',
      notFound: 'Nicht gefunden.',
      notACallback: 'Das ist keine Rückkehr von einer Anmeldung, die dieses Terminal verwenden kann.',
      notFinished: 'Die Anmeldung konnte nicht abgeschlossen werden. Das Terminal sagt, warum.',
      late: 'Zurück zum Terminal: Die Anmeldung geht dort weiter.',
      done: 'Fertig. Sie können diesen Tab schließen und zum Terminal zurückkehren.',
    },
  },

  terminal: {
    cancelled: 'Abgebrochen; es wurde nichts mehr gesendet.',
    notInteractive: 'Dieser Befehl stellt Fragen und braucht ein Terminal.',
    hidden: '(verborgen)',
    typeYes: 'Geben Sie „ja“ ein, um fortzufahren:',
    agreed: /^(ja|yes)$/i,
    yesNo: '(j/n)',
    yesAnswer: /^(j(a)?|y(es)?)$/i,
  },

  flow: {
    contacting: (server: string) => `Verbindung mit ${server}…`,
    error: (message: string) => `Fehler: ${message}`,
    unexpected: (answer: string) => `Unerwartete Antwort: ${answer}`,
    titles: {
      login: 'Anmelden',
      registration: 'Konto erstellen',
      settings: 'Kontoeinstellungen',
      recovery: 'Konto wiederherstellen',
      verification: 'Adresse bestätigen',
    },
    secondStep: 'Zweiter Schritt: Bestätigen Sie, dass Sie es sind',
    confirmItIsYou: 'Bestätigen Sie, dass Sie es sind',
    leaveSettings: 'Einstellungen verlassen',
    choose: (count: number) => `Wählen Sie 1–${count}`,
    typeNumber: (count: number) => `Bitte geben Sie eine Zahl von 1 bis ${count} ein.`,
    notConfirmed: 'Nicht bestätigt; es wurde nichts gesendet.',
    refused: 'Der Server hat die auf der Befehlszeile übergebenen Angaben abgelehnt.',
    needsBrowser: (label: string) => `${label}: braucht einen Webbrowser, hier nicht verfügbar.`,
    link: 'Link',
    secret: 'Schlüssel',
    codes:
      'Sicherungscodes (jeder funktioniert einmal; nach Ihrer Bestätigung werden sie nicht mehr angezeigt):',
    scan: 'Scannen Sie das mit Ihrer Authenticator-App:',
  },

  session: {
    aal: {
      aal0: 'nicht angemeldet',
      aal1: 'ein Faktor',
      aal2: 'zwei Faktoren',
      aal3: 'zwei Faktoren, einer davon phishing-resistent',
    } satisfies Record<Aal, string>,
    methods: {
      password: 'Passwort',
      totp: 'Authenticator-App',
      lookup_secret: 'Sicherungscode',
      code: 'Code per E-Mail',
      link: 'Link per E-Mail',
      oidc: 'soziales Konto',
      saml: 'Single Sign-on',
      webauthn: 'Sicherheitsschlüssel',
      passkey: 'Passkey',
      profile: 'Profil',
      code_recovery: 'Wiederherstellungscode per E-Mail',
      link_recovery: 'Wiederherstellungslink per E-Mail',
    },
    anAccount: 'einem Konto',
    halfSignedIn: (server: string, methods: string) =>
      `Halb angemeldet bei ${server}: Ein zweiter Schritt ist nötig (${methods}).`,
    finishWithLogin: `Starten Sie \`${program} login\`, um die Anmeldung abzuschließen.`,
    keptTryLater: 'Ihre Anmeldung bleibt erhalten; versuchen Sie es später erneut.',
    checking: (server: string) => `Ihre Anmeldung bei ${server} wird noch geprüft.`,
    signedOut: (server: string) => `Nicht angemeldet bei ${server}.`,
    signedIn: (server: string, who: string) => `Angemeldet bei ${server} als ${who}.`,
    assurance: (words: string, aal: string) => `Sicherheitsstufe: ${words} (${aal}).`,
    methodsUsed: (methods: string) => `Angemeldet mit: ${methods}.`,
    ends: (when: string) => `Sitzung endet: ${when}.`,
    signInFirst: `Sie sind nicht angemeldet. Starten Sie zuerst \`${program} login\`.`,
    startOver: (server: string, who: string) =>
      `Sie sind bereits bei ${server} als ${who} angemeldet. Neu anmelden? Die jetzige Anmeldung wird durch die neue ersetzt.`,
    keptSignIn: 'Nicht bestätigt; Sie bleiben angemeldet wie bisher.',
  },

  sessions: {
    thisSession: '* diese Sitzung ',
    signedInAt: (when: string) => `angemeldet ${when}`,
    none: 'Keine Sitzungen.',
    revokeOthers: 'Alle anderen Sitzungen dieses Kontos abmelden (diese bleibt angemeldet)?',
    revokeOne: (id: string) =>
      `Sitzung ${id} abmelden? Das Gerät, das sie verwendet, muss sich neu anmelden.`,
    nothingChanged: 'Nicht bestätigt; es wurde nichts geändert.',
    done: 'Fertig.',
    notSignedIn: (server: string) => `Nicht angemeldet bei ${server}; nichts zu tun.`,
    signedOut: 'Abgemeldet.',
  },
};
