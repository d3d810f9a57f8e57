/** A Graph route: method + path pattern (`users/{id}/memberOf`) → handler. */
import type { GraphCall, GraphResult } from './graph-call.ts';

export type RouteParams = Readonly<Record<string, string>>;

export type GraphRoute = {
  readonly method: string;
  readonly pattern: readonly string[];
  readonly handle: (call: GraphCall, params: RouteParams) => GraphResult | Promise<GraphResult>;
};

export function route(method: string, pattern: string, handle: GraphRoute['handle']): GraphRoute {
  return { method, pattern: pattern.split('/'), handle };
}

export function matchRoute(
  routes: readonly GraphRoute[],
  method: string,
  segments: readonly string[],
): { route?: GraphRoute; params?: RouteParams; pathExists: boolean } {
  let pathExists = false;
  for (const candidate of routes) {
    if (candidate.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = candidate.pattern.every((part, index) => {
      const segment = segments[index]!;
      if (part.startsWith('{') && part.endsWith('}')) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      return part.toLowerCase() === segment.toLowerCase();
    });
    if (!matched) continue;
    pathExists = true;
    if (candidate.method === method) return { route: candidate, params, pathExists };
  }
  return { pathExists };
}
