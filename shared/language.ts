/**
 * The catalogue for a BCP 47 language tag (`de-AT` → `de`), else the fallback: one rule for the window's
 * catalogue (renderer/src/strings) and main's (main/strings). Own keys only, so a tag such as `__proto__`
 * or `constructor` finds nothing inherited.
 */
export function catalogueFor<C>(
  catalogues: Readonly<Record<string, C>>,
  fallback: C,
  language: string | undefined,
): C {
  const primary = (language ?? '').toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(catalogues, primary) ? catalogues[primary]! : fallback;
}
