/**
 * Kratos ui nodes for the renderer's tests and the scripted window specs, shaped like the payloads in
 * test/fixtures/flows/. Inputs are the emulator's own (`inputNode`, typed against shared/kratos-wire.ts), so a
 * test's node and a served one cannot drift apart; what the models do not name (an unknown input type, an extra
 * attribute, an `iframe` node) is laid on top, for the renderer's guards to meet.
 */
import { inputNode, type InputOptions } from '../../emulator/domain/nodes';
import type { UiNode, UiNodeGroup, UiNodeInputType, UiText } from '../../shared/kratos-wire';

export type InputNodeOptions = InputOptions & { group?: UiNodeGroup; [attribute: string]: unknown };

export function input(
  name: string,
  type: UiNodeInputType | (string & {}),
  options: InputNodeOptions = {},
): UiNode {
  const { group = 'default', value, required, autocomplete, maxlength, label, ...extra } = options;
  const known = inputNode(group, name, type as UiNodeInputType, {
    value,
    required,
    autocomplete,
    maxlength,
    label,
  });
  return { ...known, attributes: { ...known.attributes, ...extra } } as UiNode;
}

/** Any node by its `type`, with the attributes as given: for the shapes `input` does not make. */
export function node(type: string, attributes: Record<string, unknown>, group = 'default'): UiNode {
  return {
    type,
    group,
    attributes: { node_type: type, ...attributes },
    messages: [],
    meta: {},
  } as unknown as UiNode;
}

export function uiText(
  id: number,
  text: string,
  context?: Record<string, unknown>,
  type: UiText['type'] = 'info',
): UiText {
  return { id, text, type, ...(context ? { context } : {}) };
}
