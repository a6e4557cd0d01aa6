/**
 * German sentences for Kratos ui messages, keyed by the message id: the twin of en-kratos.ts (same ids, same
 * context keys; its header explains the ranges). Held by the compiler to the one table of Kratos messages
 * (shared/kratos-messages.ts), like the English one.
 */
import type { MessageId } from '../kratos-messages';
import { amount } from '../intl-words';
import {
  humanProperty,
  listText,
  localTime,
  minutesBetween,
  reasonIn,
  schemaTitle,
  secretsList,
  text,
  type MessageContext,
} from './context';
import type { KratosTemplate } from './en-kratos';

const flowExpired = (what: string) => (context: MessageContext, now: number) => {
  const minutes = minutesBetween(context['expired_at'], now);
  if (minutes === undefined) return undefined;
  return `Das Formular ${what} ist vor ${amount('de', minutes, 'minute')} abgelaufen. Bitte versuchen Sie es erneut.`;
};

const codeSentTo = (what: string, general: string) => (context: MessageContext, now: number) => {
  const address = text(context['sent_to']);
  if (address === undefined) return general;
  const until = localTime(context['code_expires_at']);
  const minutes = minutesBetween(now, context['code_expires_at']);
  const validity =
    until === undefined || minutes === undefined
      ? ''
      : ` Er gilt bis ${until} (noch ${amount('de', minutes, 'minute')}).`;
  return `Ein ${what} wurde an ${address} gesendet.${validity} Falls er nicht ankommt, prüfen Sie die Schreibweise und ob es die Adresse ist, mit der Sie sich registriert haben.`;
};

const alreadyCompleted = 'Diese Anfrage wurde bereits abgeschlossen und kann nicht erneut gesendet werden.';

const reasonSentences: readonly (readonly [RegExp, string])[] = [
  [
    /the OpenID Provider returned error "access_denied"/,
    'Die Anmeldung beim Anbieter wurde abgelehnt, daher sind Sie nicht angemeldet. Um es erneut zu versuchen, wählen Sie den Anbieter noch einmal oder melden Sie sich auf andere Weise an.',
  ],
  [
    /last remaining first factor/,
    'Dieser Anbieter ist die einzige Möglichkeit, sich bei Ihrem Konto anzumelden, und kann daher nicht entfernt werden. Fügen Sie zuerst ein Passwort oder einen anderen Anbieter hinzu.',
  ],
  [
    /would lock you out of your account/,
    'Dies ist die einzige Möglichkeit, sich bei Ihrem Konto anzumelden, und kann daher nicht entfernt werden. Fügen Sie zuerst eine andere Anmeldemöglichkeit hinzu.',
  ],
];
const validationGeneric = reasonIn(reasonSentences);

