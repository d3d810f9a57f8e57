/**
 * The `breakglass` command. Subcommands are added as capabilities land; anything unknown prints
 * the usage and exits with 2, as does bad input (docs/domain.md, "The `breakglass` command").
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { ActionableError } from '../../shared/actionable-error.ts';
import { findAppPackage } from './app-dir.ts';
import { checkUsage, runCheckCommand } from './check-command.ts';
import { journalUsage, runJournalCommand } from './journal-command.ts';
import { runSimCommand } from './sim-command.ts';
import { runWebCommand, type Output } from './web-command.ts';

export const usage = `Usage: breakglass <command> [options]

Commands:
  web [--config FILE] [--sim SEED] [--port N] [--data-dir DIR] [--open]
      Serve the app's screens and services to a browser on this computer (127.0.0.1 only).
      Prints "URL: http://127.0.0.1:PORT/#token=…" and runs until interrupted (Ctrl+C).
${checkUsage}
${journalUsage}
  sim --seed SEED [--port N]
      Serve the simulated tenant in SEED (for drills and development) on 127.0.0.1 over HTTPS.
      Prints its endpoints and the path of its CA certificate; runs until interrupted (Ctrl+C).
      The built-in demo tenant is assets/demo-tenant.seed.json.
  help
      Show this text.
  --version
      Print the version of this app.

Exit codes: 0 success, 1 a finding or failure to report, 2 bad input or unknown command.`;

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ActionableError(
      `--port must be a number from 0 to 65535, not "${value}".`,
      'Run again with a valid port, or leave --port out to pick a free one.',
    );
  }
  return port;
}

/** A port another program holds is bad input with a next step, not Node's "listen EADDRINUSE" (docs/domain.md, "The `breakglass` command"). */
async function listening<T>(port: number | undefined, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (port === undefined || (code !== 'EADDRINUSE' && code !== 'EACCES')) throw error;
    throw new ActionableError(
      code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is already in use by another program.`
        : `This account may not listen on port ${port}.`,
      'Run again with another --port, or leave --port out to pick a free one.',
    );
  }
}

/** Runs a long-lived service until Ctrl+C (SIGINT) or SIGTERM, then stops it. */
async function serveUntilInterrupted(stop: () => Promise<void>): Promise<number> {
  await new Promise<void>((resolve) => {
    const finish = () => resolve();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  await stop();
  return 0;
}

async function sim(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { seed: { type: 'string' }, port: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.seed) {
    throw new ActionableError(
      'breakglass sim needs --seed SEED, the simulated tenant to serve.',
      'Run "breakglass sim --seed assets/demo-tenant.seed.json" for the built-in demo tenant.',
    );
  }
  const port = parsePort(values.port);
  return serveUntilInterrupted(await listening(port, () => runSimCommand({ seed: values.seed!, port }, output)));
}

async function web(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      sim: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new ActionableError(
      `--data-dir ${dataDir} is a file, but it must be the folder for the journal.`,
      'Run again with --data-dir naming a folder (it is created if missing), or leave --data-dir out to use the usual one.',
    );
  }
  const port = parsePort(values.port);
  const stop = await listening(port, () =>
    runWebCommand(findAppPackage(import.meta.url), { config: values.config, sim: values.sim, port, dataDir, open: values.open }, output),
  );
  return serveUntilInterrupted(stop);
}

/** The project's own words for what node:util parseArgs refused; its message only lends the option's name. */
function argumentProblem(command: string, code: string, message: string): string {
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(/[ =]/)[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `"${command}" has no option ${option}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `"${command}" takes no argument "${quoted}".`;
    default:
      return /missing/.test(message) ? `${option} needs a value.` : `${option} takes no value.`;
  }
}

export async function main(argv: string[], output: Output = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'web':
        return await web(rest, output);
      case 'journal':
        return runJournalCommand(rest, output, usage);
      case 'sim':
        return await sim(rest, output);
      case 'check':
        return await runCheckCommand(findAppPackage(import.meta.url), rest, output);
      case '--version':
        output.out(`breakglass ${findAppPackage(import.meta.url).version}`);
        return 0;
      case 'help':
      case '--help':
      case '-h':
        output.out(usage);
        return 0;
      default:
        output.err(command === undefined ? 'breakglass: no command given.' : `breakglass: unknown command "${command}".`);
        output.err(usage);
        return 2;
    }
  } catch (error) {
    if (error instanceof ActionableError) {
      output.err(`breakglass: ${error.message}`);
      output.err(`Next step: ${error.nextStep}`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      const name = command === 'journal' && rest[0] ? `${command} ${rest[0]}` : command;
      output.err(`breakglass: ${argumentProblem(`breakglass ${name}`, String(error.code), error.message)}`);
      output.err(`Next step: Run "breakglass help" to see what "breakglass ${name}" takes, then run it again.`);
      return 2;
    }
    throw error;
  }
}
