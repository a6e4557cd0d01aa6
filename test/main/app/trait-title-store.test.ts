import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  maxRememberedSchemas,
  TraitTitleStore,
  traitTitlesFileName,
} from '../../../main/app/trait-title-store';
import { createMemoryLogger } from '../../../main/log';

const tempDir = () => mkdtemp(path.join(tmpdir(), 'kd-titles-'));
const email = [{ path: 'email', title: 'E-Mail' }];
const a = 'https://a.example';

async function reopen(dir: string, memory: TraitTitleStore) {
  await memory.saved();
  return TraitTitleStore.open(dir, createMemoryLogger());
}

describe('TraitTitleStore: the titles learned per server and schema, kept across runs', () => {
  it('answers per server and schema id, nothing for what it has not learned', async () => {
    const memory = await TraitTitleStore.open(await tempDir(), createMemoryLogger());
    expect(memory.titles(a, 'default')).toEqual([]);
    memory.learn(a, 'default', email);
    expect(memory.titles(a, 'default')).toEqual(email);
    expect(memory.titles(a, 'customer')).toEqual([]);
    expect(memory.titles('https://b.example', 'default')).toEqual([]);
  });

  it('a new run knows what the last one learned; the file holds titles only', async () => {
    const dir = await tempDir();
    const memory = await TraitTitleStore.open(dir, createMemoryLogger());
    memory.learn(a, 'default', email);
    expect((await reopen(dir, memory)).titles(a, 'default')).toEqual(email);
    expect(JSON.parse(await readFile(path.join(dir, traitTitlesFileName), 'utf8'))).toEqual({
      schemas: [{ server: a, schemaId: 'default', titles: email }],
    });
  });

  it('newer titles replace older ones; a flow that showed none changes nothing', async () => {
    const dir = await tempDir();
    const memory = await TraitTitleStore.open(dir, createMemoryLogger());
    memory.learn(a, 'default', email);
    memory.learn(a, 'default', [{ path: 'email', title: 'Your e-mail' }]);
    memory.learn(a, 'default', []);
    expect((await reopen(dir, memory)).titles(a, 'default')).toEqual([
      { path: 'email', title: 'Your e-mail' },
    ]);
  });

  it('does not learn what its file would refuse: a hostile server cannot wipe every server’s titles', async () => {
    const dir = await tempDir();
    const memory = await TraitTitleStore.open(dir, createMemoryLogger());
    memory.learn(a, 'default', email);
    const hostile = 'https://hostile.example';
    memory.learn(hostile, 'x'.repeat(300), email);
    memory.learn(hostile, 'default', [{ path: 'email', title: 'T'.repeat(201) }]);
    memory.learn(`${hostile}/${'p'.repeat(2048)}`, 'default', email);
    const next = await reopen(dir, memory);
    expect(next.titles(a, 'default')).toEqual(email);
    expect(next.titles(hostile, 'x'.repeat(300))).toEqual([]);
  });

  it(`keeps the ${maxRememberedSchemas} schemas learned last`, async () => {
    const dir = await tempDir();
    const memory = await TraitTitleStore.open(dir, createMemoryLogger());
    for (let i = 0; i <= maxRememberedSchemas; i++) memory.learn(`https://s${i}.example`, 'default', email);
    memory.learn('https://s1.example', 'default', [{ path: 'email', title: 'Mail' }]); // now the newest
    memory.learn('https://s0.example', 'default', email); // forgotten: learned again, pushes out s2
    const next = await reopen(dir, memory);
    expect(next.titles('https://s1.example', 'default')).toEqual([{ path: 'email', title: 'Mail' }]);
    expect(next.titles('https://s0.example', 'default')).toEqual(email);
    expect(next.titles('https://s2.example', 'default')).toEqual([]);
    expect(next.titles(`https://s${maxRememberedSchemas}.example`, 'default')).toEqual(email);
  });

  it.each([
    ['{not json'],
    ['{"schemas": [{"server": "x", "schemaId": "default", "titles": [{"path": "email", "title": 42}]}]}'],
    ['{"__proto__": {"schemas": []}}'],
  ])('a damaged file (%s) is reported and ignored, then overwritten', async (content) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, traitTitlesFileName), content);
    const log = createMemoryLogger();
    const memory = await TraitTitleStore.open(dir, log);
    expect(memory.titles('x', 'default')).toEqual([]);
    expect(log.lines.join('\n')).toMatch(/trait titles ignored/);
    memory.learn(a, 'default', email);
    expect((await reopen(dir, memory)).titles(a, 'default')).toEqual(email);
  });

  it('a file that cannot be written costs only the comfort: logged, and the titles still answer', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'blocker'), '');
    const log = createMemoryLogger();
    const memory = await TraitTitleStore.open(path.join(dir, 'blocker'), log);
    memory.learn(a, 'default', email);
    await memory.saved();
    expect(memory.titles(a, 'default')).toEqual(email);
    expect(log.lines.join('\n')).toMatch(/could not save the trait titles/);
  });
});
