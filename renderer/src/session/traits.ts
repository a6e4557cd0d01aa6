/**
 * Identity traits as label/value rows. Traits are whatever the identity schema defines and may nest:
 * `{ name: { first: 'Ada' }, emails: ['a@x', 'b@x'] }` → `[['name.first', 'Ada'], ['emails', 'a@x, b@x']]`.
 * Labels are the schema's titles (main learns them from the flows it shows), else the key in words.
 */
import type { IdentitySummary, TraitTitle } from '../../../shared/ipc-contract';
import { isRecord } from '../../../shared/is-record';
import { messageText } from '../../../shared/flow/messages';
import { traitLabel } from './words';

/** `[path, text]` pairs, not an object: trait keys come from the server and never become object keys. */
export function flattenTraits(traits: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(traits).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) return flattenTraits(value, path);
    if (value === null || value === undefined) return [];
    return [[path, Array.isArray(value) ? value.map(String).join(', ') : String(value)]];
  });
}

export interface IdentityRow {
  label: string;
  value: string;
  /** For an address: whether it is verified (one row per address, with its state). */
  verified?: boolean;
  /** For an address: how it is verified (`email`, `sms`). */
  via?: string;
}

/**
 * The rows of the identity: the traits that are not addresses, then one row per verifiable address with
 * its state. An address is labelled with the title of the trait that holds it (`E-Mail`), else its kind.
 */
export function identityRows(
  identity: Pick<IdentitySummary, 'traits' | 'verifiableAddresses'>,
  titles: readonly TraitTitle[],
): IdentityRow[] {
  const traits = flattenTraits(identity.traits);
  const addresses = identity.verifiableAddresses;
  // The title as the flows label the trait (1070002: the catalogue's word for a plain "E-Mail").
  const titleOf = (path: string) => {
    const title = titles.find((known) => known.path === path)?.title;
    return title === undefined ? undefined : messageText({ id: 1070002, text: title, context: { title } });
  };
  const label = (path: string) => titleOf(path) ?? traitLabel(path.replace(/\./g, ' '));
  const holder = (address: string) => traits.find(([, value]) => value === address)?.[0];
  return [
    ...traits
      .filter(([, value]) => !addresses.some((address) => address.value === value))
      .map(([path, value]) => ({ label: label(path), value })),
    ...addresses.map((address) => {
      const path = holder(address.value);
      return {
        label: path === undefined ? traitLabel(address.via) : label(path),
        value: address.value,
        verified: address.verified,
        via: address.via,
      };
    }),
  ];
}
