/**
 * The terminal's sign-in on a server that signs people in only once their address is verified (Kratos's
 * `require_verified_address` login hook, v25.4+): the right password brings the verification step (the code
 * already sent), the code brings the sign-in form back, and the password then signs in. Shared by the
 * emulator's suite (test/cli/verified-address.test.ts) and real Kratos v26.2.0's
 * (test/kratos/cli-verified-address.test.ts).
 */
import { expect } from 'vitest';
import { TerminalPane } from '../support/tmux';
import { answerPrompts, cliBundle, cliEnvironment, sessionTokenPattern } from './support';

const password = 'correct-Horse-battery-9';
const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** An account made through the API (its address unverified), as another device would. */
async function registerThroughApi(url: string, email: string): Promise<void> {
  const flow = (await (await fetch(`${url}/self-service/registration/api`, { headers: json })).json()) as {
    id: string;
  };
  const answer = await fetch(`${url}/self-service/registration?flow=${flow.id}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ method: 'password', traits: { email }, password }),
  });
  expect(answer.status).toBe(200);
}

export interface VerifiedAddressServer {
  url: string;
  /** The verification codes mailed to `to`, oldest first. */
  verificationCodes(to: string): Promise<string[]>;
  cleanup(step: () => Promise<void>): void;
}

export async function signInNeedingVerifiedAddress(server: VerifiedAddressServer): Promise<void> {
  const email = `cli-unverified-${Date.now()}@example.com`;
  await registerThroughApi(server.url, email);
  const mailedAtSignUp = (await server.verificationCodes(email)).length;
  const pane = await TerminalPane.start(`node ${cliBundle} login --endpoint ${server.url}`, {
    env: cliEnvironment(),
  });
  server.cleanup(() => pane.stop());
  let passwordsTyped = 0;
  const screen = await answerPrompts(
    pane,
    [
      { prompt: /^E-?[Mm]ail( \[.*\])?:$|^ID( \[.*\])?:$/, answer: email },
      {
        prompt: /^Password:$/,
        answer: () => {
          passwordsTyped++;
          return password;
        },
      },
      {
        prompt: /^Verification code:$/,
        answer: async () => {
          const codes = await server.verificationCodes(email);
          expect(codes).toHaveLength(mailedAtSignUp + 1);
          return codes.at(-1)!;
        },
      },
      // The code step's menu: Continue (the preset) rather than "Resend code".
      { prompt: /^Choose/, answer: '' },
    ],
    /KRATOS-CLI-EXIT:/,
  );
  expect(await pane.exitStatus(10_000), screen).toBe(0);
  expect(passwordsTyped).toBe(2);
  const shown = screen.replace(/\s+/g, ' ');
  expect(shown).toContain(
    'This server signs you in only once your email address is verified. Enter the code that was just sent to it.',
  );
  expect(shown).toContain(`sent to ${email}`);
  expect(shown).toContain('Your address is verified. Sign in again to continue.');
  expect(shown).toContain(`as ${email}`);
  expect(screen).not.toMatch(sessionTokenPattern);
}
