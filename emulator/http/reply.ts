/** What a route handler answers: status, JSON body (or none) and extra headers. The HTTP shell writes it. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export const noContent: Reply = { status: 204 };
