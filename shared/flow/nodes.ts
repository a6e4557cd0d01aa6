/**
 * What each Kratos `ui.nodes` entry becomes on screen, decided without React so it can be tested alone.
 *
 * Kratos describes every form as a flat list of nodes (`input`, `img`, `a`, `text`, `script`, `div`) with a
 * `group` (`default`, `password`, `totp`, ...). The desktop app renders them generically, with three rules
 * that matter for safety: images only from `data:` URIs (nothing is fetched), links only http/https (opened
 * in the system browser by main), and server-provided scripts are never run.
 */
import {
  inputName,
  isAnchorNode,
  isBrowserGroup,
  isImageNode,
  isInputNode,
  isTextNode,
  isUiText,
  type UiNode,
  type UiNodeInputAttributes,
  type UiText,
} from '../kratos-wire';
import { isRecord } from '../is-record';
import type { MessageId } from '../kratos-messages';
import type { Confirmation } from '../confirmation';
import { strings } from '../strings';

/** Input types the app renders as a single text-like control. */
const fieldTypes = ['text', 'email', 'password', 'number', 'tel', 'url', 'date', 'datetime-local'] as const;
type FieldType = (typeof fieldTypes)[number];

/**
 * What every input shows and obeys, read once from attributes that come from the network unchecked (only
 * `name` and `type` are checked by isInputAttributes), so no component reads the raw attributes again.
 */
export interface InputBasics {
  name: string;
  /** `meta.label` (where Kratos puts it), else the input's own label. */
  label: UiText | undefined;
  required: boolean;
  disabled: boolean;
}

export type NodeView =
  | { kind: 'hidden'; name: string }
  | ({
      kind: 'field';
      inputType: FieldType;
      options: readonly unknown[] | undefined;
      /** The value Kratos filled in (text or a number), '' when none. */
      value: string;
      autocomplete: string | undefined;
      maxLength: number | undefined;
      pattern: string | undefined;
    } & InputBasics)
  | ({ kind: 'checkbox'; checked: boolean } & InputBasics)
  /**
   * `acknowledge`: a sentence the person must tick before this button can be pressed. `primary`: the form's
   * main action (the `default` group's button, or a group's `method`).
   */
  | ({
      kind: 'submit';
      value: unknown;
      primary: boolean;
      acknowledge?: string;
      /** Why the button is off, when Kratos offers it disabled for a reason the person should know. */
      note?: string;
    } & InputBasics)
  /**
   * Settings' "Link <provider>" (Kratos ≥ v26 draws it in API flows): Kratos finishes a link only in a browser
   * signed in to it, which a native app never has (its continuity cookie and session live there; measured on
   * v26.2.0, the browser ends on Kratos's error page). So it is never sent: it says how to link instead.
   */
  | ({ kind: 'provider-link'; value: string; provider: string; guidance: string } & InputBasics)
  /** `type: button` inputs only work with the WebAuthn JavaScript Kratos ships for browsers. */
  | ({ kind: 'browser-only-button' } & InputBasics)
  | { kind: 'image'; id: string; src: string; width: number | undefined; height: number | undefined }
  | { kind: 'blocked-image'; id: string; reason: string }
  | { kind: 'link'; id: string; href: string; title: UiText | undefined }
  | { kind: 'blocked-link'; id: string; href: string; reason: string }
  | { kind: 'secret'; id: string; secret: string }
  | { kind: 'secret-list'; id: string; secrets: readonly LookupCode[] }
  | { kind: 'text'; id: string; text: UiText | undefined }
  /**
   * A `div` (Kratos ≥ v26): a place a browser UI mounts a widget into, by its `id`, `class` and `data`. Nothing
   * to send and nothing to run, so it is drawn as an empty part with its label and messages; `note` says what
   * is missing where the widget is one a person must act on (a captcha, which only a web browser can show).
   */
  | { kind: 'division'; id: string; note: string | undefined }
  | { kind: 'unsupported'; id: string; reason: string };

type LookupCode = { kind: 'unused'; code: string } | { kind: 'used'; text: UiText };

/**
 * Buttons after which something on screen is gone for good. Kratos shows new backup codes and saves them on
 * "confirm"; from then on they are hidden, so the person must say they kept them first.
 */
const acknowledgements: Readonly<Record<string, () => string>> = {
  lookup_secret_confirm: () => strings.flow.acknowledgeCodes,
};

