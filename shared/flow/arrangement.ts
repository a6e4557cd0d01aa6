/**
 * How a screen arranges a flow's sections, decided without any I/O so the window (FlowForm) and the terminal
 * (cli/flow-screen.ts) show the same order and the same words:
 * - sign-in and sign-up: the provider buttons first, then "or", then the address and the password together
 *   (the order of Ory's own UI, GitHub and Google), so Tab goes from the email to the password;
 * - a two-step sign-up (Kratos ≥ 1.3: the traits, then the credentials) says which step it is; its second
 *   step names the address with a "Change" button (Kratos's `screen=previous`: the same flow, nothing new is
 *   created), puts the password first, and offers no social sign-up again (that would be another account's
 *   start, after the address was already given);
 * - settings: one fixed order of sections, whatever order Kratos sends the groups in (it moves them after
 *   backup codes are generated), each with a line that says where it stands.
 */
import { inputName, isInputNode, type UiNode } from '../kratos-wire';
import type { FlowView } from '../ipc-contract';
import type { MessageId } from '../kratos-messages';
import { strings } from '../strings';
import { classifyNode, providerOf, sectionsOf, type NodeSection } from './nodes';

/** Where a two-step sign-up is. */
export type SignUpStep =
  | { step: 1 }
  | {
      step: 2;
      /** The address (or other identifier) typed on step 1, kept by Kratos as a hidden trait. */
      identifier: string | undefined;
      /** Kratos's "Back" (`screen=previous`), shown as "Change" beside the address. */
      change: UiNode | undefined;
    };

export interface Arrangement {
  /** Sections that go on at a provider (`oidc`, `saml`): first in a sign-in or sign-up, followed by "or". */
  providers: NodeSection[];
  /** Everything else, in the order shown. */
  sections: NodeSection[];
  signUpStep?: SignUpStep;
  /** The app's own sentence above the sections (step 2 of a sign-up: what is left to do). */
  intro?: string;
}

/** Kratos's "Please choose a credential…" (1040009): step 2's line says it in the app's words. */
export const saidBySignUpStep: readonly number[] = [1040009 satisfies MessageId];

/** Groups whose buttons sign in at a provider. (Passkeys and security keys are the person's own: not "or".) */
const providerGroups: readonly string[] = ['oidc', 'saml'];
const isProvider = (section: NodeSection) => providerGroups.includes(section.group);

/** The settings sections' one order; groups not listed follow in the order Kratos sends them. */
const settingsOrder = [
  'default',
  'profile',
  'password',
  'oidc',
  'saml',
  'totp',
  'lookup_secret',
  'webauthn',
  'passkey',
];

export function arrange(flow: FlowView): Arrangement {
  const sections = sectionsOf(flow.ui.nodes);
  if (flow.kind === 'settings') {
    const rank = (group: string) => {
      const at = settingsOrder.indexOf(group);
      return at === -1 ? settingsOrder.length : at;
    };
    // Array.prototype.sort is stable: unlisted groups keep Kratos's order among themselves.
    return { providers: [], sections: [...sections].sort((a, b) => rank(a.group) - rank(b.group)) };
  }
  if (flow.kind !== 'login' && flow.kind !== 'registration') return { providers: [], sections };
  const signUpStep = flow.kind === 'registration' ? signUpStepOf(flow.ui.nodes) : undefined;
  const providers = sections.filter(isProvider);
  const others = sections.filter((section) => !isProvider(section));
  if (signUpStep?.step !== 2) return { providers, sections: others, ...(signUpStep ? { signUpStep } : {}) };
  // Step 2: the credentials first (the password), then what is left; "Change" is drawn in the step line.
  const withoutChange = others
    .map((section) => ({ ...section, nodes: section.nodes.filter((node) => node !== signUpStep.change) }))
    .filter((section) => section.nodes.some((node) => classifyNode(node).kind !== 'hidden'));
  const credentials = (section: NodeSection) =>
    section.group === 'default' || section.group === 'profile' ? 1 : 0;
  const shown = [...withoutChange].sort((a, b) => credentials(a) - credentials(b));
  const passwordOnly = shown.every((section) => ['password', 'default', 'profile'].includes(section.group));
  return {
    providers: [],
    sections: shown,
    signUpStep,
    intro: passwordOnly ? strings.flow.signUpStep.choosePassword : strings.flow.signUpStep.chooseMethod,
  };
}

