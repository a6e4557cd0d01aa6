/**
 * The few words that say who is signed in (the top bar): the identity's first address, else its first
 * trait that is text (a username, a phone number), else nothing — never the identity's id, which means
 * nothing to a person.
 */
import type { SessionSummary } from '../../../shared/ipc-contract';
import { flattenTraits } from './traits';

export function identityName(session: SessionSummary): string | undefined {
  const identity = session.identity;
  if (!identity) return undefined;
  const address = identity.verifiableAddresses[0]?.value;
  if (address) return address;
  return flattenTraits(identity.traits).find(([, value]) => value.trim() !== '')?.[1];
}
