/**
 * What a native client depends on in one Kratos answer, with everything run-specific left out (ids, times,
 * tokens, ports, codes, secrets): the parity suite compares these views, field by field.
 */

export interface ClientView {
  status: number;
  /** `Cache-Control`: whether a flow or session may be cached matters to every HTTP stack in between. */
  cacheControl: string | null;
  /** Top-level keys of the JSON body, sorted (`[]` for an array, `null` for no body). */
  keys: string[] | null;
  /** `error.id` of an error envelope (falling back to its `code`), else null. */
  error: string | null;
  /** `state` of a flow. */
  state: string | null;
  /** `ui.messages[].id`. */
  messages: number[];
  /**
   * One line per `ui.nodes[]`: `group type name inputType[*required][=value for submit buttons]
   * [messages]`; submit values tell a client which method or screen a button chooses.
   */
  nodes: string[];
  /** `continue_with[].action`. */
  continueWith: string[];
  /** The session's assurance level and methods, wherever the answer carries a session. */
  session: string | null;
  /** An array body (sessions list): its length. */
  items: number | null;
  /** The `rel` of every `Link` header entry (pagination): whether a client is sent to another page. */
  pages: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function nodeLine(node: unknown): string {
  if (!isObject(node)) return '<not an object>';
  const attributes = isObject(node['attributes']) ? node['attributes'] : {};
  const inputType = text(attributes['type']) ?? '';
  const name = text(attributes['name']) ?? text(attributes['id']) ?? '';
  let line = `${String(node['group'])} ${String(node['type'])} ${name}`;
  if (node['type'] === 'input') {
    line += ` ${inputType}${attributes['required'] === true ? '*' : ''}`;
    if (inputType === 'submit' || inputType === 'button') line += `=${String(attributes['value'])}`;
  }
  const messages = asArray(node['messages']).map((m) => (isObject(m) ? m['id'] : m));
  if (messages.length > 0) line += ` [${messages.join(',')}]`;
  return line;
}

/**
 * Kratos writes the hidden traits of the two-step credentials screen in Go map order, which changes from run
 * to run (measured on v1.3.1): they are compared in name order, in the places they hold.
 */
function withHiddenTraitsSorted(lines: string[]): string[] {
  const hiddenTrait = /^default input traits\.\S+ hidden/;
  const at = lines.flatMap((line, i) => (hiddenTrait.test(line) ? [i] : []));
  const sorted = at.map((i) => lines[i] as string).sort();
  const out = [...lines];
  at.forEach((i, k) => (out[i] = sorted[k] as string));
  return out;
}

function sessionLine(body: Json): string | null {
  const session = isObject(body['session'])
    ? body['session']
    : 'authenticator_assurance_level' in body
      ? body
      : null;
  if (!session) return null;
  const methods = asArray(session['authentication_methods']).map((m) => (isObject(m) ? m['method'] : m));
  const identity = isObject(session['identity']) ? 'with identity' : 'no identity';
  return `${String(session['authenticator_assurance_level'])} active=${String(session['active'])} methods=${methods.join(',')} ${identity}`;
}

function linkRels(header: string | null): string[] {
  return header === null ? [] : [...header.matchAll(/rel="?([^";,]+)"?/g)].map((m) => m[1] as string);
}

export function clientView(status: number, headers: Record<string, unknown>, body: unknown): ClientView {
  const cacheControl = text(headers['cache-control']);
  const view: ClientView = {
    status,
    cacheControl,
    keys: null,
    error: null,
    state: null,
    messages: [],
    nodes: [],
    continueWith: [],
    session: null,
    items: null,
    pages: linkRels(text(headers['link'])),
  };
  if (Array.isArray(body)) return { ...view, keys: [], items: body.length };
  if (!isObject(body)) return view;
  const error = isObject(body['error']) ? body['error'] : null;
  const ui = isObject(body['ui']) ? body['ui'] : {};
  return {
    ...view,
    keys: Object.keys(body).sort(),
    error: error ? (text(error['id']) ?? String(error['code'])) : null,
    state: text(body['state']),
    messages: asArray(ui['messages']).map((m) => Number(isObject(m) ? m['id'] : NaN)),
    nodes: withHiddenTraitsSorted(asArray(ui['nodes']).map(nodeLine)),
    continueWith: asArray(body['continue_with']).map((c) => String(isObject(c) ? c['action'] : c)),
    session: sessionLine(body),
  };
}

/** The fields of two views that differ. */
export function differingFields(a: ClientView, b: ClientView): Array<keyof ClientView> {
  return (Object.keys(a) as Array<keyof ClientView>).filter(
    (field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]),
  );
}
