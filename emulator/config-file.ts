/**
 * Reads a real Kratos configuration file (YAML or JSON, as `kratos serve -c` takes it) into the emulator's
 * configuration, so one file configures both servers. Only the keys the emulator implements are honoured
 * (KEYS below); every other key is reported back, once, as not implemented or not applicable. A file that is
 * not YAML, or a honoured key with a value Kratos would refuse, is an EmulatorConfigError naming the file,
 * the key and what was expected.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, YAMLParseError } from 'yaml';
import {
  kratosDefaults,
  resolveConfig,
  type EmulatorConfig,
  type EnabledMethods,
  type OidcProvider,
  type RequiredAal,
} from './config';
import { compileIdentitySchema, IdentitySchemaError } from './domain/identity-schema';

export class EmulatorConfigError extends Error {}

export interface KratosConfigFile {
  /** The settings: Kratos's own defaults (`kratosDefaults`) under what the file sets, never the demo's. */
  config: EmulatorConfig;
  /** Keys (dotted paths) of settings the emulator does not implement: Kratos would act on them, it does not. */
  notImplemented: string[];
  /** Keys about running a server process (ports, database, secrets, logs...): meaningless for the emulator. */
  notApplicable: string[];
}

/** Sections and keys that configure a server process (ports, database, secrets, mail...), not the protocol. */
const NOT_APPLICABLE = [
  'version',
  'dsn',
  'serve',
  'secrets',
  'log',
  'courier',
  'tracing',
  'dev',
  'sqa',
  'database',
  'cookies',
  'hashers.algorithm',
];

type Json = unknown;
type Apply = (value: Json, into: Partial<EmulatorConfig>, ctx: Context) => void;

interface Context {
  file: string;
  key: string;
  /** Directory relative `file://` paths are resolved from: the working directory, as Kratos does. */
  cwd: string;
  /** `identity.default_schema_id`: which entry of `identity.schemas` is the identity schema. */
  defaultSchemaId: string;
}

const fail = (ctx: Context, expected: string, value: Json): never => {
  throw new EmulatorConfigError(
    `${ctx.file}: \`${ctx.key}\` must be ${expected}, got ${JSON.stringify(value)}`,
  );
};

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's duration syntax as Kratos's config schema allows it (`1h`, `15m`, `1h30m`, `500ms`). */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(amount) * UNIT_MS[unit!]!;
  return total;
}

const duration =
  (set: (ms: number, into: Partial<EmulatorConfig>) => void): Apply =>
  (value, into, ctx) => {
    const ms = typeof value === 'string' ? parseDuration(value) : undefined;
    if (ms === undefined) fail(ctx, 'a duration such as "1h" or "15m"', value);
    set(ms!, into);
  };

const boolean =
  (set: (on: boolean, into: Partial<EmulatorConfig>) => void): Apply =>
  (value, into, ctx) => {
    if (typeof value !== 'boolean') fail(ctx, 'true or false', value);
    set(value as boolean, into);
  };

/** `selfservice.flows.<kind>.enabled`. */
const flowEnabled = (kind: 'recovery' | 'verification'): Apply =>
  boolean((on, into) => {
    // Partial, like `methods`: resolveConfig fills in the other kind.
    into.flowsEnabled = { ...into.flowsEnabled, [kind]: on } as EmulatorConfig['flowsEnabled'];
  });

const requiredAal =
  (set: (aal: RequiredAal, into: Partial<EmulatorConfig>) => void): Apply =>
  (value, into, ctx) => {
    if (value !== 'aal1' && value !== 'highest_available') fail(ctx, '"aal1" or "highest_available"', value);
    set(value as RequiredAal, into);
  };

const flowLifespan =
  (kind: keyof EmulatorConfig['flowLifespanMs']): Apply =>
  (value, into, ctx) =>
    duration((ms) => {
      into.flowLifespanMs = { ...into.flowLifespanMs, [kind]: ms } as EmulatorConfig['flowLifespanMs'];
    })(value, into, ctx);

const methodEnabled =
  (method: keyof EnabledMethods): Apply =>
  (value, into, ctx) =>
    boolean((on) => {
      into.methods = { ...into.methods, [method]: on } as EnabledMethods;
    })(value, into, ctx);

/**
 * The hooks a method runs afterwards, among those the emulator implements: `session` and
 * `show_verification_ui` after registration, `require_verified_address` after login.
 */
