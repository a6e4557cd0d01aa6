import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { traitTitleLearner, traitTitleLimits, traitTitlesIn } from '../../../main/flows/trait-titles';
import type { TraitTitle } from '../../../shared/ipc-contract';
import type { RegistrationFlow, SettingsFlow, UiNode } from '../../../shared/kratos-wire';
import { TOKEN, aLoginFlow, aSession, ok } from '../session/fakes';
import { registrationFlow, settingsFlow, setup } from './world';

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

describe('traitTitleLearner observing the flow service: titles learned from the flows shown (no schema request)', () => {
  /** Sets the flow service up with the learner, recording what it taught and the session's state then. */
  async function observed(options: { signedIn?: boolean } = {}) {
    const world = await setup(options);
    const learned: { schemaId: string; titles: TraitTitle[]; status: string }[] = [];
    const unsubscribe = world.flows.onFlow(
      traitTitleLearner((schemaId, titles) =>
        learned.push({ schemaId, titles, status: world.session.view().status }),
      ),
    );
    return { ...world, learned, unsubscribe };
  }

  const trait = (name: string, title?: string): UiNode => ({
    type: 'input',
    group: 'default',
    attributes: {
      node_type: 'input',
      name,
      type: title === undefined ? 'hidden' : 'text',
      disabled: false,
    },
    messages: [],
    meta:
      title === undefined ? {} : { label: { id: 1070002, text: title, type: 'info', context: { title } } },
  });
  const withNodes = <F extends RegistrationFlow | SettingsFlow>(flow: F, nodes: UiNode[]): F => ({
    ...flow,
    ui: { ...flow.ui, nodes },
  });
  const titles = [
    { path: 'email', title: 'E-Mail' },
    { path: 'name', title: 'Name' },
  ];

  it("a registration's titles are its new identity's schema's, learned before the session screen shows", async () => {
    const { api, flows, learned } = await observed();
    const firstStep = [trait('traits.email', 'E-Mail'), trait('traits.name', 'Name')];
    api.createRegistrationFlow.mockResolvedValue(ok(withNodes(registrationFlow(), firstStep)));
    await flows.start({ kind: 'registration' });
    // Current Kratos's second step carries the traits hidden, without labels: what was learned stays.
    api.submitRegistrationFlow.mockResolvedValueOnce({
      kind: 'flow',
      status: 400,
      flow: withNodes(registrationFlow(), [trait('traits.email')]),
    });
    await flows.submit({ flowId: 'reg-1', values: { method: 'profile' } });
    expect(learned).toEqual([]);

    const identity = { ...aSession().identity!, schema_id: 'customer' };
    api.submitRegistrationFlow.mockResolvedValueOnce(
      ok({ identity, session_token: TOKEN, session: aSession() }),
    );
    await flows.submit({ flowId: 'reg-1', values: { method: 'password' } });
    expect(learned).toEqual([{ schemaId: 'customer', titles, status: 'signed-out' }]);
  });

  it("a settings flow's titles are learned for the schema it names; sign-in flows teach nothing", async () => {
    const { api, flows, learned } = await observed({ signedIn: true });
    api.createLoginFlow.mockResolvedValue(
      ok({ ...aLoginFlow(), ui: { ...aLoginFlow().ui, nodes: [trait('traits.email', 'E-Mail')] } }),
    );
    await flows.start({ kind: 'login' });
    api.createSettingsFlow.mockResolvedValue(
      ok(withNodes(settingsFlow(), [trait('traits.email', 'E-Mail'), trait('traits.name', 'Name')])),
    );
    await flows.start({ kind: 'settings' });
    expect(learned).toEqual([{ schemaId: 'default', titles, status: 'signed-in' }]);
  });

  it('a registration whose flow showed no titles teaches nothing; an unsubscribed learner hears nothing', async () => {
    const { api, flows, learned, unsubscribe } = await observed();
    api.createRegistrationFlow.mockResolvedValue(ok(withNodes(registrationFlow(), [trait('traits.email')])));
    await flows.start({ kind: 'registration' });
    const identity = { ...aSession().identity!, schema_id: 'customer' };
    api.submitRegistrationFlow.mockResolvedValueOnce(
      ok({ identity, session_token: TOKEN, session: aSession() }),
    );
    await flows.submit({ flowId: 'reg-1', values: { method: 'password' } });
    expect(learned).toEqual([]);
    const firstStep = [trait('traits.email', 'E-Mail'), trait('traits.name', 'Name')];
    unsubscribe();
    api.createSettingsFlow.mockResolvedValue(ok(withNodes(settingsFlow(), firstStep)));
    await flows.start({ kind: 'settings' });
    expect(learned).toEqual([]);
  });
});
