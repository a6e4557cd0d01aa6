/**
 * The wire-types module: its guards accept every node Kratos sent in the recorded fixtures and refuse nodes
 * whose type and attributes disagree; its types say what JSON carries (strings for times, null identities).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  inputName,
  isAnchorAttributes,
  isDivisionAttributes,
  isImageAttributes,
  isInputAttributes,
  isInputNode,
  isScriptAttributes,
  isTextAttributes,
  isUiText,
  type Aal,
  type Session,
  type SessionCount,
  type UiNode,
  type UiNodeGroup,
} from '../../shared/kratos-wire';

const guards: Record<string, (attributes: unknown) => boolean> = {
  input: isInputAttributes,
  text: isTextAttributes,
  img: isImageAttributes,
  a: isAnchorAttributes,
  script: isScriptAttributes,
  div: isDivisionAttributes,
};

/** Every object with `type`, `group` and `attributes` in the fixture files (flows, node lists, single nodes). */
function fixtureNodes(): { file: string; node: { type: string; attributes: unknown } }[] {
  const found: { file: string; node: { type: string; attributes: unknown } }[] = [];
  const walk = (file: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item) => walk(file, item));
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record['type'] === 'string' && 'group' in record && 'attributes' in record) {
        found.push({ file, node: record as { type: string; attributes: unknown } });
      }
      Object.values(record).forEach((child) => walk(file, child));
    }
  };
  for (const folder of ['../fixtures/flows/', '../fixtures/kratos/']) {
    const url = new URL(folder, import.meta.url);
    for (const file of readdirSync(url).filter((name) => name.endsWith('.json'))) {
      walk(file, JSON.parse(readFileSync(new URL(file, url), 'utf8')));
    }
  }
  return found;
}

describe('node attribute guards', () => {
  it('accept every node of the recorded Kratos payloads, each by its own type', () => {
    const nodes = fixtureNodes();
    expect(new Set(nodes.map(({ node }) => node.type))).toEqual(
      new Set(['input', 'text', 'img', 'a', 'script', 'div']),
    );
    const refused = nodes.filter(({ node }) => !guards[node.type]?.(node.attributes));
    expect(refused).toEqual([]);
  });

  it('refuse attributes of another node type, or without the name or id the node is addressed by', () => {
    const input = { node_type: 'input', name: 'identifier', type: 'text', disabled: false };
    expect(isInputAttributes(input)).toBe(true);
    expect(isImageAttributes(input)).toBe(false);
    expect(isInputAttributes({ ...input, name: 7 })).toBe(false);
    expect(isInputAttributes({ ...input, type: undefined })).toBe(false);
    expect(isAnchorAttributes({ node_type: 'a', href: 'https://example.com' })).toBe(false);
    expect(isTextAttributes({ node_type: 'text', text: { id: 1, text: 'x', type: 'info' } })).toBe(false);
    expect(isImageAttributes(null)).toBe(false);
    expect(isUiText({ id: '1070001', text: 'Password' })).toBe(false);
  });

  it('trust a node only when its type and its attributes agree', () => {
    const node = (type: string, attributes: unknown) => ({ type, attributes }) as UiNode;
    const attributes = { node_type: 'input', name: 'method', type: 'submit', disabled: false };
    expect(isInputNode(node('input', attributes))).toBe(true);
    expect(isInputNode(node('img', attributes))).toBe(false);
    expect(inputName(node('input', attributes))).toBe('method');
    expect(inputName(node('input', { ...attributes, node_type: 'img' }))).toBeUndefined();
  });
});

describe('types as JSON carries them', () => {
  it('times are strings and a withheld identity is null', () => {
    expectTypeOf<Session['expires_at']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<null>().toExtend<Session['identity']>();
    expectTypeOf<SessionCount>().toEqualTypeOf<{ count: number }>();
  });

  it("enums are the SDK's, without the generator's unknown member", () => {
    expectTypeOf<'11184809'>().not.toExtend<UiNodeGroup>();
    expectTypeOf<'lookup_secret'>().toExtend<UiNodeGroup>();
    expectTypeOf<Aal>().toEqualTypeOf<'aal0' | 'aal1' | 'aal2' | 'aal3'>();
  });
});
