/**
 * Validates emulator responses against Kratos's OpenAPI document (emulator/spec/kratos-api.json, a byte copy
 * of ory/kratos spec/api.json): method + concrete path → operation (by path template), status → response
 * (falling back to `default`), body → JSON schema via ajv. An unknown operation or status is a failure.
 *
 * OpenAPI 3.0 is not plain JSON Schema, so the document is adapted before compiling (each change explained):
 * - `nullable: true` becomes `type: [T, "null"]` (or is dropped when no type is given: any value is allowed);
 * - `discriminator` is kept and ajv's `discriminator` option checks it; its `mapping` is dropped because ajv
 *   does not support it and infers the same mapping from each oneOf schema's one-value `enum`;
 * - a schema with `additionalProperties: false` and no `properties` (how go-swagger renders Go's
 *   `map[string]interface{}`, e.g. `genericError.details`) is opened: Kratos fills those maps;
 * - `errorBrowserLocationChangeRequired.error` is corrected to `genericError` (see compile());
 * - GET /sessions/token-exchange's 422 is the login or registration flow, not `errorGeneric` (see compile());
 * - POST /self-service/recovery's 400 may be `errorGeneric` too: too many codes (see compile());
 * - KNOWN_GAPS below: where real Kratos sends `null` for a field the spec types as non-null (Go nil
 *   pointers/slices without `omitempty`). Each is cited; nothing else is relaxed.
 * - vendor keys (`x-*`) and `example` are tolerated (strict: false); Go formats uuid4/uintN are defined.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const SPEC_PATH = new URL('../../emulator/spec/kratos-api.json', import.meta.url);

export interface ValidatedExchange {
  method: string;
  /** Concrete path, with or without query. */
  path: string;
  status: number;
  responseHeaders?: Record<string, string | string[] | undefined>;
  body: unknown;
}

type Json = Record<string, unknown>;

/**
 * Fields real Kratos marshals as null although the spec says otherwise (docs/protocol.md §1.3, §13):
 * - `successfulNativeLogin.session.identity` (only there) is nulled when the whoami AAL is not met (login/hook.go);
 * - `continue_with` is a Go nil slice without omitempty on login/registration success (registration/session.go).
 */
const KNOWN_GAPS: Array<{ schema: string; property: string }> = [
  { schema: 'successfulNativeLogin', property: 'continue_with' },
  { schema: 'successfulNativeRegistration', property: 'continue_with' },
  { schema: 'loginSession', property: 'identity' },
];

function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = adapt(value);
  if (out.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    delete out.nullable;
  } else if ('nullable' in out) {
    delete out.nullable;
  }
  if (out.additionalProperties === false && out.properties === undefined) delete out.additionalProperties;
  if (typeof out.discriminator === 'object' && out.discriminator !== null) {
    out.discriminator = { propertyName: (out.discriminator as Json).propertyName };
  }
  return out;
}

function allowNull(schemas: Json, name: string, property: string): void {
  const schema = schemas[name] as { properties: Json };
  schema.properties[property] = { anyOf: [schema.properties[property], { type: 'null' }] };
}

interface Operation {
  responses: Record<string, Json>;
}

