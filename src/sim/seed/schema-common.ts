/**
 * Building blocks of the seed schema: Graph's scalar formats and the strictness rule.
 *
 * Every object is a zod `strictObject`, so an unknown key is an error naming its JSON path
 * (DOMAIN.md: "Unknown keys are an error, not silently ignored").
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
