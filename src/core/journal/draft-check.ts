/**
 * The shape check of a draft on the append's hot path (docs/architecture.md, "The journal").
 *
 * Every append checks its draft against JournalEntryDraft. Zod's check was the largest part of the
 * append's own work, right after an fsync has left the caches cold, so the usual
 * draft (a plain object of strings, a `data` object, request ids) is checked by hand here. The
 * hand check only accepts what the schema accepts; anything else – a wrong type, an unknown key,
 * an empty string – goes through zod, whose verdict and messages are used. `data` only has to be
 * an object here: sealing runs canonicalJson over it anyway and refuses anything that is not JSON.
 */
import { z } from 'zod';
import { isPlainObject } from './canonical.ts';
import { isText } from './entry-encoding.ts';
import { JournalEntryDraft, JournalEntryKind, type JsonObject, type JournalEntryContent } from './model.ts';

/** A draft as the store seals it: absent stays absent (never `undefined` or []), so it reads back as written. */
export type CheckedDraft = Omit<JournalEntryContent, 'seq' | 'at'>;

export type DraftCheck = { readonly ok: true; readonly draft: CheckedDraft } | { readonly ok: false; readonly problems: readonly string[] };

const DraftForAppend = JournalEntryDraft.extend({ data: z.record(z.string(), z.unknown()).default({}) });

const draftKeys: ReadonlySet<string> = new Set(Object.keys(JournalEntryDraft.shape));
const entryKinds: ReadonlySet<unknown> = new Set(JournalEntryKind.options);

export function checkDraft(value: unknown): DraftCheck {
  if (plainlyFits(value)) return { ok: true, draft: absentLeftOut(value) };
  const parsed = DraftForAppend.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${['entry', ...issue.path.map(String)].join('.')}: ${issue.message}`),
    };
  }
  return { ok: true, draft: absentLeftOut(parsed.data) };
}

/** zod's output fits too: it only fills in `data`. */
type FittingDraft = z.input<typeof DraftForAppend>;

/** Whether the value plainly fits the schema as it is; false sends it to zod. */
function plainlyFits(value: unknown): value is FittingDraft {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!draftKeys.has(key)) return false;
  const { sessionId, actor, witness, kind, stepId, summary, data, graphRequestIds } = value;
  if (!isText(sessionId) || !isText(actor) || !isText(summary) || !entryKinds.has(kind)) return false;
  if ((witness !== undefined && !isText(witness)) || (stepId !== undefined && !isText(stepId))) return false;
  // zod copies a record into an ordinary object; one without a prototype is left to it.
  if (data !== undefined && !(isPlainObject(data) && Object.getPrototypeOf(data) === Object.prototype)) return false;
  return graphRequestIds === undefined || (Array.isArray(graphRequestIds) && graphRequestIds.every(isText));
}

function absentLeftOut(fitting: FittingDraft): CheckedDraft {
  const { sessionId, actor, kind, summary, data, witness, stepId, graphRequestIds } = fitting;
  const draft: CheckedDraft = { sessionId, actor, kind, summary, data: (data ?? {}) as JsonObject }; // proven JSON when sealed
  if (witness !== undefined) draft.witness = witness;
  if (stepId !== undefined) draft.stepId = stepId;
  if (graphRequestIds && graphRequestIds.length > 0) draft.graphRequestIds = graphRequestIds;
  return draft;
}