function hookNames(value: Json, ctx: Context, implemented = ['session', 'show_verification_ui']): string[] {
  if (!Array.isArray(value)) return fail(ctx, 'a list of {hook: <name>}', value);
  return value.map((item) => {
    const name = (item as { hook?: unknown } | null)?.hook;
    if (typeof name !== 'string') fail(ctx, 'a list of {hook: <name>}', value);
    if (!implemented.includes(name as string)) {
      throw new EmulatorConfigError(
        `${ctx.file}: \`${ctx.key}\` names the hook "${String(name)}"; the emulator implements only ${implemented.map((hook) => `"${hook}"`).join(' and ')} here`,
      );
    }
    return name as string;
  });
}

/** Login hooks: `require_verified_address` (after password sign-ins, or every sign-in with `after.hooks`). */
const loginHooks: Apply = (value, into, ctx) => {
  const hooks = hookNames(value, ctx, ['require_verified_address']);
  into.loginRequireVerifiedAddress = hooks.includes('require_verified_address');
};

/**
 * Registration hooks. The emulator has one set for every sign-up method: `after.password.hooks` (or, without
 * it, `after.hooks`) sets it; `after.code.hooks` must agree (checked once the whole file is read).
 */
const registrationHooks: Apply = (value, into, ctx) => {
  const hooks = hookNames(value, ctx);
  into.registrationSessionHook = hooks.includes('session');
  into.registrationShowVerificationUi = hooks.includes('show_verification_ui');
};

/** `selfservice.allowed_return_urls`: absolute URLs (a custom scheme such as `kratos-desktop://auth` included). */
const allowedReturnUrls: Apply = (value, into, ctx) => {
  const urls = Array.isArray(value) ? value : [];
  if (!Array.isArray(value) || !urls.every((url) => typeof url === 'string' && URL.canParse(url)))
    fail(ctx, 'a list of absolute URLs', value);
  into.allowedReturnUrls = urls as string[];
};

/** `selfservice.methods.oidc.config.providers`: each needs an `id`; `label` names its button. */
const oidcProviders: Apply = (value, into, ctx) => {
  const expected = 'a list of {id, label?, ...}';
  if (!Array.isArray(value)) return fail(ctx, expected, value);
  into.oidcProviders = value.map((entry: Json): OidcProvider => {
    const { id, label } = (isObject(entry) ? entry : {}) as { id?: unknown; label?: unknown };
    if (typeof id !== 'string' || id === '' || (label !== undefined && typeof label !== 'string'))
      fail(ctx, expected, value);
    return label === undefined ? { id: id as string } : { id: id as string, label: label as string };
  });
};

/** `selfservice.methods.passkey.config.rp.<key>`: display_name and id are strings, origins a list of them. */
const passkeyRp =
  (key: 'displayName' | 'id'): Apply =>
  (value, into, ctx) => {
    if (typeof value !== 'string' || value === '') fail(ctx, 'a non-empty string', value);
    into.passkeyRp = { ...kratosDefaults.passkeyRp, ...into.passkeyRp, [key]: value as string };
  };
const passkeyOrigins: Apply = (value, into, ctx) => {
  if (!Array.isArray(value) || !value.every((origin) => typeof origin === 'string' && origin !== ''))
    fail(ctx, 'a list of origins', value);
  into.passkeyRp = { ...kratosDefaults.passkeyRp, ...into.passkeyRp, origins: value as string[] };
};

function identitySchema(value: Json, into: Partial<EmulatorConfig>, ctx: Context): void {
  if (!Array.isArray(value) || value.length === 0) fail(ctx, 'a list of {id, url}', value);
  const schemas = value as { id?: unknown; url?: unknown }[];
  const chosen = schemas.find((s) => s?.id === ctx.defaultSchemaId) ?? schemas[0];
  const url = chosen?.url;
  if (typeof url !== 'string') return fail(ctx, 'a list of {id, url}', value);
  let text: string;
  if (url.startsWith('base64://')) {
    text = Buffer.from(url.slice('base64://'.length), 'base64').toString('utf8');
  } else if (url.startsWith('file://')) {
    // Kratos reads `file://relative/path` relative to its working directory; `file:///abs` is absolute.
    const path = url.startsWith('file:///') ? fileURLToPath(url) : url.slice('file://'.length);
    const absolute = isAbsolute(path) ? path : resolve(ctx.cwd, path);
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      throw new EmulatorConfigError(
        `${ctx.file}: the identity schema ${url} cannot be read (${(error as Error).message})`,
      );
    }
  } else {
    throw new EmulatorConfigError(
      `${ctx.file}: the identity schema URL ${url} is not supported by the emulator (use file:// or base64://)`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
    compileIdentitySchema(json);
  } catch (error) {
    const why =
      error instanceof IdentitySchemaError ? error.message : `not JSON (${(error as Error).message})`;
    throw new EmulatorConfigError(`${ctx.file}: the identity schema ${url} is unusable: ${why}`);
  }
  into.identitySchema = json;
}

