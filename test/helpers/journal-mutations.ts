/**
 * Single changes to a journal's SQLite file, made with plain SQL the way someone holding the file
 * could, each with what verification must say about it (docs/domain.md, "The journal file"). A
 * value given as bytes is cast to TEXT, which SQLite stores as they are, valid UTF-8 or not.
 *
 * `inside`: found without a recorded head; every position in `must` is among the bad entries and
 * none outside `allowed`. `tail`: the end was removed or rewritten with fresh hashes – found only
 * with the head recorded before. `append`: a correctly sealed entry after the last one, which the
 * chain cannot tell from the app's own. `none`: meant to change nothing. Whether a change really
 * changed the stored bytes is decided separately, by comparing the rows (rowFingerprints).
 */
import type Database from 'better-sqlite3';
import { sealEntry } from '../../src/core/journal/chain.ts';
import { genesisHash, JournalEntryKind, type JournalEntryContent } from '../../src/core/journal/model.ts';
import { entryToRow, insertEntrySql, rowToEntry, type EntryRow } from '../../src/main/journal/rows.ts';

export type Random = () => number;
export type Pristine = { readonly rows: readonly EntryRow[]; readonly count: number };
export type Expectation =
  | { readonly detect: 'inside'; readonly must: readonly number[]; readonly allowed: (seq: number) => boolean }
  | { readonly detect: 'tail' | 'append' | 'none' };
export type Mutation = { readonly kind: MutationKind; readonly label: string; readonly expect: Expectation };

export const mutationKinds = [
  'edit-text',
  'edit-json',
  'edit-type',
  'edit-bytes',
  'edit-hash',
  'edit-seq',
  'delete',
  'tail',
  'insert-forged',
  'insert-sealed',
  'swap-contents',
  'swap-seq',
  'duplicate',
  'rewrite',
  'noop',
] as const;
export type MutationKind = (typeof mutationKinds)[number];

const textColumns = ['at', 'session_id', 'actor', 'witness', 'kind', 'step_id', 'summary'] as const;
const optionalColumns: ReadonlySet<string> = new Set(['witness', 'step_id', 'graph_request_ids']);
const allColumns = [...textColumns, 'data', 'graph_request_ids', 'prev_hash', 'hash'] as const;
type Column = (typeof allColumns)[number];

/** Every row as its types and bytes (hex), so a change that reads back the same is still seen. */
export function rowFingerprints(db: Database.Database): string[] {
  const parts = ['seq', ...allColumns].map((column) => `typeof(${column}) || ':' || hex(${column})`).join(" || ',' || ");
  return db.prepare(`SELECT ${parts} FROM journal_entries ORDER BY seq`).pluck().all() as string[];
}

const only =
  (...seqs: number[]) =>
  (seq: number): boolean =>
    seqs.includes(seq);
const from =
  (first: number) =>
  (seq: number): boolean =>
    seq >= first;
const inside = (must: number[], allowed: (seq: number) => boolean = only(...must)): Expectation => ({ detect: 'inside', must, allowed });

