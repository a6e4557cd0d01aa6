import { useEffect, useState } from 'react';
import type { TraitTitle } from '../../../shared/ipc-contract';
import { call, kratos } from '../ipc';

/**
 * The identity schema's trait titles, as far as main has learned them from the registration and settings
 * flows (no request). Until it has, there are none and the rows use the trait keys in words.
 */
export function useTraitTitles(schemaId: string | undefined): readonly TraitTitle[] {
  const [titles, setTitles] = useState<readonly TraitTitle[]>([]);
  useEffect(() => {
    if (schemaId === undefined) return;
    let current = true;
    void call(kratos().traitTitles(schemaId)).then((outcome) => {
      if (current && outcome.ok) setTitles(outcome.value.titles);
    });
    return () => {
      current = false;
    };
  }, [schemaId]);
  return titles;
}
