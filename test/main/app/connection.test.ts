/**
 * The connection in use (main/app/connection.ts), through AppCore: the notices only the app knows (a skipped
 * endpoint, a check that failed unexpectedly) on top of the session's view, and closing on quit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Keychain } from '../../../main/keychain/keychain';
import { sendJson, startRecordingServer } from '../kratos/recording-server';
import { cleanUp, cleanups, core, emulator, openOnDrip } from './app-world';
import { memoryKeychain } from './memory-keychain';

afterEach(cleanUp);

describe('the connection in use', () => {
  it('shows why an invalid KRATOS_PUBLIC_URL was ignored', async () => {
    const { app } = await core({ environmentUrl: 'http://kratos.example.com' });
    expect(await app.getState()).toMatchObject({
      status: 'no-server',
      notice: {
        level: 'warning',
        text: expect.stringMatching(/KRATOS_PUBLIC_URL was ignored: Use https:\/\//),
      },
    });
  });

  describe('a start that meets hostile or broken answers still ends in a state the window can show', () => {
    const token = 'ory_st_KeptKeptKeptKeptKeptKeptKeptKept12';

    it.each([
      ['authenticated_at: 1e300', { authenticated_at: 1e300 }],
      ['an expires_at that is no date', { expires_at: '+999999-99-99T00:00:00Z' }],
      [
        'a completed_at that is a number',
        { authentication_methods: [{ method: 'password', completed_at: 8.64e16 }] },
      ],
    ])(
      'a session with %s is a malformed answer: unreachable with a human message, token kept',
      async (_name, times) => {
        const kratos = await startRecordingServer((_request, response) =>
          sendJson(response, 200, {
            id: 'session-1',
            active: true,
            identity: { id: 'identity-1' },
            ...times,
          }),
        );
        cleanups.push(() => kratos.close());
        const keychain = memoryKeychain();
        await keychain.store.set(kratos.url, token);
        const { app } = await core({ environmentUrl: kratos.url, keychain });
        expect(await app.getState()).toMatchObject({
          status: 'unreachable',
          message: expect.stringMatching(
            /did not answer like a Kratos server \(HTTP 200 without the expected fields\)/,
          ),
        });
        expect(await keychain.store.get(kratos.url)).toBe(token);
      },
    );

    it('a session check that throws is shown as a notice, not a rejected start; Retry checks again', async () => {
      const kratos = await emulator();
      let failures = 1;
      const keychain = memoryKeychain();
      const flaky: Keychain = {
        ...keychain,
        status() {
          if (failures-- > 0) throw new RangeError('Invalid time value');
          return keychain.status();
        },
      };
      const { app, log } = await core({ environmentUrl: kratos.url, keychain: flaky });
      expect(await app.getState()).toMatchObject({
        notice: {
          level: 'error',
          text: 'The app could not check your session because of an unexpected problem. Try again, or choose another server.',
        },
      });
      expect(log.lines.join('\n')).toMatch(/the session check failed.*RangeError: Invalid time value/);
      const retried = await app.retry();
      expect(retried).toMatchObject({ status: 'signed-out' });
      expect(retried.notice).toBeUndefined();
    });
  });

  describe('a server that drips its answer cannot hold the app', () => {
    const token = 'ory_st_DripDripDripDripDripDripDripDrip12';

    it('quitting while a check drips ends at once and destroys the connection', async () => {
      const { app, drip } = await openOnDrip(60_000, token);
      await expect.poll(() => drip.open()).toBe(1);
      await app.stop();
      expect(drip.open()).toBe(0);
    });
  });
});
