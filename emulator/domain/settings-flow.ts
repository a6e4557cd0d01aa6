/**
 * Pure builders for native settings flows: profile (traits from the schema), password, TOTP and lookup
 * secrets. Node sets match fixtures/settings-nodes-*.json and settings-flow-*.json.
 */
import { text, type UiText } from '../messages';
import { newFlowBody, openingFields, type FlowBody, type FlowContext } from './flow';
import { identityJson, type IdentityRecord, type LookupCode } from './identity';
import type { IdentitySchema } from './identity-schema';
import type { SettingsFlow, UiNode } from '../../shared/kratos-wire';
import { csrfNode, imageNode, inputNode, submitNode, textNode } from './nodes';

/** What the TOTP part shows: a pending setup (QR + secret) or the unlink button. */
type TotpView = { kind: 'setup'; qrDataUri: string; secret: string } | { kind: 'linked' };

/** What the lookup-secret part shows (strategy/lookup/settings.go). */
export type LookupView =
  | { kind: 'none' }
  | { kind: 'hidden' }
  | { kind: 'revealed'; codes: LookupCode[] }
  | { kind: 'generated'; codes: LookupCode[] };

function lookupCodesNode(codes: LookupCode[]): UiNode {
  const secrets = codes.map((c) =>
    c.usedAt ? text.lookupSecretUsed(new Date(c.usedAt)) : text.lookupSecret(c.code),
  );
  const texts = codes.map((c) => (c.usedAt ? 'used' : c.code));
  return textNode(
    'lookup_secret',
    'lookup_secret_codes',
    text.lookupSecretList(texts, secrets),
    text.lookupSecretsLabel(),
  );
}

function lookupNodes(view: LookupView): UiNode[] {
  const button = (name: string, label: UiText) => submitNode('lookup_secret', name, 'true', label);
  switch (view.kind) {
    case 'none':
      return [button('lookup_secret_regenerate', text.regenerateLookup())];
    case 'hidden':
      return [
        button('lookup_secret_reveal', text.revealLookup()),
        button('lookup_secret_disable', text.disableLookup()),
      ];
    case 'revealed':
      return [
        lookupCodesNode(view.codes),
        button('lookup_secret_disable', text.disableLookup()),
        button('lookup_secret_regenerate', text.regenerateLookup()),
      ];
    case 'generated':
      return [lookupCodesNode(view.codes), button('lookup_secret_confirm', text.confirmLookup())];
  }
}

function totpNodes(view: TotpView): UiNode[] {
  if (view.kind === 'linked') {
    const unlink = submitNode('totp', 'totp_unlink', 'true', text.unlinkTotp());
    unlink.attributes.required = true;
    return [unlink];
  }
  return [
    imageNode('totp', 'totp_qr', view.qrDataUri, 256, text.totpQrCode()),
    textNode('totp', 'totp_secret_key', text.totpSecret(view.secret), text.totpSecretLabel()),
    inputNode('totp', 'totp_code', 'text', { required: true, label: text.labelVerifyCode() }),
    submitNode('totp', 'method', 'totp', text.labelSave()),
  ];
}

/** What a settings form offers: each part is absent when its method is disabled. */
export interface SettingsParts {
  schema: IdentitySchema;
  password: boolean;
  totp?: TotpView;
  lookup?: LookupView;
  /** The passkey part (group `passkey`), built by passkey.ts's settingsNodes. */
  passkey?: UiNode[];
  /** The social accounts part (group `oidc`): link and unlink buttons (settings.ts oidcPart). */
  oidc?: UiNode[];
}

/**
 * The settings nodes. Real Kratos (v1.3.1, measured) lists the lookup-secret part before TOTP, except when it
 * shows codes (just generated or revealed): then it comes last.
 */
export function settingsNodes(identity: IdentityRecord, parts: SettingsParts): UiNode[] {
  const totp = parts.totp ? totpNodes(parts.totp) : [];
  const lookup = parts.lookup ? lookupNodes(parts.lookup) : [];
  return [
    csrfNode(),
    ...parts.schema.traitNodes('profile', identity.traits).all,
    submitNode('profile', 'method', 'profile', text.labelSave()),
    ...(parts.password
      ? [
          inputNode('password', 'password', 'password', {
            required: true,
            autocomplete: 'new-password',
            label: text.labelPassword(),
          }),
          submitNode('password', 'method', 'password', text.labelSave()),
        ]
      : []),
    ...(parts.oidc ?? []),
    // settings/sort.go (v26.2.0): oidc, lookup, passkey, totp.
    ...(parts.lookup?.kind === 'generated' || parts.lookup?.kind === 'revealed'
      ? [...(parts.passkey ?? []), ...totp, ...lookup]
      : [...lookup, ...(parts.passkey ?? []), ...totp]),
  ];
}

export function newSettingsFlowBody(ctx: FlowContext, identity: IdentityRecord, nodes: UiNode[]): FlowBody {
  const base = newFlowBody('settings', ctx, nodes);
  return {
    ...openingFields(base),
    ui: base.ui,
    identity: identityJson(identity, ctx.publicUrl),
    state: 'show_form',
    // No organization_id: neither v26.2.0 nor v1.3.1 writes one in a settings flow (measured; Ory Network does).
  } satisfies SettingsFlow;
}
