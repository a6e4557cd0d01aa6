/**
 * Flows handed from one screen to another.
 *
 * A finished flow can name the next one: settings after a recovery (`continue_with: show_settings_ui`),
 * the second-factor step after a password, settings again after that step, verification after sign-up, and
 * the sign-in form again once the address a sign-in needed verified is (require_verified_address).
 * When the next flow is of another kind, it usually belongs to another screen, because the session changed
 * with it: the recovery code signed the person in, so the sign-in screen is replaced by the signed-in one
 * before main's answer even arrives. FlowScreen therefore hands such a flow to the App (`handOff`), and the
 * screen it belongs to takes it (`useHandedFlow`) and shows it instead of starting a new one. Without this
 * the person would land on a default screen and the flow Kratos prepared would be lost.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { FlowKind, FlowView } from '../../../shared/ipc-contract';

export interface HandedFlow {
  /** Distinguishes hand-offs: screens key their FlowScreen with it, so each one starts fresh. */
  serial: number;
  flow: FlowView;
  /** What the previous flow said when it finished ("Your account is recovered..."). */
  note: string | undefined;
}

export interface Handoff {
  /** The flow waiting for its screen, if any. */
  handed: HandedFlow | undefined;
  handOff(flow: FlowView, note: string | undefined): void;
  /** The screen that shows `serial` took it: it is not shown again. */
  take(serial: number): void;
}

export const HandoffContext = createContext<Handoff | undefined>(undefined);

/** The hand-off state the App provides. */
export function useHandoffState(): Handoff {
  const [handed, setHanded] = useState<HandedFlow>();
  // Counted for the App's lifetime, not from the flow waiting: that one is gone once taken, and a screen that
  // takes two hand-offs in a row (verification, then the sign-in it was for) must see two serials.
  const serials = useRef(0);
  const handOff = useCallback(
    (flow: FlowView, note: string | undefined) => setHanded({ serial: ++serials.current, flow, note }),
    [],
  );
  const take = useCallback(
    (serial: number) => setHanded((previous) => (previous?.serial === serial ? undefined : previous)),
    [],
  );
  return useMemo(() => ({ handed, handOff, take }), [handed, handOff, take]);
}

export type HandedFlowOf<K extends FlowKind> = HandedFlow & { flow: FlowView & { kind: K } };

/**
 * For a screen: the handed flow of one of `kinds` (and, with `fits`, of the shape the screen shows), taken from
 * the App once and shown until the person moves on (`dismiss`, e.g. on choosing another tab).
 */
export function useHandedFlow<K extends FlowKind>(
  kinds: readonly K[],
  fits: (flow: FlowView) => boolean = () => true,
): { handed: HandedFlowOf<K> | undefined; dismiss(): void } {
  const handoff = useContext(HandoffContext);
  const [mine, setMine] = useState<HandedFlowOf<K>>();
  const waiting = handoff?.handed;
  const fitting = waiting !== undefined && isOf(waiting, kinds) && fits(waiting.flow) ? waiting : undefined;
  const take = handoff?.take;
  useEffect(() => {
    if (fitting === undefined) return;
    setMine(fitting);
    take?.(fitting.serial);
  }, [fitting, take]);
  const dismiss = useCallback(() => setMine(undefined), []);
  return { handed: fitting ?? mine, dismiss };
}

function isOf<K extends FlowKind>(handed: HandedFlow, kinds: readonly K[]): handed is HandedFlowOf<K> {
  return (kinds as readonly FlowKind[]).includes(handed.flow.kind);
}