export function mutate(db: Database.Database, pristine: Pristine, random: Random): Mutation {
  const { rows, count } = pristine;
  const pick = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const choose = <T>(items: readonly T[]): T => items[pick(0, items.length - 1)] as T;
  const row = (seq: number): EntryRow => rows[seq - 1] as EntryRow;
  const set = (column: string, value: unknown, seq: number): void => {
    db.prepare(`UPDATE journal_entries SET ${column} = ? WHERE seq = ?`).run(value, seq);
  };
  const kind = choose(mutationKinds);
  const seq = pick(1, count);
  const edit = (column: Column, value: unknown, how: string): Mutation => {
    set(column, value, seq);
    return { kind, label: `${kind}: ${column} of #${seq} ${how}`, expect: inside([seq]) };
  };

  switch (kind) {
    case 'edit-text': {
      const column = choose(textColumns);
      const [value, how] = textVariant(column, row(seq)[column], rows, choose, pick);
      return edit(column, value, how);
    }
    case 'edit-json': {
      const column = random() < 0.7 ? 'data' : 'graph_request_ids';
      const [value, how] = jsonVariant(column, row(seq)[column], rows, choose);
      return edit(column, value, how);
    }
    case 'edit-type': {
      const column = choose(allColumns);
      const variants: [unknown, string][] = [
        [7, 'set to the integer 7'],
        [2.5, 'set to the real 2.5'],
        ['', 'set to the empty string'],
      ];
      if (optionalColumns.has(column)) variants.push([null, 'set to NULL']);
      const [value, how] = choose(variants);
      return edit(column, value, how);
    }
    case 'edit-bytes': {
      // Mostly a U+FFFD the app stored (the edit SQLite reads back unchanged), else the first character.
      const holding = rows.flatMap((stored) =>
        allColumns.filter((column) => stored[column]?.includes('\uFFFD')).map((column) => ({ stored, column })),
      );
      const target = holding.length > 0 && random() < 0.8 ? choose(holding) : { stored: row(seq), column: choose(textColumns) };
      const [bytes, how] = choose(invalidUtf8);
      const text = Buffer.from(target.stored[target.column] ?? '', 'utf8');
      const at = Math.max(0, text.indexOf(replacementCharacter));
      const edited = Buffer.concat([
        text.subarray(0, at),
        Buffer.from(bytes),
        text.subarray(at + (text.length > 0 ? utf8Length(text[at]) : 0)),
      ]);
      db.prepare(`UPDATE journal_entries SET ${target.column} = CAST(? AS TEXT) WHERE seq = ?`).run(edited, target.stored.seq);
      return {
        kind,
        label: `${kind}: ${target.column} of #${target.stored.seq}, byte ${at} on, as ${how}`,
        expect: inside([target.stored.seq]),
      };
    }
    case 'edit-hash': {
      const column = random() < 0.5 ? 'prev_hash' : 'hash';
      const current = row(seq)[column];
      const index = pick(0, 63);
      const variants: [unknown, string][] = [
        [`${current.slice(0, index)}${current[index] === 'a' ? 'b' : 'a'}${current.slice(index + 1)}`, `with hex digit ${index} changed`],
        [current.toUpperCase(), 'in upper case'],
        [row(pick(1, count)).hash, 'set to the hash of another entry'],
        [genesisHash, 'set to 64 zeros'],
        [current.slice(0, 63), 'cut to 63 digits'],
      ];
      const [value, how] = choose(variants);
      return edit(column, value, how);
    }
    case 'edit-seq': {
      const target = choose([0, -pick(1, 5), count + pick(1, 3), 2 ** 60]);
      set('seq', target, seq);
      const allowed = target > count ? (candidate: number) => candidate === seq || candidate > count : only(1, seq);
      return { kind, label: `${kind}: #${seq} renumbered ${target}`, expect: inside([seq], allowed) };
    }
    case 'delete': {
      const target = choose([1, count, seq]);
      db.prepare('DELETE FROM journal_entries WHERE seq = ?').run(target);
      return { kind, label: `${kind}: #${target}`, expect: target === count ? { detect: 'tail' } : inside([target]) };
    }
    case 'tail': {
      const keep = choose([count - 1, pick(0, count - 1), 0]);
      db.prepare('DELETE FROM journal_entries WHERE seq > ?').run(keep);
      return { kind, label: `${kind}: everything after #${keep} deleted`, expect: { detect: 'tail' } };
    }
    case 'insert-forged':
    case 'insert-sealed': {
      const at = choose([1, count + 1, pick(1, count + 1)]);
      const template = rowToEntry(row(pick(1, count)));
      const prevHash = at > 1 ? row(at - 1).hash : genesisHash;
      const content: JournalEntryContent = { ...withoutHashes(template), seq: at, summary: 'Nothing unusual happened.' };
      const forged =
        kind === 'insert-sealed'
          ? entryToRow(sealEntry(content, prevHash))
          : { ...entryToRow(sealEntry(content, prevHash)), hash: randomHex(random) };
      makeRoom(db, at);
      db.prepare(insertEntrySql).run(forged);
      const label = `${kind}: a new #${at}, the rest moved up`;
      if (kind === 'insert-forged') return { kind, label, expect: inside([at], from(at)) };
      // Sealed onto its predecessor, the forged entry itself fits; the one it pushed along does not.
      return { kind, label, expect: at > count ? { detect: 'append' } : inside([at + 1], from(at + 1)) };
    }
    case 'swap-contents':
    case 'swap-seq': {
      const first = pick(1, count - 1);
      const second = choose([first + 1, pick(first + 1, count)]);
      if (kind === 'swap-seq') {
        // Through a free seq, because SQLite checks the primary key row by row.
        set('seq', -1, first);
        set('seq', first, second);
        set('seq', second, -1);
      } else {
        const assignments = allColumns.map((column) => `${column} = @${column}`).join(', ');
        const update = db.prepare(`UPDATE journal_entries SET ${assignments} WHERE seq = @seq`);
        update.run({ ...row(second), seq: first });
        update.run({ ...row(first), seq: second });
      }
      return { kind, label: `${kind}: #${first} and #${second}`, expect: inside([first, second]) };
    }
    case 'duplicate': {
      const copy = { ...row(seq) };
      if (random() < 0.5) {
        db.prepare(insertEntrySql).run({ ...copy, seq: count + 1 });
        return { kind, label: `${kind}: #${seq} copied to a new #${count + 1}`, expect: inside([count + 1]) };
      }
      makeRoom(db, seq + 1);
      db.prepare(insertEntrySql).run({ ...copy, seq: seq + 1 });
      return { kind, label: `${kind}: #${seq} copied right after itself`, expect: inside([seq + 1], from(seq + 1)) };
    }
    case 'rewrite': {
      const how = choose(['edited', 'deleted', 'inserted', 'unchanged'] as const);
      const tail = rows.slice(seq - 1).map((stored) => withoutHashes(rowToEntry(stored)));
      if (how === 'edited') tail[0] = { ...(tail[0] as JournalEntryContent), summary: 'Nothing unusual happened.' };
      if (how === 'deleted') tail.shift();
      if (how === 'inserted') tail.unshift({ ...(tail[0] as JournalEntryContent), summary: 'Nothing unusual happened.' });
      db.prepare('DELETE FROM journal_entries WHERE seq >= ?').run(seq);
      let prevHash = seq > 1 ? row(seq - 1).hash : genesisHash;
      tail.forEach((content, index) => {
        const sealed = sealEntry({ ...content, seq: seq + index }, prevHash);
        db.prepare(insertEntrySql).run(entryToRow(sealed));
        prevHash = sealed.hash;
      });
      return {
        kind,
        label: `${kind}: #${seq} ${how}, every entry from it sealed afresh`,
        expect: { detect: how === 'unchanged' ? 'none' : 'tail' },
      };
    }
    case 'noop': {
      const variant = pick(0, 4);
      const column = choose(allColumns);
      if (variant === 0) db.prepare(`UPDATE journal_entries SET ${column} = ${column} WHERE seq = ?`).run(seq);
      if (variant === 1) set(column, row(seq)[column], seq);
      if (variant === 2) db.exec('VACUUM');
      if (variant === 3) set('data', JSON.stringify(JSON.parse(row(seq).data)), seq);
      if (variant === 4) db.prepare('DELETE FROM journal_entries WHERE seq > ?').run(count);
      const labels = [
        `${column} of #${seq} set to itself in SQL`,
        `${column} of #${seq} written again`,
        'VACUUM',
        `data of #${seq} parsed and written again`,
        'nothing after the last entry deleted',
      ];
      return { kind, label: `${kind}: ${labels[variant]}`, expect: { detect: 'none' } };
    }
  }
}