/** Decide how a node is shown. Unknown or malformed shapes become `unsupported` instead of throwing. */
export function classifyNode(node: UiNode): NodeView {
  if (isInputNode(node)) return classifyInput(node);
  if (isImageNode(node)) {
    const { id, src, width, height } = node.attributes;
    if (typeof src !== 'string' || !isDataImage(src)) {
      return {
        kind: 'blocked-image',
        id,
        reason: strings.flow.imageBlocked,
      };
    }
    return { kind: 'image', id, src, width: positive(width), height: positive(height) };
  }
  if (isAnchorNode(node)) {
    const { id, title } = node.attributes;
    const href = typeof node.attributes.href === 'string' ? node.attributes.href : '';
    if (!isWebUrl(href)) {
      return {
        kind: 'blocked-link',
        id,
        href,
        reason: strings.flow.linkBlocked,
      };
    }
    return { kind: 'link', id, href, title: isUiText(title) ? title : undefined };
  }
  if (isTextNode(node)) {
    const { id, text } = node.attributes;
    return classifyText(id, isUiText(text) ? text : undefined);
  }
  const id =
    isRecord(node.attributes) && typeof node.attributes['id'] === 'string' ? node.attributes['id'] : '';
  // Kratos's own types whose attributes failed their check land in `default` too.
  const type: string = node.type;
  switch (type) {
    case 'script':
      return { kind: 'unsupported', id, reason: strings.flow.scriptRefused };
    case 'div':
      return {
        kind: 'division',
        id,
        note: node.group === 'captcha' ? strings.flow.browserOnlyPart : undefined,
      };
    default:
      return { kind: 'unsupported', id, reason: strings.flow.unknownElement(type) };
  }
}

/** The buttons that start a passkey ceremony (login, sign-up and settings). */
export const isPasskeyButton = (name: string): boolean =>
  name === 'passkey_login_trigger' || name === 'passkey_register_trigger';

function classifyInput(node: UiNode & { attributes: UiNodeInputAttributes }): NodeView {
  const { attributes } = node;
  const { name, type } = attributes;
  if (type === 'hidden') return { kind: 'hidden', name };
  const own = attributes.label;
  const basics: InputBasics = {
    name,
    label: node.meta.label ?? (isUiText(own) ? own : undefined),
    required: attributes.required === true,
    disabled: attributes.disabled === true,
  };
  if (type === 'submit' && node.group === 'oidc' && name === 'link') {
    const provider = providerOf(node) ?? strings.flow.confirm.thisProvider;
    const value = typeof attributes.value === 'string' ? attributes.value : '';
    return {
      kind: 'provider-link',
      ...basics,
      value,
      provider,
      guidance: strings.flow.linkGuidance(provider),
    };
  }
  if (type === 'submit') {
    const acknowledge = Object.hasOwn(acknowledgements, name) ? acknowledgements[name]!() : undefined;
    const primary = node.group === 'default' || name === 'method';
    // Kratos offers the last passkey of an account without another way to sign in with its remove button off.
    const note = name === 'passkey_remove' && basics.disabled ? strings.flow.lastPasskey : undefined;
    return {
      kind: 'submit',
      ...basics,
      value: attributes.value,
      primary,
      ...(acknowledge ? { acknowledge } : {}),
      ...(note ? { note } : {}),
    };
  }
  // A passkey button runs its ceremony in the person's browser (main/flows/passkey-ceremony.ts): pressing it
  // sends its name like a submit. Every other `type: button` needs Kratos's browser script.
  if (type === 'button' && node.group === 'passkey' && isPasskeyButton(name)) {
    return { kind: 'submit', ...basics, value: '', primary: false };
  }
  if (type === 'button') return { kind: 'browser-only-button', ...basics };
  if (type === 'checkbox') {
    return { kind: 'checkbox', ...basics, checked: attributes.value === true || attributes.value === 'true' };
  }
  const options = Array.isArray(attributes.options)
    ? attributes.options.map((option: unknown) => (isRecord(option) ? option['value'] : option))
    : undefined;
  const inputType = (fieldTypes as readonly string[]).includes(type) ? (type as FieldType) : 'text';
  const { value, autocomplete, maxlength, pattern } = attributes as Partial<UiNodeInputAttributes>;
  return {
    kind: 'field',
    ...basics,
    inputType,
    options,
    value: typeof value === 'string' || typeof value === 'number' ? String(value) : '',
    autocomplete: typeof autocomplete === 'string' ? autocomplete : undefined,
    maxLength: typeof maxlength === 'number' ? maxlength : undefined,
    pattern: typeof pattern === 'string' ? pattern : undefined,
  };
}

/** TOTP secrets and lookup codes are text nodes whose context carries the secret(s); everything else is text. */
function classifyText(id: string, text: UiText | undefined): NodeView {
  const context = isRecord(text?.context) ? text.context : {};
  const secret = context['secret'];
  if (typeof secret === 'string' && secret !== '') return { kind: 'secret', id, secret };
  const secrets = context['secrets'];
  if (Array.isArray(secrets)) {
    const codes = secrets.flatMap((entry: unknown): LookupCode[] => {
      if (!isUiText(entry)) return [];
      const code = entry;
      const value = isRecord(code.context) ? code.context['secret'] : undefined;
      return typeof value === 'string' ? [{ kind: 'unused', code: value }] : [{ kind: 'used', text: code }];
    });
    return { kind: 'secret-list', id, secrets: codes };
  }
  return { kind: 'text', id, text };
}

