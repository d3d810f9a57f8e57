/**
 * One Microsoft example as four tests, the same for every endpoint:
 * 0. the seed takes Microsoft's example objects as Microsoft returns them;
 * 1. the simulator, seeded with Microsoft's example objects, answers the documented request in
 *    the shape of Microsoft's example response (shape.ts);
 * 2. the product's own reader of that answer reads Microsoft's example body itself, served
 *    verbatim over HTTPS (microsoft-replay.ts);
 * 3. where Microsoft ships a typed model of the answer, the simulator's answer is read through it
 *    and nothing the simulator sends is unknown to it (graph-model.ts, arm-model.ts).
 * A test file is then a list of Microsoft examples.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import type { Parsable, ParsableFactory } from '@microsoft/kiota-abstractions';

import { microsoftExample, type MicrosoftExample } from './examples.ts';
import { assertReadByGraphModel, type Expected } from './graph-model.ts';
import { routeOf, startMicrosoftReplay, type MicrosoftReplay, type ReplayRoute } from './microsoft-replay.ts';
import { assertSameShape, type ShapeOptions } from './shape.ts';
import { validateSeed } from '../../src/sim/index.ts';
import { testSeedJson } from '../helpers/sim-seed.ts';
import { armPath, conformanceTenant, graphPath, type ConformanceTenant, type SeedJson } from './tenant.ts';

export type ExampleCase = {
  /** The file name in examples/, without `.json`. */
  readonly example: string;
  /**
   * The objects of Microsoft's example as seed collections (`users`, `azure.actionGroups` …), from
   * the example itself wherever it can. Relationships Graph serves apart (a group's `members`) are
   * given the way the seed takes them.
   */
  readonly seed?: (example: MicrosoftExample) => SeedObjects;
  /**
   * What today's seed needs of an object beyond Microsoft's example (a property it requires that
   * Microsoft leaves out, a real value for a placeholder such as "authenticationType-value"):
   * applied for the simulator's answer only, so the answer's shape is tested while test 0 still
   * fails on the seed's refusal.
   */
  readonly seedAsTakenToday?: (collection: string, item: object) => object;
  /**
   * The simulator's answer to the documented request. By default Microsoft's request as documented;
   * a case gives its own where Microsoft's has placeholders that no tenant could accept (a key
   * "MIIDYDCCAki...", a proof "eyJ0eXAiOiJ..."), built by the product as it sends that request.
   */
  readonly answer?: (tenant: ConformanceTenant, example: MicrosoftExample) => Promise<SimulatorAnswer>;
  /** Statuses accepted besides Microsoft's example's, each where Microsoft's page says so (a documented known issue). */
  readonly alsoAcceptedStatuses?: readonly number[];
  readonly shape?: ShapeOptions;
  /**
   * Microsoft's own typed model reading the simulator's answer (given the answer, and the tenant
   * for a model that comes with its own client), asserting the properties the product relies on.
   */
  readonly model?: { readonly read: (answer: unknown, tenant: ConformanceTenant) => void | Promise<void> };
  /**
   * The product's reader of this answer, given a connection to Microsoft's example answer; it
   * throws (or asserts) when it cannot read it. Extra routes serve what the reader also asks (they come before the example's own route).
   */
  readonly product:
    | {
        readonly reader: string;
        readonly read: (replay: MicrosoftReplay, example: MicrosoftExample) => Promise<void>;
        readonly routes?: (example: MicrosoftExample) => ReplayRoute[];
      }
    | { readonly notReadBecause: string };
};

/** A Graph model check: the SDK's `create…FromDiscriminatorValue` factory and what the product relies on. */
export function graphModel<T extends Parsable>(
  factory: ParsableFactory<T>,
  relies: Readonly<Record<string, Expected>>,
): NonNullable<ExampleCase['model']> {
  return { read: (body) => void assertReadByGraphModel(factory, body, relies) };
}

/** What the simulator answered: the body, and the status where the product's connection reports it (writes). */
export type SimulatorAnswer = { readonly status?: number; readonly body: unknown };

