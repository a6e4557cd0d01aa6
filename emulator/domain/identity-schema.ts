/**
 * The identity schema (identity.schema.json, Kratos format with `ory.sh/kratos` extensions) and everything
 * derived from it: traits form nodes, traits validation, password identifiers, verifiable/recovery addresses.
 * Keeping the model in a schema file (as Kratos does) means a different identity model needs no code change.
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import schema from '../identity.schema.json' with { type: 'json' };
import * as text from '../messages';
import { inputNode, type InputNode, type InputType, type NodeGroup } from './nodes';

export const identitySchema = schema;
export const IDENTITY_SCHEMA_ID = 'default';

interface KratosExtension {
  credentials?: { password?: { identifier?: boolean } };
  verification?: { via?: string };
  recovery?: { via?: string };
}

interface TraitSchema {
  type: string;
  format?: string;
  title?: string;
  maxLength?: number;
  'ory.sh/kratos'?: KratosExtension;
}

export interface Trait {
  name: string;
  title: string;
  inputType: InputType;
  required: boolean;
  autocomplete?: string;
  isPasswordIdentifier: boolean;
  verificationVia?: string;
  recoveryVia?: string;
}

const traitsSchema = schema.properties.traits as {
  properties: Record<string, TraitSchema>;
  required?: string[];
};

function inputTypeOf(trait: TraitSchema): InputType {
  if (trait.format === 'email') return 'email';
  if (trait.type === 'number' || trait.type === 'integer') return 'number';
  if (trait.type === 'boolean') return 'checkbox';
  return 'text';
}

export const traits: Trait[] = Object.entries(traitsSchema.properties).map(([name, def]) => {
  const ext = def['ory.sh/kratos'] ?? {};
  return {
    name,
    title: def.title ?? name,
    inputType: inputTypeOf(def),
    required: (traitsSchema.required ?? []).includes(name),
    autocomplete: def.format === 'email' ? 'email' : undefined,
    isPasswordIdentifier: ext.credentials?.password?.identifier === true,
    verificationVia: ext.verification?.via,
    recoveryVia: ext.recovery?.via,
  };
});

/** Password identifiers first (Kratos sorts them first in forms), then the other traits in schema order. */
const orderedTraits = [...traits].sort(
  (a, b) => Number(b.isPasswordIdentifier) - Number(a.isPasswordIdentifier),
);

export const identifierTraits = traits.filter((t) => t.isPasswordIdentifier);

export function traitNode(trait: Trait, group: NodeGroup, value: unknown): InputNode {
  return inputNode(group, `traits.${trait.name}`, trait.inputType, {
    value,
    required: trait.required,
    autocomplete: trait.autocomplete,
    label: text.labelGenerated(`traits.${trait.name}`, trait.title),
  });
}

/** Traits nodes in form order; `split` separates identifier traits (shown before the password field). */
export function traitNodes(group: NodeGroup, values: Record<string, unknown> = {}) {
  const nodes = orderedTraits.map((t) => ({ trait: t, node: traitNode(t, group, values[t.name]) }));
  return {
    identifiers: nodes.filter((n) => n.trait.isPasswordIdentifier).map((n) => n.node),
    others: nodes.filter((n) => !n.trait.isPasswordIdentifier).map((n) => n.node),
    all: nodes.map((n) => n.node),
  };
}

/** Kratos lowercases email identifiers before storing and comparing them. */
export const normalizeIdentifier = (value: string): string => value.trim().toLowerCase();

export function passwordIdentifiers(values: Record<string, unknown>): string[] {
  return identifierTraits
    .map((t) => values[t.name])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map(normalizeIdentifier);
}

export const addressesFor = (values: Record<string, unknown>, kind: 'verification' | 'recovery') =>
  traits
    .filter((t) => (kind === 'verification' ? t.verificationVia : t.recoveryVia) === 'email')
    .map((t) => values[t.name])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map(normalizeIdentifier);

// ajv-formats is published as CommonJS with a default export; unwrap it for both ESM and bundled CJS.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
// strict: false because the schema carries Kratos's `ory.sh/kratos` extension keyword; verbose: true
// so errors carry the offending value (needed for the minLength/format messages).
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, verbose: true }));
const validateTraitsSchema = ajv.compile(schema.properties.traits);

export interface TraitError {
  /** Node name (`traits.email`), or undefined for a form-level error. */
  field?: string;
  message: text.UiText;
}

/**
 * Validates traits against the schema and maps errors to Kratos messages: `required` → 4000002 and
 * `minLength` → 4000003 (as Kratos's schema error mapping does); other keywords → 4000001 with ajv's text,
 * because the emulator does not replicate Kratos's per-keyword wording for them.
 */
export function validateTraits(values: unknown): TraitError[] {
  if (validateTraitsSchema(values)) return [];
  return (validateTraitsSchema.errors ?? []).map(toTraitError);
}

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
