/**
 * What a route handler answers: status, JSON body (or none) and extra headers; the browser-facing pages of
 * social sign-in answer HTML or a redirect instead. The HTTP shell writes it.
 */
export interface Reply {
  status: number;
  body?: unknown;
  /** An HTML page (the demo identity provider); never together with `body`. */
  html?: string;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export const noContent: Reply = { status: 204 };

/** 303: the browser goes on to `location` with a GET (how Kratos and identity providers move it along). */
export const seeOther = (location: string): Reply => ({ status: 303, headers: { Location: location } });
