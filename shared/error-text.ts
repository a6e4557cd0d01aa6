/** The message of anything thrown (an Error's message, else its string form), for logs and human text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
