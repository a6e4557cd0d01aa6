/**
 * Counts and durations in a language's own words, through `Intl` (Node and Chromium both have it), so a
 * catalogue in another language needs no grammar code of its own: `Intl.PluralRules` picks the form
 * (English has `one`/`other`, Polish also `few`/`many`), `Intl.NumberFormat` with `style: 'unit'` writes
 * "45 minutes" / "45 Minuten", `Intl.ListFormat` joins a countdown's units. Used by both catalogues:
 * main's (main/strings) and the window's (shared/strings). Pure functions.
 */

/** The forms a sentence takes by count, per the locale's plural rules; `other` is the one every locale has. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export function plural(locale: string, count: number, forms: PluralForms): string {
  return forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
}

export type TimeUnit = 'day' | 'hour' | 'minute' | 'second';

/** `45 minutes`, `1 minute` (`long`), `45 min` (`short`); `digits` pads (`05 sec`). */
export function amount(
  locale: string,
  count: number,
  unit: TimeUnit,
  { display = 'long', digits = 1 }: { display?: 'long' | 'short'; digits?: number } = {},
): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: display,
    minimumIntegerDigits: digits,
  }).format(count);
}

/**
 * A countdown of `seconds` (> 0) in its two largest units, for a text that ticks every second:
 * `2 days 3 hr`, `23 hr 59 min`, `4 min 05 sec`, `42 sec` in English; `2 Tg., 3 Std.` in German.
 */
export function countdown(locale: string, seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const short = (count: number, unit: TimeUnit, digits = 1) =>
    amount(locale, count, unit, { display: 'short', digits });
  const parts =
    days > 0
      ? [short(days, 'day'), short(hours, 'hour')]
      : hours > 0
        ? [short(hours, 'hour'), short(minutes, 'minute')]
        : minutes > 0
          ? [short(minutes, 'minute'), short(rest, 'second', 2)]
          : [short(rest, 'second')];
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}
