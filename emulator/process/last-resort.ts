/**
 * The emulator process's handler for what slips through the HTTP shell. The shell answers every request it
 * can (a 500 at worst), so a promise rejected with nobody waiting is a fault in one request's handling, not
 * a broken process: it is logged and the emulator goes on serving. Node's default, ending the process, let
 * one crafted request (issue 21: a body too deep to echo) take the server down, and four in ten seconds made
 * the supervisor give up. A synchronous exception outside any request still ends it (its state is unknown
 * then); the supervisor restarts it.
 */
export function logUnhandledRejections(): void {
  process.on('unhandledRejection', (reason) => {
    console.error('[kratos-emulator] a promise failed with nobody waiting for it:', reason);
  });
}
