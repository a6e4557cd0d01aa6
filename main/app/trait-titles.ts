/**
 * The identity schema's trait titles for the window, fetched at most once per schema id and endpoint: a
 * schema id names one schema in the server's configuration, and the app asks every time the session screen
 * shows an identity. A failed fetch is not kept, so the next screen tries again.
 */
import type { TraitTitlesResponse } from '../../shared/ipc-contract';
import type { KratosApi } from '../kratos/api';
import { traitTitlesOf } from '../kratos/identity-schema';
import type { Logger } from '../log';

export type TraitTitlesSource = (api: KratosApi, schemaId: string) => Promise<TraitTitlesResponse>;

export function createTraitTitlesSource(log: Logger): TraitTitlesSource {
  const cache = new Map<string, Promise<TraitTitlesResponse>>();
  return (api, schemaId) => {
    const key = `${api.baseUrl}\n${schemaId}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const fetched = api.getIdentitySchema(schemaId).then((result): TraitTitlesResponse => {
      if (result.kind === 'success') return { kind: 'titles', titles: traitTitlesOf(result.body) };
      cache.delete(key);
      log.warn('identity schema not available', { result: result.kind });
      return { kind: 'error', message: 'The server did not share the names of the identity fields.' };
    });
    cache.set(key, fetched);
    return fetched;
  };
}
