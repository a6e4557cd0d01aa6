/**
 * Compares two recordings of the same script against the list of known differences: every difference
 * must be listed (by step, or EVERY_STEP, and field), and every listed field must still differ.
 */
import { EVERY_STEP, type KnownDifference } from './differences';
import type { Recorded } from './script';
import { differingFields, type ClientView } from './view';

interface Found {
  step: string;
  fields: Array<keyof ClientView>;
  emulator: Recorded;
  kratos: Recorded;
}

export interface Comparison {
  /** Differences no entry explains (only the unexplained fields). */
  unlisted: Found[];
  /** Entries (only their fields) that no longer differ anywhere they apply. */
  stale: KnownDifference[];
}

export function compareRecordings(
  emulator: Recorded[],
  kratos: Recorded[],
  listed: KnownDifference[],
): Comparison {
  const names = (steps: Recorded[]) => steps.map((s) => s.step).join('\n');
  if (names(emulator) !== names(kratos)) throw new Error('the two recordings ran different steps');

  const found: Found[] = emulator.flatMap((step, index) => {
    const other = kratos[index] as Recorded;
    const fields = differingFields(step.view, other.view);
    return fields.length > 0 ? [{ step: step.step, fields, emulator: step, kratos: other }] : [];
  });
  const covers = (d: KnownDifference, step: string) => d.step === step || d.step === EVERY_STEP;
  const unlisted = found.flatMap((f) => {
    const fields = f.fields.filter(
      (field) => !listed.some((d) => covers(d, f.step) && d.fields.includes(field)),
    );
    return fields.length > 0 ? [{ ...f, fields }] : [];
  });
  const stale = listed.flatMap((d) => {
    const fields = d.fields.filter(
      (field) => !found.some((f) => covers(d, f.step) && f.fields.includes(field)),
    );
    return fields.length > 0 ? [{ ...d, fields }] : [];
  });
  return { unlisted, stale };
}

/** A failure report: each unlisted difference with both values (and as paste-ready entries), each stale entry. */
export function describeComparison(scenario: string, { unlisted, stale }: Comparison): string {
  const problems: string[] = [];
  if (unlisted.length > 0) {
    const details = unlisted.map((f) => {
      const values = f.fields.map(
        (field) =>
          `    ${field}:\n      emulator: ${JSON.stringify(f.emulator.view[field])}\n      kratos:   ${JSON.stringify(f.kratos.view[field])}`,
      );
      return `  ${scenario} / ${f.step} [${f.fields.join(', ')}]\n${values.join('\n')}`;
    });
    const entries = unlisted.map(
      (f) =>
        `  { scenario: '${scenario}', step: ${JSON.stringify(f.step)}, fields: ${JSON.stringify(f.fields)}, reason: NOT_YET_ALIGNED },`,
    );
    problems.push(
      `Differences not listed in test/parity/differences.ts:\n${details.join('\n')}\n\n` +
        `The same as entries for differences.ts (give each its reason):\n${entries.join('\n')}`,
    );
  }
  if (stale.length > 0) {
    const lines = stale.map((d) => `  ${d.scenario} / ${d.step} [${d.fields.join(', ')}] (${d.reason})`);
    problems.push(
      `Listed in test/parity/differences.ts but no longer different (remove them):\n${lines.join('\n')}`,
    );
  }
  return problems.join('\n\n');
}