interface Compiled {
  ajv: Ajv;
  paths: Array<{ pattern: RegExp; template: string; operations: Record<string, Operation> }>;
  responses: Json;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Json; responses: Json };
  };
  const schemas = adapt(spec.components.schemas) as Json;
  // errorBrowserLocationChangeRequired.error points at errorGeneric (an envelope inside the envelope), but
  // Kratos marshals the embedded herodot.DefaultError there (selfservice/flow/error.go): a genericError.
  ((schemas.errorBrowserLocationChangeRequired as Json).properties as Json).error = {
    $ref: '#/components/schemas/genericError',
  };
  // Only the login response may carry a session without identity: give it its own copy of `session`.
  schemas.loginSession = structuredClone(schemas.session);
  ((schemas.successfulNativeLogin as Json).properties as Json).session = {
    $ref: '#/components/schemas/loginSession',
  };
  for (const gap of KNOWN_GAPS) allowNull(schemas, gap.schema, gap.property);

  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    ajv: Ajv,
  ) => Ajv;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true, discriminator: true }));
  // Go-specific formats the spec uses: uuid4 is a UUID, uintN a non-negative integer.
  ajv.addFormat('uuid4', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  for (const format of ['uint8', 'uint32', 'uint64']) {
    ajv.addFormat(format, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  }
  ajv.addSchema({ $id: 'kratos', components: { schemas } });

  // A social sign-in that failed at the provider: the exchange answers 422 with the flow and its messages
  // (session/handler.go exchangeCode: `h.r.Writer().WriteCode(w, r, http.StatusUnprocessableEntity, f)`).
  spec.paths['/sessions/token-exchange']!['get']!.responses['422'] = {
    content: {
      'application/json': {
        schema: {
          anyOf: [
            { $ref: '#/components/schemas/loginFlow' },
            { $ref: '#/components/schemas/registrationFlow' },
          ],
        },
      },
    },
  };

  // Too many recovery codes: the 400 is an error envelope naming a new flow (`details.continue_with`
  // show_recovery_ui; measured on v1.3.1, docs/emulator.md), besides the recovery flow the spec declares.
  spec.paths['/self-service/recovery']!['post']!.responses['400'] = {
    content: {
      'application/json': {
        schema: {
          anyOf: [
            { $ref: '#/components/schemas/recoveryFlow' },
            { $ref: '#/components/schemas/errorGeneric' },
          ],
        },
      },
    },
  };

  const paths = Object.entries(spec.paths).map(([template, operations]) => ({
    template,
    operations,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  compiled = { ajv, paths, responses: spec.components.responses };
  return compiled;
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(ajv: Ajv, schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    // Response schemas reference components with "#/components/schemas/X"; point those at the registered document.
    const rebased = JSON.parse(
      key.replaceAll('"#/components/schemas/', '"kratos#/components/schemas/'),
    ) as Json;
    validate = ajv.compile(adapt(rebased) as Json);
    validators.set(key, validate);
  }
  return validate;
}

/** Returns human-readable problems; an empty list means the response matches the spec. */
export function validateAgainstSpec(exchange: ValidatedExchange): string[] {
  const { ajv, paths, responses } = compile();
  const path = exchange.path.split('?')[0]!;
  const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
  // Prefer literal templates over parameterised ones (/sessions/whoami before /sessions/{id}).
  const candidates = paths
    .filter((p) => p.pattern.test(path))
    .sort((a, b) => a.template.indexOf('{') - b.template.indexOf('{'));
  const entry = candidates.find((p) => p.operations[exchange.method.toLowerCase()]);
  if (!entry) return [`${where}: no operation in the spec`];
  const operation = entry.operations[exchange.method.toLowerCase()]!;
  let response = operation.responses[String(exchange.status)] ?? operation.responses.default;
  if (!response) return [`${where}: status not declared by ${entry.template}`];
  if (typeof response.$ref === 'string') response = responses[response.$ref.split('/').pop()!] as Json;

  const content = response.content as Record<string, { schema: Json }> | undefined;
  const schema = content?.['application/json']?.schema;
  if (!schema) {
    return exchange.body === undefined ? [] : [`${where}: spec declares no body but one was sent`];
  }
  if (exchange.body === undefined) return [`${where}: spec declares a JSON body but none was sent`];
  const contentType =
    exchange.responseHeaders?.['Content-Type'] ?? exchange.responseHeaders?.['content-type'];
  if (exchange.responseHeaders && !String(contentType).startsWith('application/json')) {
    return [`${where}: Content-Type is ${String(contentType)}, expected application/json`];
  }
  const validate = validatorFor(ajv, schema);
  if (validate(exchange.body)) return [];
  return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}