async function documentedAnswer(tenant: ConformanceTenant, example: MicrosoftExample): Promise<SimulatorAnswer> {
  const { method, url, body } = example.request;
  if (url.startsWith('https://management.azure.com/')) {
    if (method !== 'GET') throw new Error('the product only reads ARM');
    return { body: { value: await tenant.arm.list(armPath(url)) } };
  }
  if (method === 'GET') return { body: await tenant.graph.get(graphPath(url)) };
  return tenant.graph.write(method, graphPath(url), body);
}

/** Seed collections by name; an object (not a list) is a seed entry of which a tenant has one, such as `authenticationMethodsPolicy`. */
export type SeedObjects = Readonly<Record<string, readonly object[] | object>>;

function addObjects(seed: SeedJson, objects: SeedObjects, asTaken: ExampleCase['seedAsTakenToday'] = (_, item) => item): void {
  for (const [collection, items] of Object.entries(objects)) {
    const [first, second] = collection.split('.') as [string, string | undefined];
    const holder = (second ? ((seed[first] ??= {}) as Record<string, unknown>) : seed) as Record<string, unknown[]>;
    const key = second ?? first;
    if (!Array.isArray(items)) {
      holder[key] = asTaken(collection, structuredClone(items)) as never;
      continue;
    }
    const list = (holder[key] ??= []) as Array<{ id?: unknown }>;
    for (const item of items.map((one) => asTaken(collection, structuredClone(one)) as { id?: unknown })) {
      // "There's only one initial domain per company", and one default (resources/domain): an
      // example domain that is initial or default becomes the test tenant's, which yields it.
      if (collection === 'domains') {
        for (const flag of ['isInitial', 'isDefault'] as const) {
          if ((item as Record<string, unknown>)[flag] === true) for (const own of list as Array<Record<string, unknown>>) own[flag] = false;
        }
      }
      // An example object with the id of one of the test tenant's own takes its place.
      const same = list.findIndex((existing) => existing.id !== undefined && existing.id === item.id);
      if (same >= 0) list[same] = item;
      else list.push(item);
    }
  }
}

export function conformanceCase(c: ExampleCase): void {
  const example = microsoftExample(c.example);
  describe(`${example.request.method} ${example.request.url} (${example.source.page})`, () => {
    const objects = c.seed?.(example) ?? {};
    let answered: Promise<{ tenant: ConformanceTenant; answer: SimulatorAnswer }> | undefined;
    const simulator = () =>
      (answered ??= conformanceTenant((seed) => addObjects(seed, objects, c.seedAsTakenToday)).then(async (tenant) => ({
        tenant,
        answer: await (c.answer ?? documentedAnswer)(tenant, example),
      })));

    after(async () => {
      const started = await answered?.catch(() => undefined);
      await started?.tenant.sim.close();
    });

    if (Object.keys(objects).length > 0) {
      it("the seed takes Microsoft's example objects as they are", () => {
        const json = testSeedJson() as SeedJson;
        addObjects(json, objects);
        validateSeed(json, "with Microsoft's example objects");
      });
    }

    it("the simulator answers in the shape of Microsoft's example", async () => {
      const { answer } = await simulator();
      if (answer.status !== undefined)
        assert.ok(
          [example.response.status, ...(c.alsoAcceptedStatuses ?? [])].includes(answer.status),
          `Microsoft's example answers ${example.response.status}, the simulator ${answer.status}`,
        );
      assertSameShape(example.response.body ?? {}, answer.body ?? {}, c.shape);
    });

    const product = c.product;
    if ('read' in product) {
      it(`the product (${product.reader}) reads Microsoft's example answer`, async () => {
        const replay = await startMicrosoftReplay([...(product.routes?.(example) ?? []), routeOf(example)]);
        await product.read(replay, example);
      });
    }

    if (c.model) {
      const model = c.model;
      it("Microsoft's typed model reads the simulator's answer", async () => {
        const { tenant, answer } = await simulator();
        await model.read(answer.body, tenant);
      });
    }
  });
}
