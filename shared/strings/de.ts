/**
 * Der deutsche Katalog: the German twin of en.ts, entry for entry (test/shared/strings/catalogue.test.ts
 * fails when an id of en.ts is missing here). Sie-form, as German software addresses people; the words
 * follow what German users know from their systems ("Anmelden", "Authenticator-App", "Sicherungscodes").
 */
import { plural } from '../intl-words';
import type { Catalogue } from './en';
import { kratosMessagesDe } from './de-kratos';

export const de: Catalogue = {
  locale: 'de',

  kratos: kratosMessagesDe,

  flow: {
    contacting: 'Verbindung zum Server wird hergestellt…',
    busy: {
      login: 'Anmeldung läuft…',
      registration: 'Ihr Konto wird erstellt…',
      settings: 'Wird gespeichert…',
      recovery: 'Wird gesendet…',
      verification: 'Wird bestätigt…',
    },
    restart: {
      login: 'Erneut anmelden',
      registration: 'Weiteres Konto erstellen',
      settings: 'Zurück zu den Einstellungen',
      recovery: 'Anderes Konto wiederherstellen',
      verification: 'Andere Adresse bestätigen',
    },
    tryAgain: 'Erneut versuchen',
    done: 'Fertig.',
    brokenForm:
      'Der Server hat ein Formular gesendet, das diese App nicht anzeigen kann. Beginnen Sie neu oder wählen Sie oben mit der Schaltfläche „Server“ einen anderen Server.',
    startAgain: 'Neu beginnen',
    fillOut: 'Bitte füllen Sie dieses Feld aus.',
    newPassword: 'Neues Passwort',
    showPassword: 'Passwort anzeigen',
    passwordRules: (minLength: number | undefined) =>
      `${minLength === undefined ? 'Lange Passwörter sind am besten: Der Server sagt, wenn eines zu kurz ist.' : `Mindestens ${minLength} Zeichen.`} Passwörter aus bekannten Datenlecks oder solche, die Ihrer E-Mail-Adresse zu ähnlich sind, werden abgelehnt.`,
    capsLock: 'Die Feststelltaste ist aktiv.',
    reauthenticate: {
      heading: 'Bestätigen Sie Ihre Identität',
      change: (what: string) =>
        `Zum Schutz Ihres Kontos geben Sie Ihr Passwort erneut ein, bevor ${what} gespeichert wird. Gespeichert wird, sobald Sie bestätigen.`,
      changes: {
        password: 'Ihr neues Passwort',
        profile: 'Ihre Profiländerung',
        totp: 'Ihre Änderung an der Authenticator-App',
        lookup_secret: 'Ihre Änderung an den Sicherungscodes',
        webauthn: 'Ihre Änderung am Sicherheitsschlüssel',
        passkey: 'Ihre Änderung am Passkey',
        oidc: 'Ihre Änderung an der Anmeldung über soziale Konten',
      } as Readonly<Record<string, string>>,
      someChange: 'Ihre Änderung',
      passkeyAfter:
        'Zum Schutz Ihres Kontos bestätigen Sie Ihre Identität, bevor Sie einen Passkey hinzufügen. Danach öffnet sich Ihr Browser, um den neuen Passkey zu erstellen.',
      cancel: 'Abbrechen',
      forgot: 'Passwort vergessen?',
    },
    browserOnly: 'Diese Methode braucht einen Webbrowser und ist in der Desktop-App nicht verfügbar.',
    lastPasskey:
      'Dieser Passkey ist die einzige Möglichkeit, sich bei Ihrem Konto anzumelden, und kann daher nicht entfernt werden. Fügen Sie zuerst einen weiteren Passkey hinzu.',
    copySecret: 'Schlüssel kopieren',
    yourCodes: 'Ihre Sicherungscodes',
    emptyText: 'Der Server hat hier einen leeren Text gesendet.',
    imageFromServer: 'Bild vom Server',
    unsupported: (reason: string) => `Nicht unterstützt: ${reason}`,
    scriptRefused:
      'Dieser Teil des Formulars braucht ein Skript vom Server. Die Desktop-App führt niemals Skripte des Servers aus.',
    browserOnlyPart:
      'Dieser Teil des Formulars (zum Beispiel ein Captcha) funktioniert nur in einem Webbrowser.',
    unknownElement: (type: string) => `Unbekanntes Formularelement „${type}“.`,
    imageBlocked:
      'Bild nicht angezeigt: Die Desktop-App zeigt nur Bilder, die in der Antwort eingebettet sind (data:-URIs).',
    linkBlocked: 'Link nicht geöffnet: Nur http- und https-Links sind erlaubt.',
    acknowledgeCodes:
      'Ich habe diese Sicherungscodes an einem sicheren Ort gespeichert. Jeder Code funktioniert einmal.',
    or: 'oder',
    signUpStep: {
      first: 'Schritt 1 von 2',
      second: (identifier: string) => `Schritt 2 von 2 · ${identifier}`,
      yourAccount: 'Ihr Konto',
      continue: 'Weiter',
      change: 'Ändern',
      checking: 'Ihre Angaben werden geprüft…',
      goingBack: 'Einen Moment…',
      choosePassword: 'Letzter Schritt: Wählen Sie ein Passwort für Ihr Konto.',
      chooseMethod: 'Letzter Schritt: Wählen Sie, womit Sie sich bei Ihrem Konto anmelden.',
    },
    status: {
      totpOn: 'Ein: Bei der Anmeldung wird ein Code aus Ihrer Authenticator-App abgefragt.',
      totpOff: 'Aus: Scannen Sie den QR-Code mit einer Authenticator-App, um sie einzuschalten.',
      codesOn: 'Ein: Sie haben Sicherungscodes.',
      codesOff: 'Aus: Sie haben keine Sicherungscodes.',
      codesNotSaved: 'Noch nicht eingeschaltet: Speichern Sie diese Codes, um sie einzuschalten.',
      codesLeft: (left: number, total: number) =>
        `Ein: ${left} von ${plural('de', total, { one: '1 Code', other: `${total} Codes` })} übrig.`,
      passkeys: (count: number) =>
        count === 0
          ? 'Noch keine Passkeys.'
          : plural('de', count, { one: '1 Passkey.', other: `${count} Passkeys.` }),
      securityKeys: (count: number) =>
        count === 0
          ? 'Noch keine Sicherheitsschlüssel.'
          : plural('de', count, { one: '1 Sicherheitsschlüssel.', other: `${count} Sicherheitsschlüssel.` }),
      linked: (providers: readonly string[]) =>
        `Verknüpft: ${new Intl.ListFormat('de', { type: 'conjunction' }).format(providers)}.`,
      noneLinked: 'Keine verknüpften Konten.',
      notLinked: (providers: readonly string[]) =>
        `Nicht verknüpft: ${new Intl.ListFormat('de', { type: 'conjunction' }).format(providers)}.`,
    },
    linkGuidance: (provider: string) =>
      `Um ${provider} zu verknüpfen, melden Sie sich ab, wählen Sie dann „Mit ${provider} anmelden“ und verwenden Sie dort dieselbe E-Mail-Adresse. Der Server fragt dann einmal nach dem Passwort dieses Kontos und verknüpft ${provider} damit.`,
    groups: {
      password: 'Passwort',
      oidc: 'Anmeldung über soziale Konten',
      saml: 'Single Sign-on',
      profile: 'Profil',
      link: 'Link per E-Mail',
      code: 'Code per E-Mail',
      totp: 'Authenticator-App',
      lookup_secret: 'Sicherungscodes',
      webauthn: 'Sicherheitsschlüssel',
      passkey: 'Passkey',
      identifier_first: 'Konto',
      captcha: 'Captcha',
    },
    saves: {
      profile: 'Profil speichern',
      password: 'Passwort ändern',
      totp: 'Authenticator-App einschalten',
    },
    confirm: {
      totpUnlink: {
        title: 'Authenticator-App entfernen?',
        body: 'Codes aus Ihrer Authenticator-App werden nicht mehr angenommen. Um wieder eine zu nutzen, scannen Sie einen neuen QR-Code.',
        confirm: 'Authenticator-App entfernen',
      },
      lookupDisable: {
        title: 'Sicherungscodes ausschalten?',
        body: 'Alle Ihre Sicherungscodes werden sofort ungültig. Sie können später neue erstellen.',
        confirm: 'Sicherungscodes ausschalten',
      },
      lookupRegenerate: {
        title: 'Sicherungscodes ersetzen?',
        body: 'Es werden neue Sicherungscodes erstellt. Sobald Sie diese speichern, werden Ihre alten Codes ungültig.',
        confirm: 'Neue Codes erstellen',
      },
      passkeyRemove: {
        title: 'Diesen Passkey entfernen?',
        body: 'Sie können sich damit nicht mehr bei diesem Konto anmelden.',
        confirm: 'Passkey entfernen',
      },
      webauthnRemove: {
        title: 'Diesen Sicherheitsschlüssel entfernen?',
        body: 'Sie können sich damit nicht mehr bei diesem Konto anmelden.',
        confirm: 'Sicherheitsschlüssel entfernen',
      },
      unlink: (provider: string) => ({
        title: `Verbindung mit ${provider} trennen?`,
        body: `Sie können sich dann nicht mehr mit ${provider} anmelden.`,
        confirm: `Verbindung mit ${provider} trennen`,
      }),
      thisProvider: 'diesem Anbieter',
    },
  },

  app: {
    name: 'Kratos Desktop',
    title: (screen: string) => `${screen} – Kratos Desktop`,
    starting: 'Wird gestartet…',
    server: (url: string) => `Server: ${url}`,
    signedInAs: 'Angemeldet als',
    language: { label: 'Sprache', system: 'System', switching: 'Die Sprache wird gewechselt…' },
    brokenScreen:
      'Diese Ansicht konnte wegen eines unerwarteten Problems nicht angezeigt werden. Versuchen Sie es erneut oder wählen Sie oben mit der Schaltfläche „Server“ einen anderen Server.',
    tryAgain: 'Erneut versuchen',
    checkingSession: 'Ihre Sitzung wird geprüft…',
    signingOut: 'Abmeldung läuft…',
    notConfirmed: (screen: string) => `${screen} (nicht bestätigt)`,
    screens: {
      login: 'Anmelden',
      registration: 'Konto erstellen',
      recovery: 'Konto wiederherstellen',
      verification: 'E-Mail-Adresse bestätigen',
    },
    otherActions: 'Weitere Aktionen',
    links: {
      registration: 'Konto erstellen',
      recovery: 'Passwort vergessen?',
      verification: 'E-Mail-Adresse bestätigen',
      login: 'Zurück zur Anmeldung',
    },
    continueToSignIn: 'Weiter zur Anmeldung',
    backToSession: 'Zurück zu Ihrer Sitzung',
    secondFactor: {
      title: 'Zweiter Faktor',
      heading: 'Zweiter Faktor erforderlich',
      intro: (methods: readonly string[]) =>
        `Der erste Anmeldeschritt ist erledigt. Schließen Sie die Anmeldung ab mit ${methods.length > 0 ? methods.join(' oder ') : 'einem zweiten Faktor'}.`,
      methods: {
        totp: 'Ihrer Authenticator-App',
        lookup_secret: 'einem Sicherungscode',
        code: 'einem Code per E-Mail',
        webauthn: 'einem Sicherheitsschlüssel',
        passkey: 'einem Passkey',
      },
      cancel: 'Abbrechen und abmelden',
    },
    sections: 'Bereiche',
    tabs: { session: 'Sitzung', sessions: 'Andere Sitzungen', settings: 'Einstellungen' },
    tabTitles: { session: 'Ihre Sitzung', sessions: 'Sitzungen', settings: 'Kontoeinstellungen' },
  },

  savedSignIn: {
    heading: 'Ihre gespeicherte Anmeldung',
    kept: (server: string) => `Dieses Gerät hat eine gespeicherte Anmeldung für ${server}.`,
    onlyServer:
      'Wem sie gehört und ob sie noch gilt, kann nur der Server sagen: Ihre Sitzung erscheint hier, sobald er antwortet.',
    signOut: 'Auf diesem Gerät abmelden',
  },

  session: {
    heading: 'Ihre Sitzung',
    lastKnownHeading: 'Ihre zuletzt bekannte Sitzung',
    stale: 'Vom Server gerade nicht bestätigt: So lautete seine letzte Antwort.',
    expiresIn: 'Läuft ab in',
    signedIn: 'Angemeldet',
    assurance: 'Sicherheitsstufe',
    kratosName: 'Kratos:',
    identity: 'Identität',
    verifiedState: (verified: boolean) => (verified ? '(bestätigt)' : '(noch nicht bestätigt)'),
    verify: {
      now: 'Jetzt bestätigen',
      nowFor: (address: string) => `Jetzt bestätigen: ${address}`,
      heading: (address: string) => `${address} bestätigen`,
      sending: (address: string) => `Code wird an ${address} gesendet…`,
      cannot: 'Dieser Server bietet keine Bestätigung einer Adresse per E-Mail-Code an.',
      close: 'Schließen',
    },
    noIdentity: 'Der Server hat die Identität zu dieser Sitzung nicht mitgeteilt.',
    howSignedIn: 'Wie Sie sich angemeldet haben',
    methodAt: 'am',
    noMethods: 'Keine Angaben.',
    devices: 'Geräte',
    signOut: 'Abmelden',
    signingOut: 'Abmeldung läuft…',
    noDevices: 'Keine Geräteinformationen.',
    unknownApp: 'Unbekannte App',
    unknownAddress: 'unbekannte Adresse',
    unknownDevice: 'Unbekanntes Gerät',
    appAgent: 'Kratos-Desktop-App',
    terminalAgent: 'Kratos-Desktop-Terminal',
    browserOn: (browser: string, system: string) => `${browser} unter ${system}`,
    onHost: (agent: string, host: string) => `${agent} (${host})`,
    agentFrom: (agent: string, where: string) => `${agent} von ${where}`,
    aal: {
      aal0: 'Nicht angemeldet',
      aal1: 'Ein Faktor',
      aal2: 'Zwei Faktoren',
      aal3: 'Zwei starke Faktoren',
    },
    aalExplained: {
      aal0: 'Es ist noch kein Anmeldeschritt erledigt.',
      aal1: 'Mit einem Schritt angemeldet (zum Beispiel einem Passwort).',
      aal2: 'Mit einem Passwort oder Code und einem zweiten Faktor angemeldet.',
      aal3: 'Mit zwei Faktoren angemeldet, einer davon ein Hardware-Schlüssel.',
    },
    methods: {
      password: 'Passwort',
      totp: 'Authenticator-App',
      lookup_secret: 'Sicherungscode',
      code: 'Code per E-Mail',
      code_recovery: 'Wiederherstellungscode per E-Mail',
      link_recovery: 'Wiederherstellungslink per E-Mail',
      webauthn: 'Sicherheitsschlüssel',
      passkey: 'Passkey',
      oidc: 'Anmeldung über soziale Konten',
      saml: 'Single Sign-on',
      profile: 'Profil',
    },
  },

  sessions: {
    heading: 'Sitzungen',
    refresh: 'Aktualisieren',
    loading: 'Sitzungen werden geladen…',
    others: 'Andere Sitzungen',
    none: 'Keine anderen aktiven Sitzungen.',
    thisDevice: 'Dieses Gerät',
    signedInExpires: (signedIn: string, expiresIn: string) =>
      `Angemeldet ${signedIn} · läuft ab in ${expiresIn}`,
    lastActivity: (ago: string) => `Zuletzt aktiv: angemeldet ${ago}`,
    activeNow: 'Zuletzt aktiv: jetzt, in diesem Fenster',
    revoke: 'Diese Sitzung abmelden',
    revokeNamed: (session: string, signedIn: string) =>
      `Diese Sitzung abmelden: ${session}, angemeldet ${signedIn}`,
    revokeConfirm: (session: string, signedIn: string) => ({
      title: 'Diese Sitzung abmelden?',
      body: `${session}, angemeldet ${signedIn}, wird abgemeldet und muss sich neu anmelden. Dieses Gerät bleibt angemeldet.`,
      confirm: 'Jene Sitzung abmelden',
    }),
    revoked: 'Sitzung abgemeldet.',
    revokeOthers: 'Alle anderen Sitzungen abmelden',
    revokeOthersConfirm: (count: number) => ({
      title: 'Alle anderen Sitzungen abmelden?',
      body: `${plural('de', count, { one: 'Eine andere Sitzung wird', other: `Alle ${count} anderen Sitzungen werden` })} abgemeldet und müssen sich neu anmelden. Dieses Gerät bleibt angemeldet.`,
      confirm: 'Alle anderen Sitzungen abmelden',
    }),
    othersRevoked: 'Alle anderen Sitzungen wurden abgemeldet.',
    signingOut: 'Abmeldung läuft…',
  },

  time: {
    unknown: 'unbekannt',
    expired: 'abgelaufen',
  },

  shell: {
    keychain: {
      notSaved: 'Ihre Anmeldung wird nicht gespeichert:',
      notSavedWhy: 'Nach einem Neustart müssen Sie sich erneut anmelden.',
      retry: 'Schlüsselbund erneut versuchen',
      details: 'Warum und wie Sie es beheben',
      checking: 'Der Schlüsselbund wird geprüft…',
    },
    unreachable: {
      slowDown: (url: string) =>
        `Der Server unter ${url} hat die App gebeten, langsamer zu machen (zu viele Anfragen).`,
      kept: (next: string | undefined) =>
        `Ihre Sitzung bleibt auf diesem Gerät erhalten: Nichts wurde abgemeldet. Die App prüft erneut ${next === undefined ? 'in Kürze' : `in ${next}`}.`,
      retry: 'Jetzt erneut versuchen',
      checking: 'Ihre Sitzung wird geprüft…',
    },
    connect: {
      title: 'Verbinden',
      heading: 'Mit Ihrem Kratos-Server verbinden',
      intro:
        'Kratos Desktop meldet Sie bei einem Ory-Kratos-Server an. Geben Sie die Adresse seiner öffentlichen API ein: Sie erhalten sie von Ihrer Organisation oder vom Anbieter der App.',
      connect: 'Verbinden',
    },
    endpoint: {
      sources: {
        environment: 'Beim Start der App durch eine Umgebungsvariable festgelegt.',
        settings: 'In dieser App festgelegt.',
        operator: 'Vom Anbieter dieser App festgelegt.',
      },
      theDefault: 'den Standardserver',
      changed: 'Server geändert.',
      empty: 'Geben Sie die URL Ihrer öffentlichen Kratos-API ein, z. B. https://auth.example.com.',
      heading: 'Server',
      current: 'Aktueller Server:',
      label: 'Öffentliche Kratos-URL',
      hint: 'Die App prüft, ob der Server wie Kratos antwortet, und fragt Sie vor dem Wechsel nach einer Bestätigung.',
      checking: (target: string) => `Es wird geprüft, ob ${target} wie ein Kratos-Server antwortet…`,
      use: 'Diesen Server verwenden',
      reset: 'Zurück zum Standard',
      cancel: 'Abbrechen',
      locked:
        'Diese App wurde von ihrem Anbieter für diesen Server eingerichtet; der Server kann hier nicht geändert werden.',
      close: 'Schließen',
    },
  },

  /** Die Ansicht „Über“ (renderer/src/shell/AboutDialog.tsx) und das Update-Angebot (UpdateOffer.tsx). */
  about: {
    open: 'Über',
    heading: 'Über Kratos Desktop',
    loading: 'Die Versionen werden gelesen…',
    version: 'Version',
    electron: 'Electron',
    chromium: 'Chromium',
    server: 'Server',
    noServer: 'Noch keiner gewählt',
    updates: 'Updates',
    close: 'Schließen',
    update: {
      off: {
        development: 'Dies ist eine Entwicklungsversion: Sie aktualisiert sich nie selbst.',
        'no-feed':
          'Dieses Paket hat keine Update-Quelle: Sein Anbieter veröffentlicht neue Versionen auf anderem Weg.',
        'not-installable':
          'Diese Art der Installation kann sich nicht selbst ersetzen: Aktualisieren Sie sie so, wie Sie sie installiert haben (zum Beispiel mit Ihrer Paketverwaltung).',
      },
      idle: 'Noch nicht geprüft.',
      checking: 'Es wird nach einer neuen Version gesucht…',
      upToDate: (checkedAt: string) => `Aktuell (geprüft um ${checkedAt}).`,
      unreachable: (retryAt: string) =>
        `Der Update-Server war nicht erreichbar. Die App versucht es um ${retryAt} erneut.`,
      downloading: (version: string, percent: number) => `Version ${version} wird geladen… ${percent} %`,
      ready: (version: string) => `Version ${version} ist geladen und geprüft.`,
      failed: {
        'not-verified': (version: string) =>
          `Der Download von Version ${version} stimmte nicht mit dem überein, was der Update-Server veröffentlicht hat. Er wurde abgelehnt, nichts wurde installiert. Die App versucht es später erneut.`,
        download: (version: string) =>
          `Der Download von Version ${version} brach ab; nichts wurde installiert. Die App versucht es später erneut.`,
      },
    },
    offer: (version: string) => `Version ${version} von Kratos Desktop ist zur Installation bereit.`,
    restart: 'Neu starten und aktualisieren',
    later: 'Später',
    restarting: 'Wird neu gestartet…',
  },
  ui: {
    ipcFailed: (reason: string) => `Die App konnte diese Anfrage nicht abschließen (${reason}).`,
    cancel: 'Abbrechen',
    copied: 'Kopiert.',
    copyFailed: 'Kopieren nicht möglich: Markieren Sie den Text und kopieren Sie ihn von Hand.',
  },

  browserWait: {
    title: 'Weiter in Ihrem Browser',
    heading: 'Weiter in Ihrem Browser…',
    intro: (provider: string) =>
      `Ihr Webbrowser zeigt die Anmeldeseite von ${provider}. Melden Sie sich dort an; dieses Fenster macht von selbst weiter, sobald Sie fertig sind. Den Browser-Tab können Sie danach schließen.`,
    reopened: 'Die Anmeldeseite wurde erneut geöffnet.',
    cancelling: 'Wird abgebrochen…',
    waiting: (provider: string) => `Warten auf ${provider} in Ihrem Browser…`,
    passkeyIntro:
      'Ihr Webbrowser zeigt die Passkey-Seite dieses Servers. Drücken Sie dort „Weiter“ und verwenden Sie Ihren Passkey; dieses Fenster macht von selbst weiter, sobald Sie fertig sind.',
    passkeyWaiting: 'Warten auf Ihren Passkey in Ihrem Browser…',
    reopen: 'Browser erneut öffnen',
    cancel: 'Abbrechen',
  },

  codes: {
    fileHeading: 'Kratos Desktop – Sicherungscodes\nJeder Code funktioniert einmal.',
    fileName: 'sicherungscodes.txt',
    copyAll: 'Alle Codes kopieren',
    download: 'Als Textdatei herunterladen',
    print: 'Codes drucken',
  },
};