/** Every Kratos key the emulator honours, and how. */
const KEYS: Record<string, Apply> = {
  'session.lifespan': duration((ms, into) => (into.sessionLifespanMs = ms)),
  'session.whoami.required_aal': requiredAal((aal, into) => (into.whoamiRequiredAal = aal)),
  'selfservice.default_browser_return_url': (value, into, ctx) => {
    if (typeof value !== 'string' || !URL.canParse(value)) fail(ctx, 'a URL', value);
    into.defaultBrowserReturnUrl = value as string;
  },
  'selfservice.flows.login.lifespan': flowLifespan('login'),
  'selfservice.flows.registration.lifespan': flowLifespan('registration'),
  'selfservice.flows.settings.lifespan': flowLifespan('settings'),
  'selfservice.flows.recovery.lifespan': flowLifespan('recovery'),
  'selfservice.flows.verification.lifespan': flowLifespan('verification'),
  'selfservice.flows.settings.privileged_session_max_age': duration(
    (ms, into) => (into.privilegedSessionMaxAgeMs = ms),
  ),
  'selfservice.flows.recovery.enabled': flowEnabled('recovery'),
  'selfservice.flows.verification.enabled': flowEnabled('verification'),
  'selfservice.flows.settings.required_aal': requiredAal((aal, into) => (into.settingsRequiredAal = aal)),
  'selfservice.flows.registration.enable_legacy_one_step': boolean(
    (on, into) => (into.registrationOneStep = on),
  ),
  'selfservice.flows.login.after.hooks': loginHooks,
  'selfservice.flows.login.after.password.hooks': loginHooks,
  'selfservice.flows.registration.after.hooks': registrationHooks,
  'selfservice.flows.registration.after.password.hooks': registrationHooks,
  'selfservice.flows.registration.after.code.hooks': (value, _into, ctx) => void hookNames(value, ctx),
  'selfservice.flows.registration.after.oidc.hooks': (value, _into, ctx) => void hookNames(value, ctx),
  'selfservice.allowed_return_urls': allowedReturnUrls,
  'selfservice.methods.oidc.enabled': methodEnabled('oidc'),
  'selfservice.methods.oidc.config.providers': oidcProviders,
  'selfservice.flows.registration.after.passkey.hooks': (value, _into, ctx) => void hookNames(value, ctx),
  'selfservice.methods.passkey.enabled': methodEnabled('passkey'),
  'selfservice.methods.passkey.config.rp.display_name': passkeyRp('displayName'),
  'selfservice.methods.passkey.config.rp.id': passkeyRp('id'),
  'selfservice.methods.passkey.config.rp.origins': passkeyOrigins,
  'selfservice.methods.password.enabled': methodEnabled('password'),
  'selfservice.methods.totp.enabled': methodEnabled('totp'),
  'selfservice.methods.lookup_secret.enabled': methodEnabled('lookup_secret'),
  'selfservice.methods.code.enabled': methodEnabled('code'),
  'selfservice.methods.code.passwordless_enabled': boolean((on, into) => (into.codePasswordless = on)),
  'selfservice.methods.code.mfa_enabled': boolean((on, into) => (into.codeMfa = on)),
  'selfservice.methods.code.config.lifespan': duration((ms, into) => (into.codeLifespanMs = ms)),
  'selfservice.methods.password.config.min_password_length': (value, into, ctx) => {
    if (!Number.isInteger(value) || (value as number) < 6) fail(ctx, 'an integer of at least 6', value);
    into.passwordMinLength = value as number;
  },
  'selfservice.methods.password.config.identifier_similarity_check_enabled': boolean(
    (on, into) => (into.passwordIdentifierSimilarityCheck = on),
  ),
  'selfservice.methods.totp.config.issuer': (value, into, ctx) => {
    if (typeof value !== 'string' || value === '') fail(ctx, 'a non-empty string', value);
    into.totpIssuer = value as string;
  },
  'feature_flags.use_continue_with_transitions': boolean(
    (on, into) => (into.useContinueWithTransitions = on),
  ),
  'hashers.bcrypt.cost': (value, into, ctx) => {
    if (!Number.isInteger(value) || (value as number) < 4 || (value as number) > 31)
      fail(ctx, 'an integer from 4 to 31', value);
    into.bcryptCost = value as number;
  },
  'identity.schemas': identitySchema,
  'identity.default_schema_id': () => undefined, // read first: it picks the entry of identity.schemas
};

