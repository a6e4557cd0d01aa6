/**
 * What a terminal may be sent of a server's text. Labels, messages and traits come from the Kratos server,
 * which may be hostile: a control sequence in them would clear the screen, set the window title, write the
 * clipboard (OSC 52) or draw a fake prompt (issue 21, reproduced with 7 ESC bytes). Every C0 control but the
 * newline, DEL and every C1 control (U+0080–U+009F, which some terminals read as ESC sequences too) are
 * removed, so what remains is shown as the characters it is and no sequence can start. Written here because
 * the well-kept strip-ansi removes only the sequences it recognises and leaves lone controls (a bare
 * carriage return, BEL, a C1 CSI) in place.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

export const printable = (text: string): string => text.replace(CONTROLS, '');

/**
 * JSON for a terminal (`whoami --json`) with every value kept: JSON.stringify already writes C0 controls as
 * `\u00XX` escapes; DEL and C1 controls it leaves raw, so they are escaped too (still valid JSON).
 */
export const printableJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
