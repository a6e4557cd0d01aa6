/**
 * Pure builders for Kratos UI nodes (`ui/node`), with attribute keys in Kratos's marshalling order.
 * Shapes match fixtures/login-nodes-*.json, registration-nodes-password.json and ui-node-*.json.
 */
import type {
  UiAnchorNode,
  UiImageNode,
  UiInputNode,
  UiNode,
  UiNodeGroup,
  UiNodeInputAttributes,
  UiNodeInputType,
  UiText,
  UiTextNode,
} from '../../shared/kratos-wire';

export interface InputOptions {
  value?: unknown;
  required?: boolean;
  autocomplete?: UiNodeInputAttributes['autocomplete'];
  maxlength?: number;
  label?: UiText;
}

export function inputNode(
  group: UiNodeGroup,
  name: string,
  type: UiNodeInputType,
  options: InputOptions = {},
): UiInputNode {
  const attributes: UiNodeInputAttributes = {
    name,
    type,
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.required ? { required: true } : {}),
    ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
    ...(options.maxlength ? { maxlength: options.maxlength } : {}),
    disabled: false,
    node_type: 'input',
  };
  return {
    type: 'input',
    group,
    attributes,
    messages: [],
    meta: options.label ? { label: options.label } : {},
  } satisfies UiInputNode;
}

/** Submit button: posting it sends `name=value` (e.g. method=password). */
export const submitNode = (group: UiNodeGroup, name: string, value: unknown, label: UiText): UiInputNode =>
  inputNode(group, name, 'submit', { value, label });

/** API flows carry a csrf_token node with an empty value; native clients must not send it. */
export const csrfNode = (): UiInputNode =>
  inputNode('default', 'csrf_token', 'hidden', { value: '', required: true });

export const textNode = (group: UiNodeGroup, id: string, text: UiText, label?: UiText): UiTextNode => ({
  type: 'text',
  group,
  attributes: { text, id, node_type: 'text' },
  messages: [],
  meta: label ? { label } : {},
});

export const imageNode = (
  group: UiNodeGroup,
  id: string,
  src: string,
  size: number,
  label: UiText,
): UiImageNode => ({
  type: 'img',
  group,
  attributes: { src, id, width: size, height: size, node_type: 'img' },
  messages: [],
  meta: { label },
});

/** A link; Kratos labels it with its own title (ui-node-a.json). */
export const linkNode = (group: UiNodeGroup, id: string, href: string, title: UiText): UiAnchorNode => ({
  type: 'a',
  group,
  attributes: { href, title, id, node_type: 'a' },
  messages: [],
  meta: { label: title },
});

export const isInput = (node: UiNode): node is UiInputNode => node.type === 'input';
