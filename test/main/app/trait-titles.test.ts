import { describe, expect, it, vi } from 'vitest';
import { createTraitTitlesSource } from '../../../main/app/trait-titles';
import type { KratosApi } from '../../../main/kratos/api';
import { createMemoryLogger } from '../../../main/log';

const schema = { properties: { traits: { properties: { email: { title: 'E-Mail' } } } } };

function fakeApi(baseUrl: string, answers: unknown[]) {
  const getIdentitySchema = vi.fn(async () => answers.shift());
  return { api: { baseUrl, getIdentitySchema } as unknown as KratosApi, getIdentitySchema };
}

describe('createTraitTitlesSource: the schema fetched at most once per schema id and endpoint', () => {
  it('asks the server once per schema, however often and however concurrently the window asks', async () => {
    const source = createTraitTitlesSource(createMemoryLogger());
    const { api, getIdentitySchema } = fakeApi('https://a.example', [
      { kind: 'success', status: 200, body: schema },
      { kind: 'success', status: 200, body: {} },
    ]);
    const answers = await Promise.all([source(api, 'default'), source(api, 'default')]);
    expect(await source(api, 'default')).toEqual({
      kind: 'titles',
      titles: [{ path: 'email', title: 'E-Mail' }],
    });
    expect(answers[0]).toEqual(answers[1]);
    expect(getIdentitySchema).toHaveBeenCalledTimes(1);
    await source(api, 'customer');
    expect(getIdentitySchema).toHaveBeenCalledTimes(2);
  });

  it('asks again for the same schema id on another server', async () => {
    const source = createTraitTitlesSource(createMemoryLogger());
    const first = fakeApi('https://a.example', [{ kind: 'success', status: 200, body: schema }]);
    const second = fakeApi('https://b.example', [{ kind: 'success', status: 200, body: {} }]);
    await source(first.api, 'default');
    expect(await source(second.api, 'default')).toEqual({ kind: 'titles', titles: [] });
    expect(second.getIdentitySchema).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failure: the next ask tries again', async () => {
    const log = createMemoryLogger();
    const source = createTraitTitlesSource(log);
    const { api, getIdentitySchema } = fakeApi('https://a.example', [
      { kind: 'unreachable', reason: 'network', message: 'down' },
      { kind: 'success', status: 200, body: schema },
    ]);
    expect((await source(api, 'default')).kind).toBe('error');
    expect((await source(api, 'default')).kind).toBe('titles');
    expect(getIdentitySchema).toHaveBeenCalledTimes(2);
  });
});
