/**
 * The shape check of a draft on the append's hot path (docs/architecture.md, "The journal").
 *
 * Every append checks its draft against JournalEntryDraft. Zod's check costs more than the rest of
 * the append's own work together, right after an fsync has left the caches cold, so the usual
 * draft (a plain object of strings, a `data` object, request ids) is checked by hand here. The
 * hand check only accepts what the schema accepts; anything else – a wrong type, an unknown key,
 * an empty string – goes through zod, whose verdict and messages are used. `data` only has to be
 * an object here: sealing runs canonicalJson over it anyway and refuses anything that is not JSON.
 */
import { z } from 'zod';
import { isPlainObject } from './canonical.ts';
import { JournalEntryDraft, JournalEntryKind, type JsonObject, type JournalEntryContent } from './model.ts';

/** A draft as the store seals it: absent stays absent (never `undefined` or []), so it reads back as written. */
export type CheckedDraft = Omit<JournalEntryContent, 'seq' | 'at'>;

export type DraftCheck = { readonly ok: true; readonly draft: CheckedDraft } | { readonly ok: false; readonly problems: readonly string[] };

const DraftForAppend = JournalEntryDraft.extend({ data: z.record(z.string(), z.unknown()).default({}) });

const draftKeys: ReadonlySet<string> = new Set(Object.keys(JournalEntryDraft.shape));
const entryKinds: ReadonlySet<unknown> = new Set(JournalEntryKind.options);

export function checkDraft(value: unknown): DraftCheck {
  const quick = quickDraft(value);
  if (quick) return { ok: true, draft: quick };
  const parsed = DraftForAppend.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${['entry', ...issue.path.map(String)].join('.')}: ${issue.message}`),
    };
  }
  const { witness, stepId, graphRequestIds, data, ...required } = parsed.data;
  return {
    ok: true,
    draft: {
      ...required,
      data: data as JsonObject, // proven JSON when sealed
      ...(witness !== undefined ? { witness } : {}),
      ...(stepId !== undefined ? { stepId } : {}),
      ...(graphRequestIds && graphRequestIds.length > 0 ? { graphRequestIds } : {}),
    },
  };
}

/** The draft when it plainly fits the schema; undefined sends it to zod. */
function quickDraft(value: unknown): CheckedDraft | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const key of Object.keys(value)) if (!draftKeys.has(key)) return undefined;
  const { sessionId, actor, witness, kind, stepId, summary, data, graphRequestIds } = value;
  if (!isText(sessionId) || !isText(actor) || !isText(summary) || !entryKinds.has(kind)) return undefined;
  if ((witness !== undefined && !isText(witness)) || (stepId !== undefined && !isText(stepId))) return undefined;
  // zod copies a record into an ordinary object; one without a prototype is left to it.
  if (data !== undefined && !(isPlainObject(data) && Object.getPrototypeOf(data) === Object.prototype)) return undefined;
  if (graphRequestIds !== undefined && !(Array.isArray(graphRequestIds) && graphRequestIds.every(isText))) return undefined;
  const ids = graphRequestIds as string[] | undefined;
  const draft: CheckedDraft = { sessionId, actor, kind: kind as CheckedDraft['kind'], summary, data: (data ?? {}) as JsonObject };
  if (witness !== undefined) draft.witness = witness;
  if (stepId !== undefined) draft.stepId = stepId;
  if (ids && ids.length > 0) draft.graphRequestIds = ids;
  return draft;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
