/** Small builders for Kratos ui nodes, shaped like the payloads in test/fixtures/flows/. */
import type { UiNode, UiText } from '../../../shared/kratos-wire';

export function input(
  name: string,
  type: string,
  options: { group?: string; value?: unknown; label?: UiText; [key: string]: unknown } = {},
): UiNode {
  const { group = 'default', label, ...attributes } = options;
  return {
    type: 'input',
    group,
    attributes: { name, type, disabled: false, node_type: 'input', ...attributes },
    messages: [],
    meta: label ? { label } : {},
  } as unknown as UiNode;
}

export function node(type: string, attributes: Record<string, unknown>, group = 'default'): UiNode {
  return {
    type,
    group,
    attributes: { node_type: type, ...attributes },
    messages: [],
    meta: {},
  } as unknown as UiNode;
}

export function uiText(id: number, text: string, context?: Record<string, unknown>): UiText {
  return { id, text, type: 'info', ...(context ? { context } : {}) } as UiText;
}
