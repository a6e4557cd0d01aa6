/**
 * Server text on the terminal (issue 21): labels, messages with unknown ids and traits reached the terminal
 * with their control sequences. Performed with the sequences of the red-team pass against the real terminal
 * writer (openTerminal over fake TTY streams): nothing that could start a sequence is written, newlines stay.
 */
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, printableJson } from '../../cli/printable';
import { openTerminal } from '../../cli/terminal';

const ESC = '\x1b';
const BEL = '\x07';
const hostile: [string, string][] = [
  ['clear screen and cursor home', `${ESC}[2J${ESC}[HPassword`],
  ['a window title (OSC 0)', `${ESC}]0;You have been signed out${BEL}E-Mail`],
  ['a clipboard write (OSC 52)', `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==${BEL}Name`],
  ['a fake prompt over the line (CR, erase line)', `Welcome\r${ESC}[2KPassword for sudo: `],
  ['an 8-bit CSI (C1) clear screen', '\u009b2JCode'],
  ['a string terminator and DEL', `${ESC}\\ok\u007f\u009c`],
];

/** Every byte the terminal wrote that could start or be part of a control sequence. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const controlsIn = (written: string) => [...written].filter((c) => CONTROL.test(c));

function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const terminal = openTerminal(
    input as unknown as NodeJS.ReadStream,
    output as unknown as NodeJS.WriteStream,
  );
  return { terminal, input, written: () => written };
}

describe('server text printed by the terminal client', () => {
  it.each(hostile)('%s: written without a control character, the text kept', (_name, text) => {
    const { terminal, written } = fakeTerminal();
    terminal.print(`Label: ${text}\nsecond line`);
    expect(controlsIn(written()).filter((c) => c !== '\n')).toEqual([]);
    expect(written().split('\n')).toHaveLength(3);
    expect(written()).toContain('second line');
  });

  it.each(hostile)('%s in a prompt: asked without a control character', async (_name, text) => {
    const { terminal, input, written } = fakeTerminal();
    const answer = terminal.ask(`${text}: `);
    input.write('typed\r');
    expect(await answer).toBe('typed');
    terminal.close();
    expect(controlsIn(written().replace(/\n/g, ''))).toEqual([]);
  });

  it('never lets a control character through, whatever the text, and keeps every newline', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = printable(text);
        expect(controlsIn(shown).filter((c) => c !== '\n')).toEqual([]);
        expect(shown.split('\n')).toHaveLength(text.split('\n').length);
      }),
    );
  });

  it('keeps every value of whoami --json, controls escaped, the JSON still valid', () => {
    const traits = { name: `${ESC}]52;c;eA==${BEL}Ada\u009b2J`, email: 'ada@example.org' };
    const json = printableJson({ traits });
    expect(controlsIn(json).filter((c) => c !== '\n')).toEqual([]);
    expect(JSON.parse(json)).toEqual({ traits });
  });
});