/**
 * The step of a two-step sign-up, from its nodes: step 1 has the traits' "Sign up" button (`method=profile`);
 * step 2 has "Back" (`screen=previous`). A one-step form (legacy, or an older server) has neither.
 */
export function signUpStepOf(nodes: readonly UiNode[]): SignUpStep | undefined {
  const change = nodes.find((node) => inputName(node) === 'screen' && valueOf(node) === 'previous');
  if (change) return { step: 2, identifier: identifierOf(nodes), change };
  const profile = nodes.some(
    (node) => node.group === 'profile' && inputName(node) === 'method' && valueOf(node) === 'profile',
  );
  return profile ? { step: 1 } : undefined;
}

/** The line above step 2: "Step 2 of 2 · ada@example.com" (the "Change" button follows it). */
export function signUpStepLine(step: SignUpStep): string {
  return step.step === 1
    ? strings.flow.signUpStep.first
    : strings.flow.signUpStep.second(step.identifier ?? strings.flow.signUpStep.yourAccount);
}

/** What the progress line says while a step's button is on its way: step 1's opens step 2, "Change" goes back. */
export function stepBusyLabel(pressed: UiNode): string | undefined {
  if (pressed.group === 'profile' && inputName(pressed) === 'method' && valueOf(pressed) === 'profile') {
    return strings.flow.signUpStep.checking;
  }
  return inputName(pressed) === 'screen' ? strings.flow.signUpStep.goingBack : undefined;
}

/**
 * The address typed on step 1: Kratos keeps the traits as hidden inputs. An address (`@`) is preferred,
 * since that is what the person signs in with; else the first trait with a value.
 */
function identifierOf(nodes: readonly UiNode[]): string | undefined {
  const values = nodes
    .filter(
      (node) =>
        isInputNode(node) && node.attributes.type === 'hidden' && node.attributes.name.startsWith('traits.'),
    )
    .map(valueOf)
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  return values.find((value) => value.includes('@')) ?? values[0];
}

function valueOf(node: UiNode): unknown {
  return isInputNode(node) ? node.attributes.value : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Settings: where each section stands

/**
 * A settings section's status line, read from the nodes Kratos draws: the authenticator app on or off,
 * backup codes on, off, waiting to be saved, or how many are left (when shown), passkeys and security keys
 * counted, linked providers named. `undefined` for sections whose state the flow does not tell (profile,
 * password).
 */
export function sectionStatus(section: NodeSection): string | undefined {
  const names = section.nodes.map((node) => inputName(node));
  const status = strings.flow.status;
  switch (section.group) {
    case 'totp':
      if (names.includes('totp_unlink')) return status.totpOn;
      return names.includes('totp_code') ? status.totpOff : undefined;
    case 'lookup_secret': {
      if (names.includes('lookup_secret_confirm')) return status.codesNotSaved;
      const list = section.nodes.map(classifyNode).find((view) => view.kind === 'secret-list');
      if (list?.kind === 'secret-list') {
        const left = list.secrets.filter((code) => code.kind === 'unused').length;
        return status.codesLeft(left, list.secrets.length);
      }
      if (names.includes('lookup_secret_reveal') || names.includes('lookup_secret_disable'))
        return status.codesOn;
      return names.includes('lookup_secret_regenerate') ? status.codesOff : undefined;
    }
    case 'passkey':
      return status.passkeys(names.filter((name) => name === 'passkey_remove').length);
    case 'webauthn':
      return status.securityKeys(names.filter((name) => name === 'webauthn_remove').length);
    case 'oidc':
    case 'saml': {
      const named = (button: string) =>
        section.nodes
          .filter((node) => inputName(node) === button)
          .map((node) => providerOf(node))
          .filter((name): name is string => name !== undefined);
      const [linked, notLinked] = [named('unlink'), named('link')];
      // Kratos draws no Unlink for the account's only way to sign in: without one, "none linked" could be
      // untrue, so only the providers that are surely not linked are named.
      if (linked.length === 0) return notLinked.length > 0 ? status.notLinked(notLinked) : status.noneLinked;
      return [status.linked(linked), ...(notLinked.length > 0 ? [status.notLinked(notLinked)] : [])].join(
        ' ',
      );
    }
    default:
      return undefined;
  }
}
