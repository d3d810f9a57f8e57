/** Runs the real `breakglass` bin (the built bundle) as a child process. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const binPath = join(process.cwd(), 'bin', 'breakglass.mjs');

export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binPath, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export type RunningWeb = { url: string; port: number; token: string; child: ChildProcessWithoutNullStreams; stop(): Promise<number | null> };

/** Starts `breakglass web …` and resolves once it printed its URL line. */
export async function startWebCli(args: string[]): Promise<RunningWeb> {
  const child = spawn(process.execPath, [binPath, 'web', ...args], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`breakglass web exited early: ${stderr}`);
  });
  const urlLine = (async () => {
    for await (const line of lines) if (line.startsWith('URL: ')) return line.slice('URL: '.length);
    throw new Error(`breakglass web printed no URL: ${stderr}`);
  })();
  const url = await Promise.race([urlLine, exited]);
  exited.catch(() => undefined);
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.hash.replace('#token=', ''),
    child,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const done = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await done) as [number | null];
      return code;
    },
  };
}