function isSubmit(node: UiNode): boolean {
  return classifyNode(node).kind === 'submit';
}

/** The provider a link or unlink button names: Kratos's label context (its `label`), else its value (its id). */
export function providerOf(node: UiNode): string | undefined {
  const context = node.meta.label?.context as { provider?: unknown } | undefined;
  if (typeof context?.provider === 'string' && context.provider !== '') return context.provider;
  const value = isInputNode(node) ? node.attributes.value : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Only images embedded as data URIs (what Kratos sends for the TOTP QR code); nothing is fetched. */
export function isDataImage(src: string): boolean {
  return /^data:image\/(png|gif|jpeg|webp);base64,[a-z0-9+/=\s]+$/i.test(src);
}

export function isWebUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Groups

export interface NodeSection {
  group: string;
  nodes: UiNode[];
}

/**
 * Split nodes into sections, one per group, in the order groups first appear. The `default` group (the
 * identifier, hidden fields) comes first because every other group's submit sends it along.
 */
export function sectionsOf(nodes: readonly UiNode[]): NodeSection[] {
  const sections = new Map<string, UiNode[]>([['default', []]]);
  for (const node of nodes) {
    const section = sections.get(node.group) ?? [];
    section.push(node);
    sections.set(node.group, section);
  }
  // A section of hidden inputs only (the csrf token) has nothing to show; its values are still sent.
  return [...sections]
    .filter(([, list]) => list.some((node) => classifyNode(node).kind !== 'hidden'))
    .map(([group, list]) => ({ group, nodes: list }));
}

/**
 * The submit that Enter in a field of `group` triggers: the first submit of that group; for fields of the
 * `default` group (shared by all), the first submit of a group that does not finish in a web browser.
 */
export function primarySubmit(nodes: readonly UiNode[], group: string): UiNode | undefined {
  const submits = nodes.filter(isSubmit);
  if (group !== 'default') {
    const own = submits.find((node) => node.group === group);
    if (own) return own;
  }
  return submits.find((node) => !isBrowserGroup(node.group)) ?? submits[0];
}

/** A heading for a group section; `undefined` for `default`, which needs none. */
export function groupTitle(group: string): string | undefined {
  if (group === 'default') return undefined;
  return (
    (Object.hasOwn(strings.flow.groups, group) ? strings.flow.groups[group] : undefined) ??
    group.replace(/_/g, ' ')
  );
}

/** A width or height worth passing on (flows come from the network: a field can be null or missing). */
function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Buttons: names that say what they do, and confirmation before the ones that destroy something.

/** The app's name for a submit button, when Kratos's generic label would not say what it saves. */
export function submitLabel(node: UiNode): string | undefined {
  switch (node.meta.label?.id) {
    // Kratos labels every settings save "Save"; four buttons of that name cannot be told apart.
    case 1070003 satisfies MessageId:
      return Object.hasOwn(strings.flow.saves, node.group) ? strings.flow.saves[node.group] : undefined;
    // A two-step sign-up's first "Sign up" only opens step 2 (shared/flow/arrangement.ts).
    case 1040001 satisfies MessageId:
      return node.group === 'profile' ? strings.flow.signUpStep.continue : undefined;
    // Its "Back" goes to the address, shown beside it on step 2.
    case 1040008 satisfies MessageId:
      return inputName(node) === 'screen' ? strings.flow.signUpStep.change : undefined;
    default:
      return undefined;
  }
}

/**
 * The confirmation a submit needs, if any. Replacing backup codes only needs one when codes exist (Kratos
 * then also offers to reveal or disable them): the first codes replace nothing.
 */
export function confirmationFor(node: UiNode, nodes: readonly UiNode[]): Confirmation | undefined {
  if (!isInputNode(node)) return undefined;
  const { name } = node.attributes;
  switch (name) {
    case 'totp_unlink':
      return strings.flow.confirm.totpUnlink;
    case 'lookup_secret_disable':
      return strings.flow.confirm.lookupDisable;
    case 'lookup_secret_regenerate': {
      const existing = nodes.some((other) =>
        ['lookup_secret_reveal', 'lookup_secret_disable'].includes(inputName(other) ?? ''),
      );
      return existing ? strings.flow.confirm.lookupRegenerate : undefined;
    }
    case 'webauthn_remove':
      return strings.flow.confirm.webauthnRemove;
    case 'passkey_remove':
      return strings.flow.confirm.passkeyRemove;
    case 'unlink':
      return strings.flow.confirm.unlink(providerOf(node) ?? strings.flow.confirm.thisProvider);
    default:
      return undefined;
  }
}
