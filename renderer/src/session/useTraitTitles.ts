import { useEffect, useState } from 'react';
import type { TraitTitle } from '../../../shared/ipc-contract';
import { call, kratos } from '../ipc';

/**
 * The identity schema's trait titles (main fetches the schema once per schema and server). Until they come,
 * or when the server does not share them, there are none and the rows use the trait keys in words.
 */
export function useTraitTitles(schemaId: string | undefined): readonly TraitTitle[] {
  const [titles, setTitles] = useState<readonly TraitTitle[]>([]);
  useEffect(() => {
    if (schemaId === undefined) return;
    let current = true;
    void call(kratos().traitTitles(schemaId)).then((outcome) => {
      if (current && outcome.ok && outcome.value.kind === 'titles') setTitles(outcome.value.titles);
    });
    return () => {
      current = false;
    };
  }, [schemaId]);
  return titles;
}
