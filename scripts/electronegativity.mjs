// Runs Electronegativity (Doyensec's Electron security scanner) on the app's sources and its
// built index.html, and fails on any HIGH-severity finding. Findings of other severities are
// printed for review. The scanner's own network look-ups (translations, Electron release list)
// are answered locally by scripts/offline-got.cjs, so it never leaves this machine.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;

function scan(target) {
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      join(root, 'scripts', 'offline-got.cjs'),
      join(root, 'scripts', 'electronegativity-scan.cjs'),
      target,
      electronVersion,
      'AvailableSecurityFixesGlobalCheck',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en-US' }, maxBuffer: 64 * 1024 * 1024 },
  );
  let report;
  try {
    report = result.status === 0 ? JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) : undefined;
  } catch {
    report = undefined;
  }
  if (!report) {
    console.error(`electronegativity: the scan of ${target} did not complete.\n${result.stdout}\n${result.stderr}`);
    process.exit(2);
  }
  return report.findings;
}

mkdirSync(join(root, 'reports'), { recursive: true });
// One scan over the sources together with the built page, so the global checks (CSP, navigation
// limits, permission handler) see the whole app at once.
const workDir = mkdtempSync(join(tmpdir(), 'breakglass-eng-'));
cpSync(join(root, 'src'), join(workDir, 'src'), { recursive: true });
const builtPage = join(root, 'dist', 'renderer', 'index.html');
const scanned = ['src'];
if (existsSync(builtPage)) {
  cpSync(builtPage, join(workDir, 'renderer', 'index.html'));
  scanned.push('dist/renderer/index.html');
}
let findings;
try {
  findings = scan(workDir);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
for (const f of findings) {
  console.log(`electronegativity: ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.check} ${f.file}:${f.location}`);
}
writeFileSync(join(root, 'reports', 'electronegativity-app.json'), `${JSON.stringify(findings, null, 2)}\n`);
const high = findings.filter((f) => f.severity === 'HIGH');
console.log(`electronegativity: ${findings.length} findings, ${high.length} high-severity (scanned ${scanned.join(', ')})`);
process.exit(high.length > 0 ? 1 : 0);
