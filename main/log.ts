/**
 * The main process's logger. Every line goes through `redact` first, so a session token (or any other Ory
 * token) that ends up in a message or an error is replaced before it reaches stdout, a log file or a test's
 * capture. Callers still must not log secrets on purpose; this is the safety net, not the policy.
 */

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where formatted lines go. The default writes to stderr; tests pass an array-backed sink. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type LogFields = Record<string, string | number | boolean | undefined>;

/**
 * Ory token formats: `ory_st_…` (session token), `ory_ht_…` (HTTP/API key), `ory_ac_…`, `ory_pat_…`… all share
 * the `ory_<letters>_<base62>` shape.
 */
const oryToken = /\bory_[a-z]{2,4}_[A-Za-z0-9]+/g;
/** A `key=value` / `"key":"value"` pair whose key names a secret. */
const secretPair =
  /(["']?)\b(password|session_token|sessionToken|token|secret|totp_code|lookup_secret|init_code|return_to_code|session_token_exchange_code)\1(\s*[:=]\s*)(["']?)[^"'\s,}&]+\4/gi;

export function redact(text: string): string {
  return text
    .replace(oryToken, 'ory_[redacted]')
    .replace(
      secretPair,
      (_m, q: string, key: string, sep: string, vq: string) => `${q}${key}${q}${sep}${vq}[redacted]${vq}`,
    );
}

export function createLogger(sink: LogSink = stderrSink): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    const suffix = fields
      ? Object.entries(fields)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
          .join('')
      : '';
    sink(level, redact(`[${level}] ${message}${suffix}`));
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

function stderrSink(_level: LogLevel, line: string): void {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}

/** Collects lines in memory (tests, and the e2e token-leak check). */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger((_level, line) => lines.push(line)),
    { lines },
  );
}
