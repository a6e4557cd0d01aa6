/**
 * The identity schema's trait titles ("E-Mail", "First name"), read from a flow the app is showing anyway:
 * Kratos labels each `traits.*` input of a registration or settings flow with the title of its schema
 * property (message 1070002, the title in `context.title`). Reading them here costs no request, where
 * `GET /schemas/{id}` would cost one on the first session screen (docs/app.md, "Trait titles").
 *
 * The flow comes from a server: only string titles within bounds are read, and the result is a list (keys
 * from a server never become object keys).
 */
import type { TraitTitle } from '../../shared/ipc-contract';
import { isInputNode, type AnyFlow } from '../../shared/kratos-wire';
import { kratosMessages } from '../../shared/kratos-messages';

export const traitTitleLimits = { titles: 200, titleLength: 200, pathLength: 256 } as const;

const traitsPrefix = 'traits.';

export function traitTitlesIn(flow: Pick<AnyFlow, 'ui'>): TraitTitle[] {
  const titles: TraitTitle[] = [];
  for (const node of flow.ui.nodes) {
    if (titles.length >= traitTitleLimits.titles) break;
    if (!isInputNode(node) || !node.attributes.name.startsWith(traitsPrefix)) continue;
    const label = node.meta.label;
    if (label?.id !== kratosMessages.labelGenerated.id) continue;
    const path = node.attributes.name.slice(traitsPrefix.length);
    const title = typeof label.context?.['title'] === 'string' ? label.context['title'] : label.text;
    if (
      isBounded(path, traitTitleLimits.pathLength) &&
      isBounded(title.trim(), traitTitleLimits.titleLength)
    ) {
      if (!titles.some((known) => known.path === path)) titles.push({ path, title: title.trim() });
    }
  }
  return titles;
}

const isBounded = (text: string, max: number) => text !== '' && text.length <= max;
