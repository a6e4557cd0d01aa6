import { useCallback, useState } from 'react';
import type { ActionResponse, IpcResult } from '../../../shared/ipc-contract';
import { call } from '../ipc';

/** What the last action said: shown with `Message` (ok → success, not ok → error). */
export interface ActionResult {
  ok: boolean;
  text: string;
}

export interface Action {
  /** The request is on its way: show a `Progress` and disable the button. */
  pending: boolean;
  result: ActionResult | undefined;
  /**
   * Sends `request`. A failed call and main's `{ kind: 'error' }` answer both become an error result.
   * `success` is the text for a success whose answer brings none; without it a success shows nothing,
   * for actions whose outcome the person sees in the next pushed state (signed out, keychain back).
   */
  run(request: () => Promise<IpcResult<ActionResponse>>, success?: string): Promise<void>;
}

/** One button's request to main (sign out, revoke, retry, change server): its progress and its outcome. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ActionResult>();
  const run = useCallback(async (request: () => Promise<IpcResult<ActionResponse>>, success?: string) => {
    setPending(true);
    setResult(undefined);
    const outcome = await call(request());
    setPending(false);
    if (!outcome.ok) setResult({ ok: false, text: outcome.message });
    else if (outcome.value.kind === 'error') setResult({ ok: false, text: outcome.value.message });
    else if (success !== undefined) setResult({ ok: true, text: outcome.value.message ?? success });
  }, []);
  return { pending, result, run };
}
