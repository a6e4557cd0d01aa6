import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { traitTitleLimits, traitTitlesIn } from '../../../main/flows/trait-titles';
import type { RegistrationFlow, UiNode } from '../../../shared/kratos-wire';

const fixture = async (name: string) =>
  JSON.parse(await readFile(`test/fixtures/flows/${name}.json`, 'utf8')) as RegistrationFlow;

const input = (name: string, label?: UiNode['meta']['label']): UiNode => ({
  type: 'input',
  group: 'profile',
  attributes: { node_type: 'input', name, type: 'text', disabled: false },
  messages: [],
  meta: label === undefined ? {} : { label },
});
const titled = (name: string, title: unknown, text = String(title)) =>
  input(name, { id: 1070002, text, type: 'info', context: { title } });
const flowOf = (...nodes: UiNode[]) => ({ ui: { action: '', method: 'POST', nodes } });

describe('traitTitlesIn: the schema titles Kratos puts on the traits.* inputs of a flow', () => {
  it("reads real Kratos v1.3.1's registration form", async () => {
    expect(traitTitlesIn(await fixture('registration-kratos-initial'))).toEqual([
      { path: 'email', title: 'E-Mail' },
      { path: 'name', title: 'Name' },
    ]);
  });

  it("reads the emulator's registration form alike", async () => {
    expect(traitTitlesIn(await fixture('registration-emulator-initial'))).toEqual([
      { path: 'email', title: 'E-Mail' },
      { path: 'name', title: 'Name' },
    ]);
  });

  it('nested traits keep their dotted path; the label text stands in when the context has no title', () => {
    expect(
      traitTitlesIn(
        flowOf(
          titled('traits.name.first', 'First name'),
          input('traits.name.last', { id: 1070002, text: 'Last name', type: 'info' }),
        ),
      ),
    ).toEqual([
      { path: 'name.first', title: 'First name' },
      { path: 'name.last', title: 'Last name' },
    ]);
  });

  it('only generated labels of traits.* inputs count: not other labels, other fields, hidden traits', () => {
    expect(
      traitTitlesIn(
        flowOf(
          input('traits.email'),
          input('traits.name', { id: 1070004, text: 'ID', type: 'info' }),
          titled('password', 'Password'),
          titled('traits', 'Everything'),
        ),
      ),
    ).toEqual([]);
  });

  it('hostile titles are dropped: empty, too long, not text; a repeated path counts once; keys stay data', () => {
    const long = 'x'.repeat(traitTitleLimits.titleLength + 1);
    expect(
      traitTitlesIn(
        flowOf(
          titled('traits.a', ' '),
          titled('traits.b', long),
          titled('traits.c', { toString: 'E-Mail' }, ''),
          titled(`traits.${'p'.repeat(traitTitleLimits.pathLength + 1)}`, 'Long path'),
          titled('traits.__proto__', ' Prototype '),
          titled('traits.__proto__', 'Again'),
        ),
      ),
    ).toEqual([{ path: '__proto__', title: 'Prototype' }]);
  });

  it(`reads at most ${traitTitleLimits.titles} titles`, () => {
    const many = Array.from({ length: traitTitleLimits.titles + 5 }, (_, i) =>
      titled(`traits.t${i}`, `T${i}`),
    );
    expect(traitTitlesIn(flowOf(...many))).toHaveLength(traitTitleLimits.titles);
  });
});
