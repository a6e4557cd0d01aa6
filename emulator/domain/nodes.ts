/**
 * Pure builders for Kratos UI nodes (`ui/node`), with attribute keys in Kratos's marshalling order.
 * Shapes match fixtures/login-nodes-*.json, registration-nodes-password.json and ui-node-*.json.
 */
import type { UiText } from '../messages';

export type NodeGroup = 'default' | 'password' | 'oidc' | 'profile' | 'code' | 'totp' | 'lookup_secret';
export type InputType = 'text' | 'password' | 'number' | 'checkbox' | 'hidden' | 'email' | 'submit';

export interface InputAttributes {
  name: string;
  type: InputType;
  value?: unknown;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  disabled: boolean;
  node_type: 'input';
}
export interface TextAttributes {
  text: UiText;
  id: string;
  node_type: 'text';
}
export interface ImageAttributes {
  src: string;
  id: string;
  width: number;
  height: number;
  node_type: 'img';
}

export interface AnchorAttributes {
  href: string;
  title: UiText;
  id: string;
  node_type: 'a';
}

interface NodeBase<T extends string, A> {
  type: T;
  group: NodeGroup;
  attributes: A;
  messages: UiText[];
  meta: { label?: UiText };
}
export type InputNode = NodeBase<'input', InputAttributes>;
export type UiNode =
  | InputNode
  | NodeBase<'text', TextAttributes>
  | NodeBase<'img', ImageAttributes>
  | NodeBase<'a', AnchorAttributes>;

export interface InputOptions {
  value?: unknown;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  label?: UiText;
}

export function inputNode(
  group: NodeGroup,
  name: string,
  type: InputType,
  options: InputOptions = {},
): InputNode {
  const attributes: InputAttributes = {
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
  };
}

/** Submit button: posting it sends `name=value` (e.g. method=password). */
export const submitNode = (group: NodeGroup, name: string, value: unknown, label: UiText): InputNode =>
  inputNode(group, name, 'submit', { value, label });

/** API flows carry a csrf_token node with an empty value; native clients must not send it. */
export const csrfNode = (): InputNode =>
  inputNode('default', 'csrf_token', 'hidden', { value: '', required: true });

export const textNode = (group: NodeGroup, id: string, text: UiText, label?: UiText): UiNode => ({
  type: 'text',
  group,
  attributes: { text, id, node_type: 'text' },
  messages: [],
  meta: label ? { label } : {},
});

export const imageNode = (
  group: NodeGroup,
  id: string,
  src: string,
  size: number,
  label: UiText,
): UiNode => ({
  type: 'img',
  group,
  attributes: { src, id, width: size, height: size, node_type: 'img' },
  messages: [],
  meta: { label },
});

/** A link; Kratos labels it with its own title (ui-node-a.json). */
export const linkNode = (group: NodeGroup, id: string, href: string, title: UiText): UiNode => ({
  type: 'a',
  group,
  attributes: { href, title, id, node_type: 'a' },
  messages: [],
  meta: { label: title },
});

export const isInput = (node: UiNode): node is InputNode => node.type === 'input';
