/**
 * Building blocks of the seed schema: Graph's scalar formats and the strictness rule.
 *
 * Every object is a zod `strictObject` (or a `graphObject`, which adds the OData annotations
 * Graph writes), so a key Microsoft does not define is an error naming its JSON path
 * (docs/domain.md, "The simulated-tenant seed": unknown properties are refused). Properties Microsoft defines
 * that the simulator does not interpret are accepted as they are (`microsoftDefined`) and kept,
 * so a pasted GET response is served back as it was pasted.
 *
 * Optional and nullable follow Microsoft: a property Graph may leave out or send as null is
 * optional or nullable here. Graph's type definitions mark almost every property nullable (the
 * metadata's default); keys, ids and the properties Graph always returns that the simulator
 * decides on (a policy's state, a key's keyId …) stay required – Microsoft is silent on when those
 * could be null, and the stricter reading is taken. A property Graph returns only on `$select`
 * (a user's accountEnabled) is optional, and where the simulator must decide on it, a missing
 * value takes the stricter outcome.
 */
import { z } from 'zod';

/** Graph GUIDs include non-RFC ones such as `00000003-0000-0000-c000-000000000000`. */
export const guid = z.guid({ message: 'must be a GUID' });

/** Graph's Edm.DateTimeOffset, e.g. `2026-02-13T11:37:41.7574033Z`. */
export const dateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' });

/** ISO 8601 durations such as `PT8H` or `P365D`. */
export const duration = z.string().regex(/^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, {
  message: 'must be an ISO 8601 duration such as PT8H',
});

export const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' });

export const nonEmpty = z.string().min(1, { message: 'must not be empty' });

export function odataType<const T extends string>(name: T) {
  return z.literal(`#microsoft.graph.${name}` as `#microsoft.graph.${T}`);
}

export const stringList = z.array(z.string());

/**
 * Properties Microsoft defines for a type that the simulator keeps and serves back without
 * interpreting them. `definedBy<MicrosoftGraph.User>()('aboutMe', …)` takes only names the
 * Microsoft Graph type definitions (`@microsoft/microsoft-graph-types`, generated from Graph's
 * v1.0 metadata) define for that type, so `tsc` refuses a name Microsoft does not define.
 */
export function definedBy<T>() {
  return <const K extends ReadonlyArray<keyof T & string>>(...names: K) => microsoftDefined(...names);
}

/** The same for beta and ARM properties, which no installed Microsoft type lists: cite the page next to each call. */
export function microsoftDefined<const K extends readonly string[]>(...names: K): { [P in K[number]]: z.ZodOptional<z.ZodUnknown> } {
  return Object.fromEntries(names.map((name) => [name, z.unknown().optional()])) as { [P in K[number]]: z.ZodOptional<z.ZodUnknown> };
}

/**
 * OData JSON Format 4.01 (https://docs.oasis-open.org/odata/odata-json-format/v4.01/odata-json-format-v4.01.html,
 * §4.5 control information, §18 instance annotations, §11.5 advertised operations): Graph writes
 * `@odata.type`, `@odata.id`, `@odata.etag`, `@odata.context` … on objects, `property@odata.type`
 * or `authenticationStrength@odata.context` next to a property (both in Graph's own examples,
 * api-reference/v1.0/api/conditionalaccessroot-list-policies.md), and `#microsoft.graph.restore`
 * to advertise an action (beta conditionalAccessPolicy exports).
 */
const controlInformation = /^@odata\.[A-Za-z]+$/;
const propertyAnnotation = /^([A-Za-z_][A-Za-z0-9_]*)@odata\.[A-Za-z]+$/;
const advertisedOperation = /^#microsoft\.graph\.[A-Za-z]+$/;

function isAnnotationOf(key: string, properties: ReadonlySet<string>): boolean {
  if (controlInformation.test(key) || advertisedOperation.test(key)) return true;
  const annotated = propertyAnnotation.exec(key)?.[1];
  return annotated !== undefined && properties.has(annotated);
}

/**
 * A Graph object: the properties of `shape`, plus the OData annotations Graph writes on it (kept
 * as they are); any other key is an `unrecognized_keys` issue at its own path, reported in the
 * same pass as every other problem. Typed as the strict object, so code that builds seeds still
 * has a misspelt property refused by `tsc`.
 */
export function graphObject<const Shape extends z.core.$ZodLooseShape>(shape: Shape): z.ZodObject<Shape, z.core.$strict> {
  const properties = new Set(Object.keys(shape));
  const unknownKeys = z.superRefine<Record<string, unknown>>(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!properties.has(key) && !isAnnotationOf(key, properties))
          ctx.addIssue({ code: 'unrecognized_keys', keys: [key], input: value });
      }
    },
    // Run even when a property is malformed, so unknown keys are reported in the same pass.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  );
  return z.looseObject(shape).check(unknownKeys) as unknown as z.ZodObject<Shape, z.core.$strict>;
}
