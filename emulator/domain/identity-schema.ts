/**
 * The identity schema (Kratos format with `ory.sh/kratos` extensions) and everything derived from it: traits
 * form nodes, traits validation, password and code identifiers, verifiable/recovery addresses. Keeping the
 * model in a schema (as Kratos does) means a different identity model needs no code change: the emulator
 * ships emulator/identity.schema.json and a Kratos config file can name another one (`identity.schemas`).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { text, type UiText } from '../messages';
import type {
  UiInputNode,
  UiNodeGroup,
  UiNodeInputAttributes,
  UiNodeInputType,
} from '../../shared/kratos-wire';
import { inputNode } from './nodes';

export const IDENTITY_SCHEMA_ID = 'default';

interface KratosExtension {
  credentials?: {
    password?: { identifier?: boolean };
    code?: { identifier?: boolean; via?: string };
    passkey?: { display_name?: boolean };
  };
  verification?: { via?: string };
  recovery?: { via?: string };
}

interface TraitSchema {
  type?: string;
  format?: string;
  title?: string;
  'ory.sh/kratos'?: KratosExtension;
}

interface Trait {
  name: string;
  title: string;
  inputType: UiNodeInputType;
  required: boolean;
  autocomplete?: UiNodeInputAttributes['autocomplete'];
  isPasswordIdentifier: boolean;
  /** `credentials.code.identifier`: the passwordless code sign-in may be requested for this trait. */
  isCodeIdentifier: boolean;
  /** `credentials.passkey.display_name`: the trait a passkey is named after (`displayNameFieldName`). */
  isPasskeyDisplayName: boolean;
  verificationVia?: string;
  recoveryVia?: string;
}

interface TraitError {
  /** Node name (`traits.email`), or undefined for a form-level error. */
  field?: string;
  message: UiText;
}

export interface IdentitySchema {
  /** The schema as served at /schemas/{id}. */
  readonly json: unknown;
  readonly traits: readonly Trait[];
  readonly identifierTraits: readonly Trait[];
  traitNode(trait: Trait, group: UiNodeGroup, value: unknown): UiInputNode;
  /** Traits nodes in form order; `identifiers` are the password identifier traits. */
  traitNodes(
    group: UiNodeGroup,
    values?: Record<string, unknown>,
  ): { identifiers: UiInputNode[]; others: UiInputNode[]; all: UiInputNode[] };
  passwordIdentifiers(values: Record<string, unknown>): string[];
  codeIdentifiers(values: Record<string, unknown>): string[];
  /** The trait a passkey is named after (`credentials.passkey.display_name`), as a node name, if any. */
  readonly passkeyDisplayNameField: string | undefined;
  /** That trait's value in `values`, if it is a non-empty string. */
  passkeyDisplayName(values: Record<string, unknown>): string | undefined;
  addressesFor(values: Record<string, unknown>, kind: 'verification' | 'recovery'): string[];
  validateTraits(values: unknown): TraitError[];
}

/** Kratos lowercases email identifiers before storing and comparing them. */
export const normalizeIdentifier = (value: string): string => value.trim().toLowerCase();

function inputTypeOf(trait: TraitSchema): UiNodeInputType {
  if (trait.format === 'email') return 'email';
  if (trait.type === 'number' || trait.type === 'integer') return 'number';
  if (trait.type === 'boolean') return 'checkbox';
  return 'text';
}

// ajv-formats is published as CommonJS with a default export; unwrap it for both ESM and bundled CJS.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
// strict: false because the schema carries Kratos's `ory.sh/kratos` extension keyword; verbose: true
// so errors carry the offending value (needed for the minLength/format messages).
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, verbose: true }));

const validateEmail = ajv.compile({ type: 'string', format: 'email' });

/** The `email` format check Kratos's code strategy applies to a recovery/verification address. */
export const isEmailAddress = (value: string): boolean => validateEmail(value);

/** Thrown for a schema the emulator cannot use; the message says what is wrong. */
export class IdentitySchemaError extends Error {}

function traitsSchemaOf(json: unknown): { properties: Record<string, TraitSchema>; required?: string[] } {
  const traits = (json as { properties?: { traits?: unknown } } | null)?.properties?.traits as
    { properties?: unknown; required?: unknown } | undefined;
  if (typeof traits !== 'object' || traits === null || typeof traits.properties !== 'object') {
    throw new IdentitySchemaError('the identity schema has no `properties.traits.properties` object');
  }
  return traits as { properties: Record<string, TraitSchema>; required?: string[] };
}

