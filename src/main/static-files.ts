/**
 * Maps a request path to a file of the built renderer, refusing anything outside its folder.
 * Used by the Electron `app://` protocol and by the web host, so both serve exactly the same files.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticFile = { readonly path: string; readonly contentType: string };

/** Resolves `urlPath` (e.g. "/assets/index.js") inside `rootDir`; null when outside or absent. */
export function resolveStaticFile(rootDir: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rootDir);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = resolve(root, normalize(relative));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  if (!existsSync(candidate) || !statSync(candidate).isFile()) return null;
  const contentType = contentTypes[extname(candidate).toLowerCase()];
  if (!contentType) return null;
  return { path: candidate, contentType };
}

export function rendererIndexExists(rootDir: string): boolean {
  return existsSync(join(rootDir, 'index.html'));
}
