// UI budgets (docs/architecture.md, "Benchmarks"): renderer JavaScript under 250 KB gzipped, and the home screen
// interactive in Chromium under 500 ms from navigation (warm disk). Both are printed beside an
// empty React + Vite app built and measured in the same run, as the baseline.
//
// Run: npm run bench:ui
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import react from '@vitejs/plugin-react';
import { build } from 'vite';

import { serveApp } from '../src/main/host/serve-app.ts';
import { launchChromium } from '../test/helpers/browser.ts';

const runs = 15;
const appRendererDir = join(process.cwd(), 'dist', 'renderer');
const baselineDir = join(process.cwd(), '.cache', 'bench-baseline');

function gzippedJsBytes(rendererDir: string): number {
  const assets = join(rendererDir, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
}

async function buildBaseline(): Promise<string> {
  rmSync(baselineDir, { recursive: true, force: true });
  mkdirSync(baselineDir, { recursive: true });
  writeFileSync(
    join(baselineDir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  writeFileSync(
    join(baselineDir, 'main.tsx'),
    `import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
function App() { useEffect(() => { performance.mark('home-interactive'); }, []); return <button>Hello</button>; }
createRoot(document.getElementById('root')!).render(<App />);`,
  );
  const outDir = join(baselineDir, 'dist');
  await build({
    root: baselineDir,
    base: './',
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, modulePreload: { polyfill: false } },
  });
  return outDir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function timeToInteractive(rendererDir: string): Promise<number> {
  const app = await serveApp({
    rendererDir,
    setup: { appDir: process.cwd(), version: 'bench', dataDir: join(baselineDir, 'data'), redaction: 'production' },
  });
  const browser = await launchChromium();
  try {
    const samples: number[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const page = await browser.newPage();
      await page.goto(app.host.url);
      const mark = await page.waitForFunction(() => performance.getEntriesByName('home-interactive')[0]?.startTime);
      const ms = (await mark.jsonValue()) as number;
      if (run > 0) samples.push(ms); // the first run warms the disk cache and the browser
      await page.close();
    }
    return median(samples);
  } finally {
    await browser.close();
    await app.close();
  }
}

const appBytes = gzippedJsBytes(appRendererDir);
const baselineOut = await buildBaseline();
const baselineBytes = gzippedJsBytes(baselineOut);
const appMs = await timeToInteractive(appRendererDir);
const baselineMs = await timeToInteractive(baselineOut);

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
console.log('UI budget                         app        empty React+Vite   app/baseline   budget     app/budget');
console.log(
  `renderer JS, gzipped            ${kb(appBytes).padStart(7)} KB ${kb(baselineBytes).padStart(10)} KB ${(appBytes / baselineBytes).toFixed(2).padStart(13)}x   250 KB ${(appBytes / 250_000).toFixed(2).padStart(10)}x`,
);
console.log(
  `navigation → interactive (p50)  ${appMs.toFixed(0).padStart(7)} ms ${baselineMs.toFixed(0).padStart(10)} ms ${(appMs / baselineMs).toFixed(2).padStart(13)}x   500 ms ${(appMs / 500).toFixed(2).padStart(10)}x`,
);
console.log(`(${runs} warm runs each in headless Chromium through the web host; median shown)`);
rmSync(baselineDir, { recursive: true, force: true });
