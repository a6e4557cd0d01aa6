import { describe, expect, it } from 'vitest';
import type { FlowView } from '../../../shared/ipc-contract';
import { codeAddress, errorsOnField, noteIsSaid, presentFlow } from '../../../shared/flow/presentation';
import { messageText } from '../../../shared/flow/messages';
import { formatLocalTime } from '../../../shared/strings/time';
import { inputName } from '../../../shared/kratos-wire';
import { input, uiText } from '../../support/nodes';

const expiresAt = '2026-07-29T13:00:00Z';
const now = Date.parse('2026-07-29T12:15:00Z');

function codeSentFlow(kind: 'recovery' | 'verification', messageId: number): FlowView {
  return {
    id: 'f',
    kind,
    state: 'sent_email',
    expiresAt,
    ui: {
      action: '',
      method: 'POST',
      messages: [uiText(messageId, 'An email containing a code has been sent…')],
      nodes: [
        input('code', 'text', { group: 'code', required: true }),
        input('method', 'submit', { group: 'code', value: 'code' }),
        input('email', 'submit', { group: 'code', value: 'ada@example.com' }),
      ],
    },
  };
}

describe('presentFlow: a code sent names the address and how long it can be used', () => {
  it.each([
    ['verification', 1080003],
    ['recovery', 1060003],
  ] as const)('%s: the address from the resend button, the time from the flow', (kind, id) => {
    const [message] = presentFlow(codeSentFlow(kind, id)).ui.messages ?? [];
    expect(messageText(message!, now)).toBe(
      `A ${kind} code was sent to ada@example.com. It can be used until ${formatLocalTime(expiresAt)} (45 minutes from now). If it does not arrive, check the spelling and make sure it is the address you registered with.`,
    );
  });

  it('sign-in: the address from the hidden identifier, no time (a sign-in code outlives nothing in the flow)', () => {
    const flow: FlowView = {
      ...codeSentFlow('verification', 1010014),
      kind: 'login',
      ui: {
        action: '',
        method: 'POST',
        messages: [uiText(1010014, 'A code was sent…')],
        nodes: [
          input('identifier', 'hidden', { group: 'code', value: 'ada@example.com' }),
          input('code', 'text', { group: 'code', required: true }),
          input('resend', 'submit', { group: 'code', value: 'code' }),
        ],
      },
    };
    expect(codeAddress(flow)).toBe('ada@example.com');
    const [message] = presentFlow(flow).ui.messages ?? [];
    expect(messageText(message!, now)).toBe(
      'A sign-in code was sent to ada@example.com. If it does not arrive, check the spelling and make sure it is the address you registered with.',
    );
    // The identifier field of a sign-in form is not where a code went.
    const typed = { ...flow, state: 'choose_method' };
    expect(codeAddress(typed)).toBeUndefined();
  });

  it('says the general sentence before the code is sent, or when the address is not known', () => {
    const before = { ...codeSentFlow('verification', 1080003), state: 'choose_method' };
    expect(codeAddress(before)).toBeUndefined();
    const [message] = presentFlow(before).ui.messages ?? [];
    expect(messageText(message!, now)).toMatch(
      /^An email containing a verification code has been sent to the address you provided/,
    );
    const login = { ...codeSentFlow('verification', 1080003), kind: 'login' as const };
    expect(codeAddress(login)).toBeUndefined();
  });

  it('leaves out messages the screen already says, keeping the others', () => {
    const flow = codeSentFlow('verification', 1010004);
    flow.ui.messages = [
      uiText(1010004, 'Please complete the second authentication challenge.'),
      uiText(4000008, 'x'),
    ];
    expect(presentFlow(flow, [1010004]).ui.messages?.map((message) => message.id)).toEqual([4000008]);
  });
});

describe('noteIsSaid: one message after a recovery, not two', () => {
  it("gives the note way to Kratos's 1060001, which also says how long there is to change the password", () => {
    const settings = codeSentFlow('verification', 1060001);
    expect(noteIsSaid(settings)).toBe(true);
    expect(noteIsSaid(codeSentFlow('verification', 1050001))).toBe(false);
  });
});

describe('presentFlow on a hostile flow', () => {
  it('does not throw on messages or nodes that are not what Kratos sends', () => {
    const flow = codeSentFlow('verification', 1080003);
    const hostile = {
      ...flow,
      ui: { ...flow.ui, messages: { id: 1 } as never, nodes: [null, 'x', { attributes: 1 }] as never },
    };
    expect(presentFlow(hostile).ui.messages).toEqual([]);
    expect(noteIsSaid(hostile)).toBe(false);
    expect(codeAddress(hostile)).toBeUndefined();
  });
});

describe('errorsOnField: a refused code is the error of the field that sent it', () => {
  const aal2 = (messages: FlowView['ui']['messages']): FlowView => ({
    id: 'f',
    kind: 'login',
    state: 'choose_method',
    expiresAt,
    ui: {
      action: '',
      method: 'POST',
      messages,
      nodes: [
        input('identifier', 'hidden', { value: 'ada@example.com' }),
        input('totp_code', 'text', { group: 'totp', required: true }),
        input('method', 'submit', { group: 'totp', value: 'totp' }),
        input('lookup_secret', 'text', { group: 'lookup_secret', required: true }),
        input('method', 'submit', { group: 'lookup_secret', value: 'lookup_secret' }),
      ],
    },
  });
  const wrong = uiText(
    4000008,
    'The provided authentication code is invalid, please try again.',
    undefined,
    'error',
  );

  it("moves Kratos's flow-level refusal onto the one field of the section pressed", () => {
    const flow = errorsOnField(aal2([wrong]), 'totp');
    expect(flow.ui.messages).toEqual([]);
    const byName = (name: string) => flow.ui.nodes.find((node) => inputName(node) === name)!;
    expect(byName('totp_code').messages).toEqual([wrong]);
    expect(byName('lookup_secret').messages).toEqual([]);
  });

  it('keeps it on the flow when it is not about one field: nothing pressed, a visible shared field, no error', () => {
    const flow = aal2([wrong]);
    expect(errorsOnField(flow, undefined)).toBe(flow);
    // A password sign-in: the address and the password were sent, "invalid credentials" is about both.
    const password: FlowView = {
      ...flow,
      ui: {
        ...flow.ui,
        nodes: [
          input('identifier', 'text'),
          input('password', 'password', { group: 'password' }),
          input('method', 'submit', { group: 'password', value: 'password' }),
        ],
      },
    };
    expect(errorsOnField(password, 'password')).toBe(password);
    const info = aal2([uiText(1010004, 'Please complete the second authentication challenge.')]);
    expect(errorsOnField(info, 'totp')).toBe(info);
  });
});
