/**
 * Main's German catalogue: the twin of en.ts, entry for entry (test/main/strings/catalogue.test.ts fails when
 * an entry of en.ts is missing here). Sie-form. Keychain backends keep the names their systems give them in
 * German ("Schlüsselbund" on macOS, "Anmeldeinformationsverwaltung" on Windows).
 */
import { amount, plural } from '../../shared/intl-words';
import type { KratosErrorId } from '../../shared/kratos-wire';
import type { MainCatalogue } from './en';

const locale = 'de';

export const de: MainCatalogue = {
  locale,

  app: {
    name: 'Kratos Desktop',
    noServer:
      'Es ist noch kein Kratos-Server gewählt. Geben Sie zuerst die Adresse Ihres Kratos-Servers ein.',
    stillNoServer: 'Es ist kein Server gewählt: Geben Sie die Adresse Ihres Kratos-Servers ein.',
    serverLocked: (url: string) =>
      `Diese App wurde von ihrem Anbieter für ${url} eingerichtet, daher kann der Server hier nicht geändert werden.`,
    serverChangedMidStep: (server: string) =>
      `Der Server wurde während dieses Schritts auf ${server} umgestellt, deshalb wurde er nicht übernommen. Bitte beginnen Sie neu.`,
    keychainBack: (backend: string) => `Anmeldungen werden wieder in ${backend} gespeichert.`,
    keychainStillBroken: 'Der Schlüsselbund kann weiterhin nicht verwendet werden.',
    alreadyUsing: (server: string) => `${server} wird bereits verwendet.`,
    notConfirmed: (url: string) => `Sie haben ${url} nicht bestätigt, daher wurde der Server nicht geändert.`,
    switchFailed: 'Dieser Server konnte nicht übernommen werden; es wurde nichts geändert.',
    languageNotSaved:
      'Die Spracheinstellung konnte nicht gespeichert werden; die Sprache bleibt, wie sie war.',
    nowUsing: (server: string) => `Jetzt wird ${server} verwendet.`,
    checkFailed:
      'Die App konnte Ihre Sitzung wegen eines unerwarteten Problems nicht prüfen. Versuchen Sie es erneut oder wählen Sie einen anderen Server.',
    savedEndpoint: 'Der gespeicherte Server',
    endpointIgnored: (what: string, why: string) => `${what} wurde ignoriert: ${why}`,
    endpointQuestion: {
      title: 'Server wechseln',
      message: (url: string) => `${url} als Kratos-Server verwenden?`,
      detail: (url: string) =>
        `Kratos Desktop sendet Ihr Anmelde-Token für ${url} an diesen Server, und Sie melden sich ab jetzt dort an. ` +
        'Fahren Sie nur fort, wenn Sie diese Adresse selbst eingegeben haben.',
      use: 'Diesen Server verwenden',
      cancel: 'Abbrechen',
    },
  },

  endpoint: {
    empty: 'Geben Sie die URL Ihrer öffentlichen Kratos-API ein, z. B. https://auth.example.com.',
    invalid:
      'Das ist keine gültige URL. Geben Sie eine vollständige URL ein, die mit https:// beginnt, z. B. https://auth.example.com.',
    httpsOnly: (protocol: string) => `Nur https://-URLs werden unterstützt (erhalten: ${protocol}//).`,
    plainHttp: (host: string) =>
      `Verwenden Sie https:// für ${host}: Unverschlüsseltes http:// ist nur für diesen Computer erlaubt (localhost, 127.0.0.1, ::1), denn das Sitzungs-Token darf nie unverschlüsselt übertragen werden.`,
    credentials: 'Entfernen Sie Benutzername und Passwort aus der URL; Kratos verwendet sie nicht.',
    query: 'Entfernen Sie die Abfrage (den Teil nach „?“) aus der URL.',
    fragment: 'Entfernen Sie das Fragment (den Teil nach „#“) aus der URL.',
    tooLong: (max: number) =>
      `Diese URL ist länger als ${max} Zeichen; geben Sie nur die Adresse des Servers ein.`,
    unchanged: 'Der Server wurde nicht geändert.',
    unreachable: (message: string, unchanged: string) =>
      `${message} Prüfen Sie die Adresse und Ihre Verbindung. ${unchanged}`,
    healthFailed: 'seine Zustandsprüfung (/health/alive) antwortete nicht wie bei Kratos',
    flowFailed: 'er hat keinen Anmeldevorgang erstellt, wie es die öffentliche Kratos-API tut',
    notKratos: (url: string, what: string, unchanged: string) =>
      `${url} hat geantwortet, aber ${what}. Prüfen Sie, ob das die öffentliche API ist (oft Port 4433) und nicht die Admin-API oder eine Webseite. ${unchanged}`,
  },

  network: {
    serverError: (url: string, status: number) =>
      `Der Kratos-Server unter ${url} hat ein Problem (HTTP ${status}). Versuchen Sie es gleich noch einmal.`,
    slowDown: (url: string, wait: string | undefined) =>
      `Der Kratos-Server unter ${url} hat die App gebeten, langsamer zu machen: zu viele Anfragen (HTTP 429).${wait === undefined ? '' : ` Er bat, ${wait} zu warten.`}`,
    wait: (seconds: number) =>
      seconds <= 1
        ? 'einen Moment'
        : seconds < 120
          ? amount(locale, seconds, 'second')
          : amount(locale, Math.ceil(seconds / 60), 'minute'),
    redirect: (url: string, status: number) =>
      `Der Server unter ${url} hat mit einer Weiterleitung geantwortet (HTTP ${status}). Weiterleitungen werden nie befolgt, damit das Sitzungs-Token nirgendwo anders hingeschickt werden kann. Prüfen Sie, ob das die URL der öffentlichen Kratos-API ist.`,
    tooLarge: (url: string, limit: string) =>
      `Der Server unter ${url} hat eine Antwort gesendet, die größer als ${limit} ist; sie wurde verworfen.`,
    notKratos: (url: string, what: string) =>
      `Der Server unter ${url} hat nicht wie ein Kratos-Server geantwortet (${what}). Prüfen Sie, ob das die URL der öffentlichen Kratos-API ist.`,
    notJson: (status: number) => `HTTP ${status} mit einem Inhalt, der kein JSON ist`,
    tooDeep: (status: number, depth: number) =>
      `HTTP ${status} mit JSON, das tiefer als ${depth} Ebenen verschachtelt ist`,
    unexpectedFields: (status: number) => `HTTP ${status} ohne die erwarteten Felder`,
    noKratosError: (status: number) => `HTTP ${status} ohne einen Kratos-Fehler`,
    pastDeadline: (url: string, seconds: number) =>
      `Der Kratos-Server unter ${url} hat seine Antwort nicht innerhalb von ${seconds} s beendet.`,
    timeout: (url: string, what: string) =>
      `Der Kratos-Server unter ${url} hat nicht rechtzeitig geantwortet (${what}).`,
    cannotReach: (url: string, what: string) =>
      `Der Kratos-Server unter ${url} ist nicht erreichbar (${what}).`,
    errorCode: (code: string) => `Fehler ${code}`,
    unknownError: 'unbekannter Netzwerkfehler',
    timeouts: {
      UND_ERR_CONNECT_TIMEOUT: 'es konnte keine Verbindung hergestellt werden',
      UND_ERR_HEADERS_TIMEOUT: 'es kam keine Antwort',
      UND_ERR_BODY_TIMEOUT: 'die Antwort brach mittendrin ab',
      ETIMEDOUT: 'Zeitüberschreitung der Verbindung',
    },
    failures: {
      ECONNREFUSED: 'Verbindung abgelehnt',
      ECONNRESET: 'Verbindung zurückgesetzt',
      EPIPE: 'Verbindung geschlossen',
      UND_ERR_SOCKET: 'die Verbindung wurde unerwartet geschlossen',
      UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'die Antwort war unvollständig',
      ENOTFOUND: 'Hostname nicht gefunden',
      EAI_AGAIN: 'Hostname konnte nicht aufgelöst werden; sind Sie offline?',
      ENETUNREACH: 'Netzwerk nicht erreichbar; sind Sie offline?',
      EHOSTUNREACH: 'Host nicht erreichbar',
      CERT_HAS_EXPIRED: 'sein TLS-Zertifikat ist abgelaufen',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'sein TLS-Zertifikat ist selbst signiert und nicht vertrauenswürdig',
      SELF_SIGNED_CERT_IN_CHAIN: 'seiner TLS-Zertifikatskette wird nicht vertraut',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'seinem TLS-Zertifikat wird nicht vertraut',
      ERR_TLS_CERT_ALTNAME_INVALID: 'sein TLS-Zertifikat gilt für einen anderen Hostnamen',
    },
  },

  kratosErrors: {
    byId: {
      session_aal2_required:
        'Dafür ist Ihr zweiter Faktor nötig. Schließen Sie den zweiten Schritt ab, um fortzufahren.',
      session_aal1_required: 'Melden Sie sich zuerst an; der zweite Faktor folgt nach dem Passwort.',
      session_refresh_required: 'Bestätigen Sie zu Ihrer Sicherheit, dass Sie es sind, bevor Sie das ändern.',
      session_already_available: 'Sie sind bereits angemeldet.',
      session_inactive: 'Sie sind abgemeldet. Bitte melden Sie sich erneut an.',
      session_aal_already_fulfilled: 'Ihre Sitzung hat diese Sicherheitsstufe bereits.',
      session_verified_address_required:
        'Bestätigen Sie zuerst Ihre E-Mail-Adresse und versuchen Sie es dann erneut.',
      self_service_flow_expired: 'Dieses Formular ist abgelaufen. Bitte versuchen Sie es erneut.',
      self_service_flow_replaced:
        'Dieses Formular wurde durch ein neueres ersetzt. Bitte versuchen Sie es erneut.',
      self_service_flow_disabled: 'Das ist auf dem Server ausgeschaltet.',
      self_service_flow_return_to_forbidden:
        'Der Server hat die Adresse abgelehnt, zu der nach diesem Schritt zurückgekehrt werden soll.',
      browser_location_change_required:
        'Dieser Schritt muss in einem Webbrowser weitergehen; der Server hat das verlangt, aber diese App unterstützt es hier nicht.',
      security_identity_mismatch: 'Dieses Formular gehört zu einem anderen Konto. Bitte beginnen Sie neu.',
      security_csrf_violation:
        'Der Server hat die Anfrage als mögliche Fälschung abgelehnt. Bitte beginnen Sie neu.',
      identity_disabled:
        'Dieses Konto ist deaktiviert. Bitten Sie die Verwaltung dieses Servers, es wieder einzuschalten.',
    } satisfies Record<KratosErrorId, string>,
    byReason: {
      // A disabled account, as v26.2.0 refuses it (401, no id); newer Kratos names it identity_disabled.
      'This account was disabled.':
        'Dieses Konto ist deaktiviert. Bitten Sie die Verwaltung dieses Servers, es wieder einzuschalten.',
      'Recovery is not allowed because it was disabled.':
        'Dieser Server bietet keine Kontowiederherstellung an. Wenden Sie sich an seine Administration oder melden Sie sich auf andere Weise an.',
      'Verification is not allowed because it was disabled.':
        'Dieser Server bestätigt keine E-Mail-Adressen, hier gibt es also nichts zu bestätigen.',
    },
    unexpected: 'Kratos hat unerwartet geantwortet.',
    whoamiFlow: 'Kratos hat auf „whoami“ mit einem Formular geantwortet.',
  },

  flows: {
    signInFirst: 'Bitte melden Sie sich zuerst an.',
    alreadySignedIn: 'Sie sind bereits angemeldet.',
    completeSecondFactor: 'Schließen Sie den zweiten Faktor ab, um die Anmeldung zu beenden.',
    firstStepDone:
      'Erster Schritt erledigt. Schließen Sie den zweiten Faktor ab, um die Anmeldung zu beenden.',
    noToken: 'Kratos hat die Anmeldung angenommen, aber kein Sitzungs-Token gesendet.',
    reauthenticated: 'Danke, Sie sind es.',
    secondFactorAccepted: 'Zweiter Faktor angenommen.',
    signedIn: 'Angemeldet.',
    createdSignIn: 'Ihr Konto wurde erstellt. Melden Sie sich damit an, um fortzufahren.',
    createdSecondFactor:
      'Ihr Konto wurde erstellt. Schließen Sie den zweiten Faktor ab, um die Anmeldung zu beenden.',
    created: 'Ihr Konto wurde erstellt und Sie sind angemeldet.',
    notInBrowser: 'Dieses Anmeldeformular kann nicht im Browser weitergehen. Bitte beginnen Sie neu.',
    saved: 'Ihre Änderungen wurden gespeichert.',
    recoveredSecondFactor:
      'Code angenommen. Schließen Sie den zweiten Faktor ab und legen Sie dann ein neues Passwort fest.',
    recovered: 'Ihr Konto ist wiederhergestellt. Wählen Sie jetzt ein neues Passwort.',
    verified: 'Ihre Adresse ist bestätigt.',
    verifyBeforeSignIn:
      'Dieser Server meldet Sie erst an, wenn Ihre E-Mail-Adresse bestätigt ist. Geben Sie den Code ein, der gerade dorthin gesendet wurde.',
    verifiedSignIn: 'Ihre Adresse ist bestätigt. Melden Sie sich erneut an, um fortzufahren.',
    notOpen: 'Dieses Formular ist in der App nicht mehr geöffnet. Bitte beginnen Sie neu.',
    nothingToCancel: 'Es gibt keine Anmeldung im Browser, die abgebrochen werden könnte.',
    nothingToContinue:
      'Es gibt keine Anmeldung im Browser, die fortgesetzt werden könnte. Bitte beginnen Sie neu.',
    recoveryNeedsTransitions:
      'Ihr Code wurde angenommen, aber dieser Server schließt die Wiederherstellung in einem Webbrowser ab, ' +
      'daher hat die App keine Sitzung erhalten. Bitten Sie die Administration, ' +
      '`feature_flags.use_continue_with_transitions` für native Apps einzuschalten.',
    returnUrlRefused: (allowed: string) =>
      'Dieser Server lässt die App nach einer Anmeldung über ein soziales Konto nicht aus dem Browser zurückkehren. ' +
      `Der Betreiber muss \`${allowed}\` zu \`selfservice.allowed_return_urls\` hinzufügen. Bis dahin melden Sie sich bitte auf andere Weise an.`,
    settingsNeedBrowser:
      'Ein soziales Konto zu verbinden muss in einem Webbrowser abgeschlossen werden, der bei diesem Server angemeldet ist; ' +
      'diese App verwendet keinen. Verbinden Sie es im Web, oder melden Sie sich ab und nutzen Sie die Anmeldeschaltfläche des Anbieters: ' +
      'Verwendet Ihr Konto dieselbe E-Mail-Adresse, bietet der Server an, beide zu verknüpfen. Eine Verbindung trennen können Sie hier.',
  },

  browser: {
    ignored: {
      'nothing-pending':
        'Ein Anmeldelink aus dem Browser ist angekommen, aber es läuft keine Anmeldung über den Browser; er wurde daher ignoriert.',
      cancelled:
        'Ein Anmeldelink aus dem Browser ist angekommen, nachdem Sie diese Anmeldung abgebrochen hatten; er wurde daher ignoriert.',
      expired:
        'Ein Anmeldelink aus dem Browser ist angekommen, nachdem die Anmeldung abgelaufen war; er wurde daher ignoriert. Bitte beginnen Sie neu.',
      replayed:
        'Ein Anmeldelink aus dem Browser ist erneut angekommen; Sie sind über diesen Schritt bereits hinaus, er wurde daher ignoriert.',
      foreign:
        'Ein Anmeldelink ist angekommen, der zu keiner Anmeldung gehört, die diese App begonnen hat; er wurde daher ignoriert.',
      'not-finished':
        'Ein Anmeldelink ist angekommen, der diese Anmeldung nicht abschließt; er wurde daher ignoriert. Bitte machen Sie in Ihrem Browser weiter.',
    },
    timedOut: (minutes: number) =>
      `Die Anmeldung über den Browser hat länger als ${amount(locale, minutes, 'minute')} gedauert, daher wartet die App nicht mehr. Bitte versuchen Sie es erneut.`,
    notSecure:
      'Der Server wollte an einer Adresse weitermachen, die keine sichere Webseite ist; die App hat sie daher nicht geöffnet.',
    notOnThisComputer:
      'Der Server wollte an einer Adresse auf diesem Computer weitermachen, was nur ein Server auf diesem Computer darf; die App hat sie daher nicht geöffnet.',
    notAfterThisButton:
      'Der Server wollte in einem Webbrowser weitermachen, was nur die Schaltfläche eines Anmeldeanbieters tut; die App hat ihn daher nicht geöffnet.',
    cannotOpen: 'Die App konnte Ihren Webbrowser nicht öffnen.',
    stopped: 'Die Anmeldung über den Browser wurde beendet.',
    cancelled: 'Anmeldung abgebrochen. Bitte beginnen Sie neu.',
  },

  passkey: {
    noPage: {
      environment: (variable: string) =>
        `Passkeys können mit diesem Server noch nicht verwendet werden: Sein Betreiber muss zuerst die Passkey-Seite einrichten. (Für den Betreiber des Servers: Starten Sie diese App mit der Adresse der Seite in ${variable}.)`,
      package: (key: string, variable: string) =>
        `Passkeys können mit diesem Server noch nicht verwendet werden: Sein Betreiber muss zuerst die Passkey-Seite einrichten. (Für den Betreiber des Servers: Bauen Sie die App mit der Adresse der Seite in ${key} oder ${variable} bei npm run dist.)`,
    },
    noOptions: 'Dieses Formular bietet keinen Passkey an. Bitte beginnen Sie neu.',
    noName: 'Füllen Sie zuerst das Feld aus, nach dem Ihr Passkey benannt wird.',
    page: {
      cancelled: 'Sie haben den Passkey in Ihrem Browser abgebrochen.',
      'not-allowed':
        'Der Browser hat keinen Passkey erstellt (abgebrochen, Zeit abgelaufen, oder dieses Gerät hat keinen Passkey für dieses Konto).',
      security:
        'Der Browser hat den Passkey abgelehnt: Die Passkey-Seite liegt nicht unter der Passkey-Domain des Servers. Der Betreiber muss die Adresse der Seite korrigieren.',
      unsupported: 'Dieser Browser kann keine Passkeys verwenden.',
      failed: 'Der Browser konnte den Passkey nicht erstellen. Bitte versuchen Sie es erneut.',
    },
    thatIsTheNewOne:
      'Das ist der Passkey, den Sie gerade hinzufügen: Er gehört noch nicht zu Ihrem Konto. Wählen Sie den Passkey, den Sie schon hatten.',
  },

  session: {
    notSignedIn: 'Sie sind nicht angemeldet.',
    signedOut: 'Abgemeldet.',
    signingOut: 'Abmeldung läuft…',
    youAreSignedOut: 'Sie sind abgemeldet.',
    signInToSee: 'Melden Sie sich an, um Ihre Sitzungen zu sehen.',
    signInToManage: 'Melden Sie sich an, um Ihre Sitzungen zu verwalten.',
    thisSession: 'Das ist die Sitzung, die Sie gerade verwenden. Beenden Sie sie mit „Abmelden“.',
    revoked: 'Die Sitzung wurde abgemeldet.',
    revokedOthers: (count: number) =>
      plural(locale, count, {
        one: '1 andere Sitzung abgemeldet.',
        other: `${count} andere Sitzungen abgemeldet.`,
      }),
    expiredAt: (when: string) => `Ihre Sitzung ist am ${when} abgelaufen. Bitte melden Sie sich erneut an.`,
    ended:
      'Ihre Sitzung wurde beendet (auf dem Server widerrufen oder abgelaufen). Bitte melden Sie sich erneut an.',
    notRead: (why: string) =>
      `Die gespeicherte Sitzung konnte nicht aus dem Schlüsselbund gelesen werden (${why}).`,
    notSaved: (why: string) =>
      `Die Sitzung konnte nicht im Schlüsselbund gespeichert werden (${why}). Sie bleiben angemeldet, bis die App beendet wird.`,
    notRemoved: (why: string) =>
      `Das Sitzungs-Token konnte nicht aus dem Schlüsselbund entfernt werden (${why}). Es wird nicht mehr verwendet.`,
    stillValidOnServer: (reason: string, until: string | undefined) =>
      `Auf diesem Computer abgemeldet, aber die Sitzung konnte auf dem Server nicht beendet werden: ${reason} Dort bleibt sie gültig ${until === undefined ? 'bis sie abläuft' : `bis ${until}`}.`,
  },

  links: {
    invalid: 'Das ist kein gültiger Link.',
    scheme: (protocol: string) => `Links vom Typ ${protocol} werden nicht geöffnet.`,
    credentials: 'Links mit Benutzername oder Passwort werden nicht geöffnet.',
    elsewhere: (where: string) =>
      `Links zu ${where} werden nicht geöffnet: nur die Seiten Ihres Kratos-Servers und die Ory-Dokumentation.`,
  },

  ipc: {
    unknown: 'Unbekannte Anfrage.',
    failed: 'Die App konnte diese Anfrage nicht abschließen. Bitte versuchen Sie es erneut.',
    invalid: 'Ungültige Anfrage.',
    invalidBecause: (what: string) => `Ungültige Anfrage: ${what}.`,
  },

  keychain: {
    backends: {
      darwin: 'macOS-Schlüsselbund',
      win32: 'Windows-Anmeldeinformationsverwaltung',
      other: 'Secret Service (libsecret)',
    },
    systemKeyring: 'Schlüsselbund des Systems',
    module: {
      'libsecret-missing': {
        reason: 'Die Schlüsselbund-Bibliothek libsecret ist nicht installiert.',
        hint:
          'Installieren Sie libsecret (Debian/Ubuntu: sudo apt install libsecret-1-0; Fedora: sudo dnf install libsecret; ' +
          'Arch: sudo pacman -S libsecret) und versuchen Sie es dann erneut mit dem Schlüsselbund.',
      },
      'abi-mismatch': {
        reason: 'Das Schlüsselbund-Modul (keytar) wurde für eine andere Electron-/Node.js-Version gebaut.',
        hint: 'Bauen Sie es für dieses Electron neu (npx electron-builder install-app-deps) oder installieren Sie die App neu und starten Sie sie dann neu.',
      },
      'binary-missing': {
        reason: 'Das Schlüsselbund-Modul (keytar) fehlt in dieser Installation.',
        hint: 'Installieren Sie die App neu (aus dem Quellcode: npm install) und starten Sie sie dann neu.',
      },
      other: {
        reason: 'Das Schlüsselbund-Modul (keytar) konnte nicht geladen werden.',
        hint: 'Installieren Sie die App neu und starten Sie sie dann neu. Wenn es weiter fehlschlägt, melden Sie den Fehler aus dem Protokoll.',
      },
    },
    noDbus: {
      reason:
        'Es gibt keinen Sitzungsbus der Arbeitsumgebung (D-Bus), daher ist der Schlüsselbund des Systems nicht erreichbar.',
      hint:
        'Starten Sie die App aus Ihrer Desktop-Sitzung (die DBUS_SESSION_BUS_ADDRESS setzt). Über SSH oder in einem ' +
        'Container starten Sie sie mit dbus-run-session und einem gestarteten Schlüsselbund wie gnome-keyring. Versuchen Sie es dann erneut mit dem Schlüsselbund.',
    },
    noSecretService: {
      reason: 'In Ihrer Desktop-Sitzung läuft kein Schlüsselbund-Dienst (etwa GNOME Keyring oder KWallet).',
      hint:
        'Installieren und starten Sie einen Secret-Service-Anbieter: GNOME Keyring (Paket gnome-keyring) oder KWallet mit ' +
        'eingeschalteter Secret-Service-Unterstützung. Versuchen Sie es dann erneut mit dem Schlüsselbund.',
    },
    noDefaultCollection: {
      reason:
        'Ihr Schlüsselbund hat keine Standardsammlung („login“), in der die Sitzung gespeichert werden kann.',
      hint:
        'Öffnen Sie Ihre Schlüsselbundverwaltung (z. B. „Passwörter und Verschlüsselung“/Seahorse), legen Sie einen Schlüsselbund namens „login“ an oder ' +
        'machen Sie einen zum Standard, und versuchen Sie es dann erneut mit dem Schlüsselbund.',
    },
    locked: {
      reason: 'Ihr Schlüsselbund ist gesperrt (oder die Entsperrabfrage wurde geschlossen).',
      hint: 'Entsperren Sie den Schlüsselbund (z. B. in „Passwörter und Verschlüsselung“/Seahorse oder indem Sie sich mit Ihrem Passwort am Desktop anmelden) und versuchen Sie es dann erneut.',
    },
    macosDenied: {
      reason: 'macOS hat den Zugriff auf den Schlüsselbund „Anmeldung“ verweigert.',
      hint:
        'Öffnen Sie die Schlüsselbundverwaltung, entsperren Sie den Schlüsselbund „Anmeldung“ und erlauben Sie Kratos Desktop den Zugriff, wenn Sie gefragt werden; versuchen Sie es dann erneut. ' +
        'Wenn sich Ihr macOS-Passwort kürzlich geändert hat, melden Sie sich ab und wieder an, damit das Schlüsselbund-Passwort passt.',
    },
    windows: (detail: string) => ({
      reason: `Die Windows-Anmeldeinformationsverwaltung hat das Speichern der Sitzung abgelehnt (${detail}).`,
      hint:
        'Starten Sie die App in einer normalen interaktiven Anmeldung: Die Anmeldeinformationsverwaltung ist über SSH, als ' +
        'Dienst oder mit „Als anderer Benutzer ausführen“ nicht verfügbar. Versuchen Sie es dann erneut mit dem Schlüsselbund.',
    }),
    unknown: (backend: string, detail: string) => ({
      reason: `${backend} hat einen unerwarteten Fehler gemeldet (${detail}).`,
      hint: 'Prüfen Sie, ob der Schlüsselbund Ihres Systems funktioniert, und versuchen Sie es dann erneut.',
    }),
  },
  /** „Neu starten und aktualisieren“ (main/update/about.ts). */
  update: {
    notReady: 'Kein Update ist zur Installation bereit. Die Ansicht „Über“ zeigt den Stand der Updates.',
  },
};