const replacementCharacter = Buffer.from('\uFFFD', 'utf8');

/** Bytes that are not UTF-8 (SQLite reads each back as U+FFFD, the NUL aside), for 'edit-bytes'. */
const invalidUtf8: readonly [number[], string][] = [
  [[0xff], 'a single FF'],
  [[0xc0], 'a lead byte C0'],
  [[0x80], 'a lone continuation byte'],
  [[0xef, 0xbf], 'a character cut short'],
  [[0xf0, 0x9f, 0x98], 'a 4-byte character cut short'],
  [[0xed, 0xa0, 0xbd], 'an encoded surrogate'],
  [[0x00], 'a NUL'],
];

/** How many bytes the UTF-8 character starting with `lead` takes. */
function utf8Length(lead: number | undefined): number {
  if (lead === undefined || lead < 0xc0) return 1;
  return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** Moves every entry from `seq` on one up (in two steps: SQLite checks the primary key row by row). */
function makeRoom(db: Database.Database, seq: number): void {
  db.prepare('UPDATE journal_entries SET seq = -(seq + 1) WHERE seq >= ?').run(seq);
  db.prepare('UPDATE journal_entries SET seq = -seq WHERE seq < 0').run();
}

function withoutHashes(entry: ReturnType<typeof rowToEntry>): JournalEntryContent {
  const { prevHash: _prevHash, hash: _hash, ...content } = entry;
  return content;
}

function randomHex(random: Random): string {
  return Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
}

function textVariant(
  column: (typeof textColumns)[number],
  current: string | null,
  rows: readonly EntryRow[],
  choose: <T>(items: readonly T[]) => T,
  pick: (low: number, high: number) => number,
): [unknown, string] {
  const text = current ?? '';
  const index = pick(0, Math.max(0, text.length - 1));
  const variants: [unknown, string][] = [
    [`${text.slice(0, index)}${text[index] === 'x' ? 'y' : 'x'}${text.slice(index + 1)}`, `with code unit ${index} changed`],
    [`${text} `, 'with a space added'],
    [text.normalize('NFD'), 'in Unicode NFD'],
    [text.toUpperCase(), 'in upper case'],
    [choose(rows)[column], 'copied from another entry'],
    [current, 'written again unchanged'],
  ];
  if (column === 'at') {
    const instant = Date.parse(text);
    variants.push([new Date(instant + 1).toISOString(), 'one millisecond later'], [text.replace('Z', '+00:00'), 'with +00:00 for Z']);
    variants.push([text.replace(/\.(\d{3})Z$/, '.$1000Z'), 'with microseconds'], [String(instant), 'as epoch milliseconds']);
  }
  if (column === 'kind') variants.push([choose(JournalEntryKind.options), 'set to another kind'], ['Note', 'set to "Note"']);
  if (current === null) variants.push(['Mallory', 'filled in']);
  return choose(variants);
}

function jsonVariant(
  column: 'data' | 'graph_request_ids',
  current: string | null,
  rows: readonly EntryRow[],
  choose: <T>(items: readonly T[]) => T,
): [unknown, string] {
  const variants: [unknown, string][] = [
    [choose(rows)[column], 'copied from another entry'],
    [current, 'written again unchanged'],
    ['{"a":', 'cut off'],
  ];
  if (current === null) {
    variants.push(['["forged-request"]', 'filled in'], ['[]', 'filled in with []']);
    return choose(variants);
  }
  const value = JSON.parse(current) as unknown;
  // The same meaning, other bytes: the journal proves what was written, not what it means.
  variants.push(
    [JSON.stringify(value, null, 1), 'with whitespace'],
    [current.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`), 'with non-ASCII as \\u escapes'],
    [current.replace(/\//g, '\\/'), 'with / escaped'],
    [current.replace('1e+21', '1E21'), 'with 1e+21 as 1E21'],
  );
  if (Array.isArray(value)) {
    variants.push([JSON.stringify([...value, 'forged-request']), 'with a request id added'], [null, 'set to NULL'], ['[]', 'set to []']);
  } else {
    const record = value as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(record).reverse());
    variants.push(
      [JSON.stringify(reversed), 'with its keys in reverse order'],
      [JSON.stringify({ ...record, approved: true }), 'with a field added'],
    );
    variants.push(['{}', 'emptied'], ['null', 'set to null'], ['[]', 'set to []']);
  }
  return choose(variants);
}
