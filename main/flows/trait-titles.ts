/**
 * The identity schema's trait titles ("E-Mail", "First name"), read from a flow the app is showing anyway:
 * Kratos labels each `traits.*` input of a registration or settings flow with the title of its schema
 * property (message 1070002, the title in `context.title`). Reading them here costs no request, where
 * `GET /schemas/{id}` would cost one on the first session screen (docs/app.md, "Trait titles").
 * `traitTitleLearner` observes the flow service (flow-events.ts) and says which schema the titles are for.
 *
 * The flow comes from a server: only string titles within bounds are read, and the result is a list (keys
 * from a server never become object keys).
 */
import type { TraitTitle } from '../../shared/ipc-contract';
import { isInputNode, type AnyFlow, type SettingsFlow } from '../../shared/kratos-wire';
import { kratosMessages } from '../../shared/kratos-messages';
import type { FlowObserver } from './flow-events';

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

/** Registration flows whose titles wait for the identity they create (the newest few). */
const maxPendingRegistrations = 8;

/**
 * A flow observer that calls `learn` with the titles a flow showed and the schema they are for. A settings
 * flow names its identity's schema, so its titles are learned when it is shown; a registration flow does not
 * (Kratos v1.3.1), so its titles wait for the identity it creates. A later step of the same registration
 * that shows no titles (current Kratos hides the traits on its second step) keeps the first step's.
 */
export function traitTitleLearner(learn: (schemaId: string, titles: TraitTitle[]) => void): FlowObserver {
  const pending = new Map<string, TraitTitle[]>();
  return (event) => {
    if (event.type === 'registered') {
      const titles = pending.get(event.flowId);
      pending.delete(event.flowId);
      if (titles !== undefined && typeof event.identity.schema_id === 'string')
        learn(event.identity.schema_id, titles);
      return;
    }
    if (event.type !== 'shown') return;
    const titles = traitTitlesIn(event.flow);
    if (event.kind === 'settings') {
      const schemaId = (event.flow as SettingsFlow).identity?.schema_id;
      if (typeof schemaId === 'string') learn(schemaId, titles);
    } else if (event.kind === 'registration' && titles.length > 0) {
      pending.delete(event.flow.id);
      pending.set(event.flow.id, titles);
      for (const oldest of pending.keys()) {
        if (pending.size <= maxPendingRegistrations) break;
        pending.delete(oldest);
      }
    }
  };
}
