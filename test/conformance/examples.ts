/**
 * Microsoft's documented request/response examples, one JSON file per endpoint the product calls
 * (examples/*.json): each names the Microsoft page and the repository file it was copied from.
 */
import { readFileSync } from 'node:fs';

export type MicrosoftExample = {
  readonly source: {
    readonly page: string;
    readonly repo: string;
    readonly path: string;
    readonly commit?: string;
    readonly note?: string;
  };
  readonly request: { readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; readonly url: string; readonly body?: unknown };
  readonly response: { readonly status: number; readonly body?: unknown };
};

export type ExampleBody = Record<string, unknown>;

export function microsoftExample(name: string): MicrosoftExample {
  const example = JSON.parse(readFileSync(new URL(`./examples/${name}.json`, import.meta.url), 'utf8')) as MicrosoftExample;
  if (!example.source?.page?.startsWith('https://learn.microsoft.com/'))
    throw new Error(`examples/${name}.json names no learn.microsoft.com page`);
  return example;
}

/** Microsoft's example response body, as an object (a fresh copy each time). */
export function exampleBody(example: MicrosoftExample): ExampleBody {
  return structuredClone(example.response.body) as ExampleBody;
}

/** The items of a collection answer (`value`), fresh copies with OData message annotations left out. */
export function exampleItems(example: MicrosoftExample): ExampleBody[] {
  return ((exampleBody(example)['value'] as ExampleBody[] | undefined) ?? []).map(withoutAnnotations);
}

/** A resource as a seed holds it: Microsoft's object without `@odata.context` and the like (keeps `@odata.type`). */
export function withoutAnnotations(item: ExampleBody): ExampleBody {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !name.startsWith('@odata.') || name === '@odata.type'));
}

/** Microsoft's domain of domain-list.md: the domain of the example users' names. */
export const contosoDomains = () => exampleItems(microsoftExample('domain-list'));
