/**
 * Pure builders for native registration flows, in both of Kratos's styles:
 * - two-step (Kratos ≥ 1.3 default; strategy/profile/two_step_registration.go): the `profile` screen asks for
 *   the traits (`method: profile`); the `credentials` screen keeps them as hidden inputs and offers the
 *   credentials plus a `screen: previous` "Back" button;
 * - one-step (`enable_legacy_one_step: true`): traits and password on one form
 *   (fixtures/registration-flow-missing-fields-4000002.json).
 * Node orders are those real Kratos v26.2.0 answers with (measured; docs/protocol.md §2.1): provider buttons,
 * then `csrf_token`, then the fields (v1.3.1 put `csrf_token` after the traits, test/parity/differences.ts).
 */
import type { OidcProvider } from '../config';
import { text } from '../messages';
import { newFlowBody, openingFields, type FlowBody, type FlowContext } from './flow';
import type { IdentitySchema } from './identity-schema';
import type { RegistrationFlow, UiNode } from '../../shared/kratos-wire';
import { csrfNode, inputNode, submitNode } from './nodes';
import { providerNodes } from './oidc';
import { registrationNodes as passkeyNodes } from './passkey';

/** Which form a registration flow shows. */
export type RegistrationScreen = 'one-step' | 'profile' | 'credentials';

/** What the credentials offer depends on: the enabled sign-up methods. */
export interface CredentialOptions {
  password: boolean;
  code: boolean;
  /** Social sign-up buttons, listed first on every screen (registration/sort.go puts group oidc first). */
  providers: readonly OidcProvider[];
  /** `passkey_create_data` of this flow when the passkey method is on (registration/sort.go: after default). */
  passkey?: string;
}

const passwordNode = () =>
  inputNode('password', 'password', 'password', {
    required: true,
    autocomplete: 'new-password',
    label: text.labelPassword(),
  });

function oneStepNodes(
  schema: IdentitySchema,
  values: Record<string, unknown>,
  options: CredentialOptions,
): UiNode[] {
  const traits = schema.traitNodes('default', values);
  return [
    ...providerNodes('registration', options.providers),
    csrfNode(),
    ...traits.identifiers,
    ...(options.passkey === undefined ? [] : passkeyNodes(options.passkey)),
    passwordNode(),
    ...traits.others,
    submitNode('password', 'method', 'password', text.signUp()),
  ];
}

/** Screen 1 of two: the traits, then `method: profile` ("Sign up"). */
function profileNodes(
  schema: IdentitySchema,
  values: Record<string, unknown>,
  options: CredentialOptions,
): UiNode[] {
  return [
    ...providerNodes('registration', options.providers),
    csrfNode(),
    ...schema.traitNodes('default', values).all,
    submitNode('profile', 'method', 'profile', text.signUp()),
  ];
}

/**
 * The submitted traits (those of `which`) as hidden inputs, required as the schema says (Kratos v26.2.0).
 * `absent: 'kept'` also keeps the traits the person left out, without a value, as Kratos's credentials screen
 * does (measured on v26.2.0: a sign-up without a name still carries a hidden `traits.name`).
 */
export function hiddenTraitNodes(
  schema: IdentitySchema,
  values: Record<string, unknown>,
  which: 'all' | 'identifiers' | 'others' = 'all',
  absent: 'dropped' | 'kept' = 'dropped',
): UiNode[] {
  const given = (name: string) => values[name] !== undefined && values[name] !== null;
  return schema.traits
    .filter((t) => which === 'all' || t.isPasswordIdentifier === (which === 'identifiers'))
    .filter((t) => absent === 'kept' || given(t.name))
    .map((t) =>
      inputNode('default', `traits.${t.name}`, 'hidden', {
        value: given(t.name) ? values[t.name] : undefined,
        required: t.required,
      }),
    );
}

/**
 * Screen 2 of two: the submitted traits as hidden inputs (so a generic client sends them along; required as
 * the schema says), the enabled credentials and "Back", in Kratos v26.2.0's order (measured: registration/
 * sort.go's schema sort puts the password between the identifier traits and the others, unless a passkey or
 * code button comes first), the same when the screen comes back with an error.
 */
export function credentialNodes(
  schema: IdentitySchema,
  values: Record<string, unknown>,
  options: CredentialOptions,
): UiNode[] {
  const identifiers = hiddenTraitNodes(schema, values, 'identifiers', 'kept');
  const others = hiddenTraitNodes(schema, values, 'others', 'kept');
  const passwordSubmit = submitNode('password', 'method', 'password', text.signUp());
  const before = [
    ...(options.passkey === undefined ? [] : passkeyNodes(options.passkey)),
    ...(options.code ? [submitNode('code', 'method', 'code', text.sendSignUpCode())] : []),
  ];
  // Kratos sorts the password among the default group's nodes only when no other group stands between them.
  const fields =
    before.length > 0
      ? [...identifiers, ...others, ...before, ...(options.password ? [passwordNode(), passwordSubmit] : [])]
      : [
          ...identifiers,
          ...(options.password ? [passwordNode()] : []),
          ...others,
          ...(options.password ? [passwordSubmit] : []),
        ];
  return [
    ...providerNodes('registration', options.providers),
    csrfNode(),
    ...fields,
    submitNode('profile', 'screen', 'previous', text.registrationBack()),
  ];
}

export function registrationNodes(
  screen: RegistrationScreen,
  schema: IdentitySchema,
  values: Record<string, unknown>,
  options: CredentialOptions,
): UiNode[] {
  switch (screen) {
    case 'one-step':
      return oneStepNodes(schema, values, options);
    case 'profile':
      return profileNodes(schema, values, options);
    case 'credentials':
      return credentialNodes(schema, values, options);
  }
}

export function newRegistrationFlowBody(ctx: FlowContext, nodes: UiNode[], returnTo?: string): FlowBody {
  const base = newFlowBody('registration', ctx, nodes);
  return {
    ...openingFields(base),
    ...(returnTo === undefined ? {} : { return_to: returnTo }),
    ui: base.ui,
    organization_id: null,
    state: base.state,
  } satisfies RegistrationFlow;
}
