/** The terminal's sign-in when the server wants a verified address first, on the emulator (see verified-address.ts). */
import { afterEach, beforeAll, it } from 'vitest';
import { startTestEmulator } from '../support/emulator';
import { buildCli } from './support';
import { signInNeedingVerifiedAddress } from './verified-address';

const cleanups: (() => Promise<void>)[] = [];
beforeAll(() => buildCli());
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

it('login with an unverified address: the emailed code, then the password again, signs in', async () => {
  const emulator = await startTestEmulator({ config: { loginRequireVerifiedAddress: true } });
  cleanups.push(() => emulator.stop());
  await signInNeedingVerifiedAddress({
    url: emulator.url,
    verificationCodes: async (to) =>
      emulator
        .outbox()
        .filter((mail) => mail.to === to && (mail.template as string) === 'verification_code')
        .map((mail) => mail.code),
    cleanup: (step) => cleanups.push(step),
  });
}, 60_000);
