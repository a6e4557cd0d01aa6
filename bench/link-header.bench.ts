/**
 * `npm run bench` (second part): the `Link` header parser on Kratos's own header (the baseline) and on 16 KiB
 * hostile headers, as a ratio per character against the baseline measured in the same run. A linear parser
 * keeps every ratio near 1; the former regular expression took ~0.8 s on 16 KiB of `<`.
 */
import { nextPageToken } from '../main/kratos/link-header';

const kratosHeader =
  '<https://kratos.example.com/sessions?page=0&page_size=50&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0&per_page=50>; rel="first",' +
  '<https://kratos.example.com/sessions?page=3&page_size=50&page_token=eyJvZmZzZXQiOiIyMDAiLCJ2IjoyfQ&per_page=50>; rel="next"';
const hostile: Record<string, string> = {
  'only <': '<'.repeat(16 * 1024),
  '< then spaces': `<a>;${' '.repeat(16 * 1024)}`,
  'unclosed targets': '<a'.repeat(8 * 1024),
};

/** Nanoseconds per character of `header`, over enough runs to last ~200 ms. */
function nsPerChar(header: string): number {
  let runs = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 200_000_000n) {
    nextPageToken(header);
    runs++;
    elapsed = process.hrtime.bigint() - started;
  }
  return Number(elapsed) / runs / header.length;
}

const baseline = nsPerChar(kratosHeader);
console.info(`Link header: Kratos's header ${baseline.toFixed(2)} ns/char (baseline)`);
for (const [name, header] of Object.entries(hostile)) {
  const cost = nsPerChar(header);
  console.info(
    `  ${name} (${header.length} chars): ${cost.toFixed(2)} ns/char, ${(cost / baseline).toFixed(2)}× baseline`,
  );
}