/**
 * Keys whose value the emulator already behaves by, only when they say so: anything else is not implemented
 * (e.g. `recovery.use: link`; the emulator implements only codes).
 */
const FIXED: Record<string, Json> = {
  'selfservice.flows.recovery.use': 'code',
  'selfservice.flows.verification.use': 'code',
  'selfservice.methods.profile.enabled': true,
  'selfservice.methods.password.config.haveibeenpwned_enabled': false,
  'selfservice.methods.code.mfa_enabled': false,
};

/**
 * Kratos defaults the emulator does not follow: a file that leaves one of these keys out gets Kratos's
 * behaviour on real Kratos and the emulator's (FIXED) here, so the notice names them too.
 */
const DEFAULTS_NOT_FOLLOWED: Record<string, Json> = {
  // Real Kratos asks api.pwnedpasswords.com about every new password (and, by `ignore_network_errors`,
  // accepts it when the lookup fails); the emulator never goes on the network.
  'selfservice.methods.password.config.haveibeenpwned_enabled': true,
};

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and maps a Kratos configuration file; throws EmulatorConfigError when it cannot be used. */
export function readKratosConfig(file: string, cwd: string = process.cwd()): KratosConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EmulatorConfigError(`${file}: cannot be read (${(error as Error).message})`);
  }
  let root: Json;
  try {
    root = parse(text, { prettyErrors: true, uniqueKeys: true }) ?? {};
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new EmulatorConfigError(`${file}: not a valid YAML file: ${detail}`);
  }
  if (!isObject(root)) throw new EmulatorConfigError(`${file}: must be a mapping of Kratos settings`);

  const schemaId = isObject(root['identity']) ? root['identity']['default_schema_id'] : undefined;
  const ctxFor = (key: string): Context => ({
    file,
    key,
    cwd,
    defaultSchemaId: typeof schemaId === 'string' ? schemaId : 'default',
  });
  const set: Partial<EmulatorConfig> = {};
  const notImplemented: string[] = [];
  const notApplicable: string[] = [];
  const seen = new Set<string>();
  const hookSets: Record<string, string> = {};

  const visit = (node: Record<string, Json>, prefix: string): void => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix === '' ? name : `${prefix}.${name}`;
      seen.add(key);
      const apply = KEYS[key];
      if (apply) {
        apply(value, set, ctxFor(key));
        if (key.startsWith('selfservice.flows.registration.after.')) hookSets[key] = JSON.stringify(value);
      } else if (key in FIXED) {
        if (JSON.stringify(FIXED[key]) !== JSON.stringify(value)) notImplemented.push(key);
      } else if (NOT_APPLICABLE.includes(key)) {
        notApplicable.push(key);
      } else if (isObject(value) && Object.keys(value).length > 0) {
        visit(value, key);
      } else {
        notImplemented.push(key);
      }
    }
  };
  visit(root, '');
  for (const [key, kratosDefault] of Object.entries(DEFAULTS_NOT_FOLLOWED)) {
    if (!seen.has(key)) notImplemented.push(`${key} (Kratos's default: ${JSON.stringify(kratosDefault)})`);
  }

  const password =
    hookSets['selfservice.flows.registration.after.password.hooks'] ??
    hookSets['selfservice.flows.registration.after.hooks'];
  for (const method of ['code', 'oidc', 'passkey']) {
    const hooks = hookSets[`selfservice.flows.registration.after.${method}.hooks`];
    if (hooks !== undefined && hooks !== password) {
      notImplemented.push(
        `selfservice.flows.registration.after.${method}.hooks (the password hooks apply to ${method} too)`,
      );
    }
  }
  return { config: resolveConfig(kratosDefaults, set), notImplemented, notApplicable };
}

/** One line naming the keys the emulator leaves aside, or undefined when it honours the whole file. */
export function ignoredKeysNotice({ notImplemented, notApplicable }: KratosConfigFile): string | undefined {
  const parts = [
    notImplemented.length > 0 ? `not implemented by the emulator: ${notImplemented.join(', ')}` : '',
    notApplicable.length > 0 ? `not applicable to the emulator: ${notApplicable.join(', ')}` : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? `${parts.join('; ')}.` : undefined;
}