export const kratosMessagesDe: Readonly<Record<number, KratosTemplate>> = {
  // 101xxxx: Anmeldung
  1010001: 'Anmelden',
  1010002: 'Mit {provider} anmelden',
  1010003: 'Bitte bestätigen Sie diese Aktion, indem Sie nachweisen, dass Sie es sind.',
  1010004: 'Bitte schließen Sie den zweiten Anmeldeschritt ab.',
  1010005: 'Bestätigen',
  1010006: 'Bestätigungscode',
  1010007: 'Sicherungscode',
  1010008: 'Mit einem Hardware-Schlüssel anmelden',
  1010009: 'Authenticator-App verwenden',
  1010010: 'Sicherungscode verwenden',
  1010011: 'Mit Sicherheitsschlüssel fortfahren',
  1010012:
    'Halten Sie Ihren Sicherheitsschlüssel oder Ihr biometrisches Gerät bereit und klicken Sie auf „Weiter“.',
  1010013: 'Weiter',
  1010014: codeSentTo(
    'Anmeldecode',
    'Ein Code wurde an die angegebene Adresse gesendet. Falls er nicht ankommt, prüfen Sie die Schreibweise der Adresse und versuchen Sie es erneut.',
  ),
  1010015: 'Anmeldecode senden',
  1010016: (context) => {
    const identifier = text(context['duplicateIdentifier']) ?? text(context['duplicate_identifier']);
    const provider = text(context['provider']);
    if (identifier === undefined || provider === undefined) return undefined;
    return `Sie wollten sich mit „${identifier}“ anmelden, aber diese E-Mail-Adresse gehört bereits zu einem anderen Konto. Melden Sie sich mit einer der folgenden Möglichkeiten bei jenem Konto an, um „${identifier}“ bei „${provider}“ als weitere Anmeldemöglichkeit hinzuzufügen.`;
  },
  1010017: 'Anmelden und verknüpfen',
  1010018: 'Mit {provider} bestätigen',
  1010019: 'Code anfordern, um fortzufahren',
  1010021: 'Mit Passkey anmelden',
  1010022: 'Mit Passwort anmelden',
  1010023: 'Code an {address} senden',
  1010025: 'Ein Code wurde an Ihre Adresse gesendet. Falls er nicht ankommt, versuchen Sie es bitte erneut.',

  // 104xxxx: Registrierung
  1040001: 'Registrieren',
  1040002: 'Mit {provider} registrieren',
  1040003: 'Weiter',
  1040004: 'Mit Sicherheitsschlüssel registrieren',
  1040005:
    'Ein Code wurde an die angegebene Adresse gesendet. Falls er nicht ankommt, prüfen Sie die Schreibweise der Adresse und versuchen Sie es erneut.',
  1040006: 'Registrierungscode senden',
  1040007: 'Mit Passkey registrieren',
  1040008: 'Zurück',
  1040009: 'Bitte wählen Sie, womit Sie sich anmelden möchten.',

  // 105xxxx: Einstellungen
  1050001: 'Ihre Änderungen wurden gespeichert.',
  1050002: '{provider} verknüpfen',
  1050003: 'Verbindung mit {provider} trennen',
  1050004: 'Authenticator-App entfernen',
  1050005: 'QR-Code für die Authenticator-App',
  1050006: '{secret}',
  1050007: 'Sicherungscodes anzeigen',
  1050008: 'Neue Sicherungscodes erstellen',
  1050009: '{secret}',
  1050010: 'Das sind Ihre Sicherungscodes. Bewahren Sie sie an einem sicheren Ort auf!',
  1050011: 'Sicherungscodes bestätigen',
  1050012: 'Sicherheitsschlüssel hinzufügen',
  1050013: 'Name des Sicherheitsschlüssels',
  1050014: (context) => {
    const usedAt = localTime(context['used_at']);
    return usedAt === undefined ? undefined : `Verwendet am ${usedAt}`;
  },
  1050015: secretsList,
  1050016: 'Diese Methode ausschalten',
  1050017: 'Schlüssel für die Authenticator-App (falls Sie den QR-Code nicht scannen können)',
  1050018: 'Sicherheitsschlüssel „{display_name}“ entfernen',
  1050019: 'Passkey hinzufügen',
  1050020: (context) => {
    const name = text(context['display_name']) ?? '';
    const added = localTime(context['added_at']);
    return added === undefined
      ? `Passkey „${name}“ entfernen`
      : `Passkey „${name}“ entfernen, hinzugefügt ${added}`;
  },

  // 106xxxx: Wiederherstellung
  1060001: (context, now) => {
    const minutes = minutesBetween(now, context['privileged_session_expires_at']);
    const within = minutes === undefined ? 'bald' : `in den nächsten ${amount('de', minutes, 'minute')}`;
    return `Sie haben Ihr Konto wiederhergestellt. Bitte ändern Sie Ihr Passwort oder richten Sie ${within} eine andere Anmeldemethode ein.`;
  },
  1060002:
    'Eine E-Mail mit einem Wiederherstellungslink wurde an die angegebene Adresse gesendet. Falls sie nicht ankommt, prüfen Sie die Schreibweise und ob es die Adresse ist, mit der Sie sich registriert haben.',
  1060003: codeSentTo(
    'Wiederherstellungscode',
    'Eine E-Mail mit einem Wiederherstellungscode wurde an die angegebene Adresse gesendet. Falls sie nicht ankommt, prüfen Sie die Schreibweise und ob es die Adresse ist, mit der Sie sich registriert haben.',
  ),
  1060004:
    'Ein Wiederherstellungscode wurde an „{masked_address}“ gesendet. Falls er nicht ankommt, prüfen Sie die Schreibweise und ob es die Adresse ist, mit der Sie sich registriert haben.',
  1060005:
    'Stellen Sie den Zugang zu Ihrem Konto wieder her, indem Sie Ihre Wiederherstellungsadresse vollständig eingeben.',
  1060006: 'Wie möchten Sie Ihr Konto wiederherstellen?',
  1060007: 'Zurück',

  // 107xxxx: Beschriftungen
  1070001: 'Passwort',
  1070002: schemaTitle('E-Mail-Adresse'),
  1070003: 'Speichern',
  1070004: 'E-Mail-Adresse oder Benutzername',
  1070005: 'Absenden',
  1070006: 'Bestätigungscode',
  1070007: 'E-Mail-Adresse',
  1070008: 'Code erneut senden',
  1070009: 'Weiter',
  1070010: 'Wiederherstellungscode',
  1070011: 'Bestätigungscode',
  1070012: 'Registrierungscode',
  1070013: 'Anmeldecode',
  1070014: 'Anmelden und Anmeldemethode verknüpfen',
  1070015: 'Bitte lösen Sie das Captcha, um fortzufahren.',
  1070016: 'Wiederherstellungsadresse',
  1070017: 'Telefonnummer',

  // 108xxxx: Bestätigung
  1080001:
    'Eine E-Mail mit einem Bestätigungslink wurde an die angegebene Adresse gesendet. Falls sie nicht ankommt, prüfen Sie die Schreibweise und ob es die Adresse ist, mit der Sie sich registriert haben.',
  1080002: 'Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.',
  1080003: codeSentTo(
    'Bestätigungscode',
    'Eine E-Mail mit einem Bestätigungscode wurde an die angegebene Adresse gesendet. Falls sie nicht ankommt, prüfen Sie die Schreibweise und ob es die Adresse ist, mit der Sie sich registriert haben.',
  ),

  // 400xxxx: Prüfung der Eingaben
  4000001: validationGeneric,
  4000002: (context) => {
    const property = text(context['property']);
    return property === undefined ? undefined : `Bitte geben Sie „${humanProperty(property)}“ ein.`;
  },
  4000003: 'Muss mindestens {min_length} Zeichen lang sein, hat aber {actual_length}.',
  4000004: 'Entspricht nicht dem erwarteten Format ({pattern}).',
  4000005: 'Das Passwort kann nicht verwendet werden: {reason}.',
  4000006:
    'Das Passwort ist falsch, oder kein Konto verwendet diese E-Mail-Adresse, Telefonnummer oder diesen Benutzernamen. Prüfen Sie beides auf Tippfehler.',
  4000007: 'Es gibt bereits ein Konto mit dieser Kennung (E-Mail-Adresse, Telefonnummer, Benutzername …).',
  4000008: 'Der Bestätigungscode ist ungültig. Bitte versuchen Sie es erneut.',
  4000009:
    'Es wurden keine Anmeldekennungen gefunden. Wurden sie vergessen? Das kann auch an einer Fehlkonfiguration des Servers liegen.',
  4000010: 'Dieses Konto ist noch nicht aktiv. Haben Sie vergessen, Ihre E-Mail-Adresse zu bestätigen?',
  4000011: 'Sie haben keine Authenticator-App eingerichtet.',
  4000012: 'Dieser Sicherungscode wurde bereits verwendet.',
  4000013: 'Sie haben keinen Sicherheitsschlüssel eingerichtet.',
  4000014: 'Sie haben keine Sicherungscodes eingerichtet.',
  4000015: 'Dieses Konto existiert nicht oder hat keinen Sicherheitsschlüssel eingerichtet.',
  4000016: 'Der Sicherungscode ist ungültig.',
  4000017: 'Darf höchstens {max_length} Zeichen lang sein, hat aber {actual_length}.',
  4000018: 'Muss mindestens {minimum} sein, ist aber {actual}.',
  4000019: 'Muss größer als {minimum} sein, ist aber {actual}.',
  4000020: 'Darf höchstens {maximum} sein, ist aber {actual}.',
  4000021: 'Muss kleiner als {maximum} sein, ist aber {actual}.',
  4000022: '{actual} ist kein Vielfaches von {base}.',
  4000023: 'Höchstens {max_items} Einträge sind erlaubt, es sind aber {actual_items}.',
  4000024: 'Mindestens {min_items} Einträge sind nötig, es sind aber {actual_items}.',
  4000025: 'Die Einträge {index_a} und {index_b} sind gleich; jeder Eintrag muss eindeutig sein.',
  4000026: (context) => {
    const allowed = listText(context['allowed_types']);
    const actual = text(context['actual_type']);
    return allowed === undefined || actual === undefined
      ? undefined
      : `Erwartet: ${allowed}, erhalten: ${actual}.`;
  },
  4000027:
    'Es gibt bereits ein Konto mit dieser Kennung (E-Mail-Adresse, Telefonnummer, Benutzername …). Bitte melden Sie sich bei Ihrem bestehenden Konto an, um Ihr soziales Konto damit zu verknüpfen.',
  4000028: (context) => {
    const hint = text(context['credential_identifier_hint']);
    const types = listText(context['available_credential_types']);
    if (hint === undefined || types === undefined) return undefined;
    const providers = listText(context['available_oidc_providers']);
    const social = providers === undefined ? '' : ` oder mit einem dieser Anbieter: ${providers}`;
    return `Sie wollten sich mit ${hint} anmelden, das bereits von einem anderen Konto verwendet wird. Sie können sich anmelden mit: ${types}${social}.`;
  },
  4000029: 'Muss gleich {expected} sein.',
  4000030: 'Dieser Wert ist nicht erlaubt.',
  4000031: 'Das Passwort kann nicht verwendet werden, weil es der Kennung zu ähnlich ist.',
  4000032: 'Das Passwort muss mindestens {min_length} Zeichen lang sein, hat aber {actual_length}.',
  4000033: 'Das Passwort darf höchstens {max_length} Zeichen lang sein, hat aber {actual_length}.',
  4000034: 'Dieses Passwort ist in Datenlecks aufgetaucht und darf nicht mehr verwendet werden.',
  4000035: 'Dieses Konto existiert nicht oder hat die Anmeldung per Code nicht eingerichtet.',
  4000036: 'Die angegebenen Merkmale passen nicht zu denen, die zuvor mit diesem Vorgang verknüpft waren.',
  4000037: 'Dieses Konto existiert nicht oder hat keine Anmeldemethode eingerichtet.',
  4000038: 'Die Captcha-Prüfung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  4000039: 'Das neue Passwort muss sich vom alten unterscheiden.',
  4000040: 'Geben Sie eine gültige E-Mail-Adresse ein.',
  4000041: 'Geben Sie eine gültige Telefonnummer ein.',

  // 401xxxx: Anmeldung
  4010001: flowExpired('zur Anmeldung'),
  4010002: 'Mit diesen Angaben ist keine Anmeldung möglich. Haben Sie das Formular richtig ausgefüllt?',
  4010003: 'Mit diesen Angaben ist keine Registrierung möglich. Haben Sie das Formular richtig ausgefüllt?',
  4010004:
    'Mit diesen Angaben können Ihre Einstellungen nicht geändert werden. Haben Sie das Formular richtig ausgefüllt?',
  4010005:
    'Mit diesen Angaben kann Ihr Konto nicht wiederhergestellt werden. Haben Sie das Formular richtig ausgefüllt?',
  4010006:
    'Mit diesen Angaben kann Ihr Konto nicht bestätigt werden. Haben Sie das Formular richtig ausgefüllt?',
  4010007: alreadyCompleted,
  4010008: 'Der Anmeldecode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',
  4010009: 'Die verknüpften Anmeldedaten stimmen nicht überein.',
  4010010: 'Die eingegebene Adresse passt zu keiner bekannten Adresse dieses Kontos.',

  // 404xxxx: Registrierung
  4040001: flowExpired('zur Registrierung'),
  4040002: alreadyCompleted,
  4040003: 'Der Registrierungscode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',

  // 405xxxx: Einstellungen
  4050001: flowExpired('der Einstellungen'),

  // 406xxxx: Wiederherstellung
  4060001: alreadyCompleted,
  4060002: 'Die Wiederherstellung ist fehlgeschlagen und muss neu begonnen werden.',
  4060003: 'Der Wiederherstellungsschlüssel fehlt. Bitte beginnen Sie die Wiederherstellung neu.',
  4060004:
    'Der Wiederherstellungsschlüssel ist ungültig oder wurde bereits verwendet. Bitte beginnen Sie die Wiederherstellung neu.',
  4060005: flowExpired('zur Wiederherstellung'),
  4060006:
    'Der Wiederherstellungscode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',
  4060007: 'Der Wiederherstellungscode wurde zu oft gesendet. Bitte beginnen Sie die Wiederherstellung neu.',

  // 407xxxx: Bestätigung
  4070001:
    'Der Bestätigungsschlüssel ist ungültig oder wurde bereits verwendet. Bitte beginnen Sie die Bestätigung neu.',
  4070002: alreadyCompleted,
  4070003: 'Die Bestätigung ist fehlgeschlagen und muss neu begonnen werden.',
  4070004: 'Der Bestätigungsschlüssel fehlt. Bitte beginnen Sie die Bestätigung neu.',
  4070005: flowExpired('zur Bestätigung'),
  4070006: 'Der Bestätigungscode ist ungültig oder wurde bereits verwendet. Bitte versuchen Sie es erneut.',

  // 500xxxx: System
  5000001: '{reason}',
  5000002:
    'Auf diesem Server ist keine Anmeldemethode verfügbar. Bitte wenden Sie sich an seine Administration.',
} satisfies Readonly<Record<MessageId, KratosTemplate>>;
