/** Runs the real `breakglass` bin (the built bundle) as a child process. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const binPath = join(process.cwd(), 'bin', 'breakglass.mjs');

/** Runs `breakglass …` to its end; `launch` as for `startCli`. */
export function runCli(args: string[], launch: CliLaunch = {}): { status: number | null; stdout: string; stderr: string } {
  const [command, ...commandArgs] = commandLineOf(args, launch);
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 30_000, ...(launch.env ? { env: launch.env } : {}) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export type RunningCli = { lines: string[]; child: ChildProcessWithoutNullStreams; stderr(): string; stop(): Promise<number | null> };

/**
 * How a long-running command is started: another copy of the bin, another environment, or the
 * whole command line (`node BIN ARGS…`) handed to a wrapper that runs it (`through`).
 */
export type CliLaunch = {
  readonly bin?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly through?: (commandLine: string[]) => [string, ...string[]];
};

function commandLineOf(args: string[], launch: CliLaunch): [string, ...string[]] {
  const commandLine: [string, ...string[]] = [process.execPath, launch.bin ?? binPath, ...args];
  return launch.through ? launch.through(commandLine) : commandLine;
}

/** Starts a long-running `breakglass …` command and resolves once it printed a line matching `ready`. */
export async function startCli(args: string[], ready: RegExp, launch: CliLaunch = {}): Promise<RunningCli> {
  const [command, ...commandArgs] = commandLineOf(args, launch);
  const child = spawn(command, commandArgs, { stdio: 'pipe', ...(launch.env ? { env: launch.env } : {}) });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`breakglass ${args[0]} exited early: ${stderr}`);
  });
  const readyLine = (async () => {
    for await (const line of reader) {
      lines.push(line);
      if (ready.test(line)) return;
    }
    throw new Error(`breakglass ${args[0]} never printed ${ready}: ${stderr}`);
  })();
  await Promise.race([readyLine, exited]);
  exited.catch(() => undefined);
  return {
    lines,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const done = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await done) as [number | null];
      return code;
    },
  };
}

export type RunningWeb = {
  url: string;
  port: number;
  token: string;
  child: ChildProcessWithoutNullStreams;
  stop(): Promise<number | null>;
};

/** Starts `breakglass web …` and resolves once it printed its URL line. */
export async function startWebCli(args: string[], launch: CliLaunch = {}): Promise<RunningWeb> {
  const running = await startCli(['web', ...args], /^URL: /, launch);
  const url = running.lines.at(-1)!.slice('URL: '.length);
  const parsed = new URL(url);
  return { url, port: Number(parsed.port), token: parsed.hash.replace('#token=', ''), child: running.child, stop: running.stop };
}

/**
 * Runs `breakglass …` with standard output on a real pipe that nobody reads until the command has
 * had `holdMs` to finish: a command that exits before its output drains loses all but the pipe's
 * buffer (64 KiB on Linux). Then reads the output to its end.
 */
export async function runCliThroughPipe(args: string[], holdMs = 1500): Promise<{ status: number | null; stdout: string }> {
  const child = spawn(process.execPath, [binPath, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  child.stdout.pause();
  const exited = once(child, 'exit') as Promise<[number | null]>;
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, holdMs))]);
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout) chunks.push(chunk as Buffer);
  const [status] = await exited;
  return { status, stdout: Buffer.concat(chunks).toString('utf8') };
}

/**
 * A `through` wrapper (see `CliLaunch`) that runs the command with the largest file it may write
 * limited to `blocks` of 512 bytes (`ulimit -f` of POSIX sh, SIGXFSZ ignored): a write beyond it
 * fails with EFBIG, as on a full disk, and SQLite reports its own I/O error – a real failure,
 * without root or a mount. Standard output and error are pipes, which the limit does not touch.
 */
export function fileSizeLimited(blocks: number): (commandLine: string[]) => [string, ...string[]] {
  return (commandLine) => ['sh', '-c', `trap '' XFSZ; ulimit -f ${blocks}; exec "$@"`, 'sh', ...commandLine];
}

/** Runs `breakglass …` with its files limited to `blocks` of 512 bytes (see `fileSizeLimited`). */
export function runCliWithFileSizeLimit(args: string[], blocks: number): { status: number | null; stdout: string; stderr: string } {
  return runCli(args, { through: fileSizeLimited(blocks) });
}
