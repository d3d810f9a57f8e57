/**
 * Process entry of the `breakglass` bin: runs the command and exits with its code – but only once
 * standard output and standard error have drained. A pipe takes 64 KiB before its reader catches up;
 * exiting earlier would cut an export or a report short while still answering 0
 * (docs/domain.md, "The `breakglass` command").
 */
import { main } from './main.ts';

function exitAfterOutput(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const drained = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    // A reader that went away (`| head`) ends the output; the exit code stays the command's.
    stream.on('error', () => process.exit(code));
    stream.write('', drained);
  }
}

main(process.argv.slice(2)).then(exitAfterOutput, (error: unknown) => {
  process.stderr.write(`breakglass: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitAfterOutput(1);
});
