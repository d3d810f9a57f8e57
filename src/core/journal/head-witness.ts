/**
 * The chain-head witness: a small JSON file written outside the journal each time a session
 * closes, recording the chain head at that moment (docs/domain.md, "The chain-head witness file").
 *
 * A chain cut at its end is still self-consistent; only a head recorded elsewhere exposes the
 * cut. The witness is that record, kept where the custodian chooses (the safe's USB stick), one
 * file per close so that no write ever touches an earlier witness.
 */
import { z } from 'zod';

import { ActionableError } from '../../shared/actionable-error.ts';
import { SessionKind, Sha256Hex, UtcTimestamp } from './model.ts';

export const headWitnessFormat = 'breakglass-journal-head';
export const headWitnessVersion = 1;

export const HeadWitness = z.strictObject({
  format: z.literal(headWitnessFormat),
  version: z.literal(headWitnessVersion),
  /** Which journal: where it was, and the hash of its entry 1 (which a copy keeps). */
  journal: z.strictObject({ path: z.string().min(1), firstEntryHash: Sha256Hex }),
  /** The `session-closed` entry that was the head when the witness was written. */
  head: z.strictObject({ seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), hash: Sha256Hex, at: UtcTimestamp }),
  session: z.strictObject({ id: z.string().min(1), kind: SessionKind }),
  writtenAt: UtcTimestamp,
});
export type HeadWitness = z.infer<typeof HeadWitness>;

/** Names sort by journal, then by entry number: the last one of a journal is its newest head. */
export const headWitnessNamePattern = /^journal-head-[0-9a-f]{12}-\d{12}-[0-9a-f]{12}\.json$/;

export function headWitnessFileName(witness: Pick<HeadWitness, 'journal' | 'head'>): string {
  return `journal-head-${witness.journal.firstEntryHash.slice(0, 12)}-${String(witness.head.seq).padStart(12, '0')}-${witness.head.hash.slice(0, 12)}.json`;
}

/** The file's text: pretty-printed, so an auditor can read it on any machine. */
export function serializeHeadWitness(witness: HeadWitness): string {
  return `${JSON.stringify(HeadWitness.parse(witness), null, 2)}\n`;
}

const refusal = (source: string, problem: string): ActionableError =>
  new ActionableError(
    `${source} is not a usable journal head witness: ${problem}.`,
    'Give a witness file written by Break-Glass Runbook (journal-head-….json), or the folder that holds them.',
  );

/** Parses a witness file's text; `source` names the file in messages. Refuses anything else. */
export function parseHeadWitness(text: string, source: string): HeadWitness {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw refusal(source, `it is not JSON (${(error as Error).message})`);
  }
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (record?.['format'] !== headWitnessFormat) throw refusal(source, `it does not say "format": "${headWitnessFormat}"`);
  const version = record['version'];
  if (typeof version === 'number' && version > headWitnessVersion) {
    throw new ActionableError(
      `${source} is a journal head witness of format version ${version}, newer than this version of Break-Glass Runbook reads (${headWitnessVersion}).`,
      'Verify with the newer version of breakglass that wrote it.',
    );
  }
  const parsed = HeadWitness.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the file'}: ${issue.message}`)
      .join('; ');
    throw refusal(source, problems);
  }
  return parsed.data;
}

/** The newest head among witnesses of one journal: the highest entry number, then the latest written. */
export function newestHeadWitness<T extends { readonly witness: HeadWitness }>(items: readonly T[]): T | undefined {
  let newest: T | undefined;
  for (const item of items) {
    if (
      !newest ||
      item.witness.head.seq > newest.witness.head.seq ||
      (item.witness.head.seq === newest.witness.head.seq && item.witness.writtenAt > newest.witness.writtenAt)
    ) {
      newest = item;
    }
  }
  return newest;
}