/** Compiles an identity schema; throws IdentitySchemaError when it is not one. */
export function compileIdentitySchema(json: unknown): IdentitySchema {
  const traitsSchema = traitsSchemaOf(json);
  const traits: Trait[] = Object.entries(traitsSchema.properties).map(([name, def]) => {
    const ext = def['ory.sh/kratos'] ?? {};
    return {
      name,
      title: def.title ?? name,
      inputType: inputTypeOf(def),
      required: (traitsSchema.required ?? []).includes(name),
      autocomplete: def.format === 'email' ? 'email' : undefined,
      isPasswordIdentifier: ext.credentials?.password?.identifier === true,
      isCodeIdentifier: ext.credentials?.code?.identifier === true,
      isPasskeyDisplayName: ext.credentials?.passkey?.display_name === true,
      verificationVia: ext.verification?.via,
      recoveryVia: ext.recovery?.via,
    };
  });
  let validate: ValidateFunction;
  try {
    validate = ajv.compile((json as { properties: { traits: object } }).properties.traits);
  } catch (error) {
    throw new IdentitySchemaError(`the identity schema does not compile: ${(error as Error).message}`);
  }

  // Password identifiers first (Kratos sorts them first in forms), then the other traits in schema order.
  const ordered = [...traits].sort((a, b) => Number(b.isPasswordIdentifier) - Number(a.isPasswordIdentifier));
  const stringsOf = (values: Record<string, unknown>, chosen: Trait[]) =>
    chosen
      .map((t) => values[t.name])
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map(normalizeIdentifier);

  const traitNode = (trait: Trait, group: UiNodeGroup, value: unknown): UiInputNode =>
    inputNode(group, `traits.${trait.name}`, trait.inputType, {
      value,
      required: trait.required,
      autocomplete: trait.autocomplete,
      label: text.labelGenerated(`traits.${trait.name}`, trait.title),
    });

  const passkeyTrait = traits.find((t) => t.isPasskeyDisplayName);
  return {
    json,
    traits,
    identifierTraits: traits.filter((t) => t.isPasswordIdentifier),
    passkeyDisplayNameField: passkeyTrait && `traits.${passkeyTrait.name}`,
    passkeyDisplayName: (values) => {
      const value =
        passkeyTrait && Object.hasOwn(values, passkeyTrait.name) ? values[passkeyTrait.name] : undefined;
      return typeof value === 'string' && value !== '' ? value : undefined;
    },
    traitNode,
    traitNodes(group, values = {}) {
      const nodes = ordered.map((t) => ({ trait: t, node: traitNode(t, group, values[t.name]) }));
      return {
        identifiers: nodes.filter((n) => n.trait.isPasswordIdentifier).map((n) => n.node),
        others: nodes.filter((n) => !n.trait.isPasswordIdentifier).map((n) => n.node),
        all: nodes.map((n) => n.node),
      };
    },
    passwordIdentifiers: (values) =>
      stringsOf(
        values,
        traits.filter((t) => t.isPasswordIdentifier),
      ),
    codeIdentifiers: (values) =>
      stringsOf(
        values,
        traits.filter((t) => t.isCodeIdentifier),
      ),
    addressesFor: (values, kind) =>
      stringsOf(
        values,
        traits.filter((t) => (kind === 'verification' ? t.verificationVia : t.recoveryVia) === 'email'),
      ),
    validateTraits(values) {
      if (validate(values)) return [];
      return (validate.errors ?? []).map(toTraitError);
    },
  };
}

/**
 * Maps ajv errors to Kratos messages: `required` → 4000002 and `minLength` → 4000003 (as Kratos's schema error
 * mapping does); other keywords → 4000001 with ajv's text, because the emulator does not replicate Kratos's
 * per-keyword wording for them.
 */
function toTraitError(e: ErrorObject): TraitError {
  const pointer = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (e.keyword === 'required') {
    const property = (e.params as { missingProperty: string }).missingProperty;
    return { field: `traits.${property}`, message: text.validationRequired(property) };
  }
  const field = pointer ? `traits.${pointer}` : undefined;
  if (e.keyword === 'minLength' && typeof e.data === 'string') {
    const limit = (e.params as { limit: number }).limit;
    return { field, message: text.validationMinLength(limit, [...e.data].length) };
  }
  if (e.keyword === 'format') {
    const format = (e.params as { format: string }).format;
    return {
      field,
      message: text.validationGeneric(`${JSON.stringify(e.data)} is not valid ${JSON.stringify(format)}`),
    };
  }
  return { field, message: text.validationGeneric(`${pointer || 'traits'} ${e.message ?? 'is invalid'}`) };
}
