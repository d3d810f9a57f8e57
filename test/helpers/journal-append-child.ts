/**
 * Crash-safety helper: appends to the journal at argv[2] until it is killed, printing
 * "ack SEQ HASH" for every entry only after `append` has returned (the entry is durable), and
 * "session ID" once its session is open. The parent kills it with SIGKILL at a random moment.
 */
import { JournalStore } from '../../src/main/journal/store.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: journal-append-child.ts FILE');

/** Resolves once the line has been handed to the pipe, so an "ack" is never lost in a buffer. */
const say = (line: string): Promise<void> =>
  new Promise((resolve, reject) => process.stdout.write(`${line}\n`, (error) => (error ? reject(error) : resolve())));

const store = JournalStore.open(file, { redaction: 'development' });
const session = store.openSession({ kind: 'drill', title: `Crash drill ${process.pid}`, actor: 'crash-test' });
await say(`session ${session.id}`);
for (let index = 0; ; index += 1) {
  const entry = store.append({
    sessionId: session.id,
    actor: 'crash-test',
    kind: 'note',
    summary: `Note ${index} from ${process.pid}`,
    // Varying sizes so some appends span several WAL pages.
    data: { index, padding: 'x'.repeat((index * 997) % 6000) },
  });
  await say(`ack ${entry.seq} ${entry.hash}`);
}
