/**
 * A hand-written router: the emulator has about twenty routes, and it must load inside Electron's main
 * process, so a framework would add weight and nothing else. Patterns use `:name` segments.
 */
import type { EmulatorRequest } from './request';
import type { Reply } from './reply';

export type Handler<App> = (req: EmulatorRequest, app: App) => Reply | Promise<Reply>;

export interface Route<App> {
  methods: string[];
  pattern: string;
  handler: Handler<App>;
}

export const route = <App>(
  methods: string | string[],
  pattern: string,
  handler: Handler<App>,
): Route<App> => ({
  methods: Array.isArray(methods) ? methods : [methods],
  pattern,
  handler,
});

export function match<App>(
  routes: Route<App>[],
  method: string,
  path: string,
): { route: Route<App>; params: Record<string, string> } | undefined {
  return matchAll(
    routes.filter((r) => r.methods.includes(method)),
    path,
  )[0];
}

/** The methods some route serves `path` with: a request with another one is a 405 (httprouter, as in Kratos). */
export const allowedMethods = <App>(routes: Route<App>[], path: string): string[] => [
  ...new Set(matchAll(routes, path).flatMap((m) => m.route.methods)),
];

function matchAll<App>(
  routes: Route<App>[],
  path: string,
): { route: Route<App>; params: Record<string, string> }[] {
  const segments = path.split('/');
  const found: { route: Route<App>; params: Record<string, string> }[] = [];
  for (const candidate of routes) {
    const pattern = candidate.pattern.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((part, i) => {
      const segment = segments[i]!;
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(segment);
        return segment !== '';
      }
      return part === segment;
    });
    if (matched) found.push({ route: candidate, params });
  }
  return found;
}
