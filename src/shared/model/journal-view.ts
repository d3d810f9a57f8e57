/**
 * What the Journal screen is shown: sessions, one session's timeline, the chain's state.
 * Entries arrive already redacted (no secret ever enters the journal).
 */
import { z } from 'zod';

const Hash = z.string().regex(/^[0-9a-f]{64}$/);

export const JournalSessionView = z
  .object({
    id: z.string(),
    kind: z.enum(['incident', 'drill', 'rotation', 'review', 'check', 'sign-in']),
    title: z.string(),
    openedAt: z.string(),
    openedBy: z.string(),
    witness: z.string().optional(),
    closedAt: z.string().optional(),
    closedBy: z.string().optional(),
    classification: z.enum(['drill', 'real-emergency', 'misuse']).optional(),
  })
  .strict();
export type JournalSessionView = z.infer<typeof JournalSessionView>;

export const JournalEntryView = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    witness: z.string().optional(),
    kind: z.string(),
    stepId: z.string().optional(),
    summary: z.string(),
    data: z.record(z.string(), z.unknown()),
    graphRequestIds: z.array(z.string()).optional(),
    hash: Hash,
  })
  .strict();
export type JournalEntryView = z.infer<typeof JournalEntryView>;

export const ChainStatus = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), count: z.number().int(), head: Hash, checkedAt: z.string() }).strict(),
  z
    .object({
      intact: z.literal(false),
      firstBadSeq: z.number().int(),
      reason: z.string(),
      /** Every place the chain is broken, in order; the first is the one above. */
      badEntries: z.array(z.object({ seq: z.number().int(), reason: z.string() }).strict()).min(1),
      checkedAt: z.string(),
    })
    .strict(),
]);
export type ChainStatus = z.infer<typeof ChainStatus>;

/**
 * The entries named by a verification, each once and in order, runs shortened: "#3, #7–#9".
 * Shared by `breakglass journal verify`, the exports and the Journal screen.
 */
export function entryIdList(seqs: readonly number[]): string {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let index = 0; index < sorted.length;) {
    const start = sorted[index] as number;
    let end = start;
    while (sorted[index + 1] === end + 1) {
      end += 1;
      index += 1;
    }
    index += 1;
    runs.push(end === start ? `#${start}` : `#${start}–#${end}`);
  }
  return runs.join(', ');
}

/** "2 bad entries: #3, #7" – counting entries, not problems (one entry can have two). */
export function badEntriesLine(seqs: readonly number[]): string {
  const count = new Set(seqs).size;
  return `${count} bad ${count === 1 ? 'entry' : 'entries'}: ${entryIdList(seqs)}`;
}

/** A journal file the app would not write to, kept untouched beside the one in use. */
export const SetAsideJournal = z.object({ file: z.string(), problem: z.string() }).strict();
export type SetAsideJournal = z.infer<typeof SetAsideJournal>;

/**
 * Where the chain head went when a session closed (docs/domain.md, "The chain-head witness file"):
 * no folder set, written (to which file, which head), or not written (why, and what to do).
 * `none-yet`: a folder is set but holds no witness of this journal so far.
 */
export const HeadWitnessStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-set'), message: z.string() }).strict(),
  z.object({ state: z.literal('none-yet'), folder: z.string(), message: z.string() }).strict(),
  z
    .object({ state: z.literal('written'), folder: z.string(), file: z.string(), seq: z.number().int(), hash: Hash, writtenAt: z.string() })
    .strict(),
  z.object({ state: z.literal('failed'), folder: z.string(), problem: z.string(), nextStep: z.string() }).strict(),
]);
export type HeadWitnessStatus = z.infer<typeof HeadWitnessStatus>;

/** The line the CLI and the screens show for a witness status. */
export function headWitnessLine(status: HeadWitnessStatus): string {
  switch (status.state) {
    case 'not-set':
    case 'none-yet':
      return status.message;
    case 'written':
      return `Chain head (entry ${status.seq}, ${status.hash.slice(0, 12)}…) witnessed in ${status.file}.`;
    case 'failed':
      return `${status.problem} Next step: ${status.nextStep}`;
  }
}

export const JournalOverview = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('ready'),
      file: z.string(),
      entryCount: z.number().int(),
      head: Hash,
      sessions: z.array(JournalSessionView),
      setAside: z.array(SetAsideJournal),
      headWitness: HeadWitnessStatus,
    })
    .strict(),
  z
    .object({
      state: z.literal('unavailable'),
      file: z.string(),
      problem: z.string(),
      nextStep: z.string(),
      setAside: z.array(SetAsideJournal),
    })
    .strict(),
]);
export type JournalOverview = z.infer<typeof JournalOverview>;

export const JournalSessionDetail = z.object({ session: JournalSessionView, entries: z.array(JournalEntryView) }).strict();
export type JournalSessionDetail = z.infer<typeof JournalSessionDetail>;

export const journalExportFormats = ['json', 'md', 'csv'] as const;
export const JournalExportFormat = z.enum(journalExportFormats);
export type JournalExportFormat = z.infer<typeof JournalExportFormat>;

export const JournalExportResult = z
  .object({ file: z.string(), format: JournalExportFormat, entryCount: z.number().int(), head: Hash })
  .strict();
export type JournalExportResult = z.infer<typeof JournalExportResult>;

/** A note recorded from the Journal screen: a short review session holding one note. */
export const RecordNoteInput = z
  .object({
    actor: z.string().trim().min(1, 'Enter who is writing the note').max(200),
    witness: z.string().trim().max(200).optional(),
    title: z.string().trim().min(1, 'Give the note a title').max(200),
    text: z.string().trim().min(1, 'Write the note').max(10_000),
  })
  .strict();
export type RecordNoteInput = z.infer<typeof RecordNoteInput>;
