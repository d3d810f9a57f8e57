/**
 * `breakglass journal verify FILE [--expect-head HASH | --witness PATH]` and
 * `breakglass journal export FILE --format json|md|csv [--out FILE]` (docs/domain.md, "The `breakglass` command").
 *
 * Both read the journal without ever writing to it (a copy is examined in memory), so they are
 * safe on a damaged journal kept as evidence. Exit codes: 0 intact, 1 tampered, 2 unreadable or
 * bad input.
 */
import { parseArgs } from 'node:util';

import { chainVerdictLine, renderJournalExport, type JournalExportFormat } from '../../core/journal/export.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import { badEntriesLine, journalExportFormats } from '../../shared/model/journal-view.ts';
import { headWitnessForJournal, type FoundHeadWitness } from '../journal/head-witness-file.ts';
import { JournalStore } from '../journal/store.ts';
import { withCliJournalSteps } from './journal-refusal.ts';
import { writePrivateFile } from './private-file.ts';
import type { Output } from './web-command.ts';

export const journalUsage = `  journal verify FILE [--expect-head HASH | --witness PATH]
      Check the journal's hash chain. Exit 0 intact, 1 tampered (names every bad entry),
      2 unreadable. With --expect-head (the head printed on an earlier report) or --witness (a
      witness file, or the witness folder: its newest head of this journal), a removed tail is detected too.
  journal export FILE --format json|md|csv [--out FILE]
      Write the journal as a readable record (to standard output unless --out is given).`;

function withJournal<T>(file: string, use: (store: JournalStore) => T): T {
  const store = withCliJournalSteps('read', () => JournalStore.openReadOnly(file));
  try {
    return use(store);
  } finally {
    store.close();
  }
}

function singleFile(positionals: string[], command: string): string {
  if (positionals.length !== 1 || !positionals[0]) {
    throw new ActionableError(`"journal ${command}" needs exactly one journal file.`, `Run: breakglass journal ${command} FILE`);
  }
  return positionals[0];
}

function verify(args: string[], output: Output): number {
  const { values, positionals } = parseArgs({
    args,
    options: { 'expect-head': { type: 'string' }, witness: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = singleFile(positionals, 'verify');
  if (values['expect-head'] !== undefined && values.witness !== undefined) {
    throw new ActionableError(
      '"journal verify" takes --expect-head or --witness, not both.',
      `Run: breakglass journal verify ${file} --witness PATH (or --expect-head HASH)`,
    );
  }
  let witness: FoundHeadWitness | undefined;
  const { verdict, head } = withJournal(file, (store) => {
    witness = values.witness === undefined ? undefined : headWitnessForJournal(values.witness, store.firstEntryHash(), file);
    const expected = witness
      ? { expectHead: witness.witness.head.hash, expectHeadSeq: witness.witness.head.seq }
      : { expectHead: values['expect-head'] };
    return { verdict: store.verify(expected), head: store.head() };
  });
  if (witness) {
    const { head: witnessed, writtenAt } = witness.witness;
    output.out(`Witness ${witness.file}: entry ${witnessed.seq}, hash ${witnessed.hash}, written ${writtenAt}.`);
  }
  if (verdict.intact) {
    output.out(`Journal ${file}: intact. ${verdict.count} entries; chain head ${verdict.head}.`);
    if (witness) {
      const after = verdict.count - witness.witness.head.seq;
      output.out(
        `The witnessed head is in the journal${after > 0 ? `; ${after} ${after === 1 ? 'entry was' : 'entries were'} added after it` : ' and is its last entry'}.`,
      );
    }
    return 0;
  }
  output.out(`Journal ${file}: TAMPERED. The first bad entry is #${verdict.firstBadSeq}: ${verdict.reason}`);
  // Every bad entry, not just the first: later tampering must not hide behind an earlier break.
  output.out(`${badEntriesLine(verdict.badEntries.map((bad) => bad.seq))}.`);
  if (verdict.badEntries.length > 1) for (const bad of verdict.badEntries) output.out(`  #${bad.seq}: ${bad.reason}`);
  // The head as the file holds it now, for the paper record of this verification.
  output.out(`The journal now ends at entry ${head.seq}; its last hash is ${head.hash}.`);
  output.err('Keep this file unchanged as evidence, and compare it with the exports and printed reports made earlier.');
  return 1;
}

function exportJournal(args: string[], output: Output): number {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = singleFile(positionals, 'export');
  const format = values.format;
  if (!format || !(journalExportFormats as readonly string[]).includes(format)) {
    throw new ActionableError(
      `"journal export" needs --format json, md or csv${format ? `, not "${format}"` : ''}.`,
      `Run: breakglass journal export ${file} --format md`,
    );
  }
  const { text, verdict } = withJournal(file, (store) => {
    const record = {
      file,
      exportedAt: new Date().toISOString(),
      sessions: store.sessions(),
      entries: store.entries(),
      verdict: store.verify(),
    };
    return { text: renderJournalExport(format as JournalExportFormat, record), verdict: record.verdict };
  });
  if (values.out) {
    writePrivateFile(
      { path: values.out, what: 'export', nextStep: 'Choose another --out file name, or leave --out away to print the export.' },
      text,
    );
    output.err(`Exported ${file} to ${values.out}. ${chainVerdictLine(verdict)}.`);
  } else {
    output.out(text.replace(/\r?\n$/, ''));
  }
  if (!verdict.intact) {
    output.err(`Warning: ${chainVerdictLine(verdict)}.`);
    return 1;
  }
  return 0;
}

export function runJournalCommand(args: string[], output: Output, usage: string): number {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'verify':
      return verify(rest, output);
    case 'export':
      return exportJournal(rest, output);
    default:
      output.err(sub === undefined ? 'breakglass journal: say verify or export.' : `breakglass journal: unknown subcommand "${sub}".`);
      output.err(usage);
      return 2;
  }
}
