/**
 * The secrets scanner of the rotation's secrets canary (docs/domain.md, "Journal rules"): a
 * secret is cut into distinctive pieces, and any one piece found in a text, in bytes, in a file
 * or in a folder means it leaked; and a capture of everything written to stdout, stderr and the
 * console. test/integration/rotation-secrets-scanner.test.ts shows it finds what it looks for.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

import type { CertificateCredential } from '../../src/main/credentials/certificate-credential.ts';

/** A secret and the distinctive pieces of it; any one piece found means the secret leaked. */
export type Secret = { readonly label: string; readonly texts: readonly string[]; readonly bytes: readonly Buffer[] };

/**
 * The whole string and overlapping windows of it: SQLite splits a long record over overflow
 * pages, and a message may quote only part of a value, so a leak need not be contiguous.
 */
function windows(text: string, size = 16, step = 8): string[] {
  const found = new Set([text]);
  for (let i = 0; i + size <= text.length; i += step) found.add(text.slice(i, i + size));
  if (text.length > size) found.add(text.slice(-size));
  return [...found];
}

function slices(buffer: Buffer, size: number, step = size): Buffer[] {
  const found: Buffer[] = [];
  for (let i = 0; i + size <= buffer.length; i += step) found.push(buffer.subarray(i, i + size));
  return found;
}

export const pemBodyLines = (pem: string) => pem.split(/\r?\n/).filter((line) => line.trim() && !line.startsWith('-----'));

/** Which secrets occur in the text; the answer names the secret and never quotes it. */
export function leaksInText(where: string, text: string, secrets: readonly Secret[]): string[] {
  return secrets.filter((s) => s.texts.some((t) => text.includes(t))).map((s) => `${where}: ${s.label}`);
}

/** Which secrets occur in the bytes: their text as UTF-8 (and UTF-16, to be safe) or their raw bytes. */
export function leaksInBytes(where: string, bytes: Buffer, secrets: readonly Secret[]): string[] {
  return secrets
    .filter(
      (s) =>
        s.texts.some((t) => bytes.includes(Buffer.from(t, 'utf8')) || bytes.includes(Buffer.from(t, 'utf16le'))) ||
        s.bytes.some((b) => bytes.includes(b)),
    )
    .map((s) => `${where}: ${s.label}`);
}

export function leaksInFile(file: string, secrets: readonly Secret[]): string[] {
  return existsSync(file) ? leaksInBytes(file, readFileSync(file), secrets) : [];
}

/** Every file in the folder (the journal, its -wal and -shm, the exports beside it, …). */
export function leaksInFolder(folder: string, secrets: readonly Secret[]): { scanned: string[]; leaks: string[] } {
  const scanned = readdirSync(folder)
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
  return { scanned, leaks: scanned.flatMap((file) => leaksInFile(file, secrets)) };
}

/** Everything written to stdout, stderr and the console while capturing. */
export function captureOutput(options: { readonly passThrough: boolean }): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const asText = (chunk: unknown) =>
    typeof chunk === 'string'
      ? chunk
      : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
        ? Buffer.from(chunk).toString('utf8')
        : String(chunk);
  const restores: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    const wrapped = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      chunks.push(asText(chunk));
      if (options.passThrough) return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
    stream.write = wrapped as typeof stream.write;
    restores.push(() => (stream.write = original));
  }
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;
  for (const name of methods) {
    const original = console[name];
    console[name] = (...args: unknown[]) => {
      chunks.push(format(...args));
      if (options.passThrough) (original as (...a: unknown[]) => void).apply(console, args);
    };
    restores.push(() => (console[name] = original));
  }
  return {
    text: () => chunks.join(''),
    restore: () => {
      for (const restore of restores.reverse()) restore();
    },
  };
}

export function stringSecret(label: string, value: string, extra: readonly string[] = []): Secret {
  return { label, texts: [...windows(value), ...extra], bytes: [] };
}

/**
 * The new private key in every form a slip could put it in: its PKCS#8 PEM (each line, and
 * 40-character slices of the unwrapped base64), the PKCS#1 PEM, the JWK's private members
 * (base64url, base64, hex) and the raw DER. Pieces that also occur in the certificate (the
 * modulus is public) are left out, so the certificate itself never counts as a leak.
 */
export function privateKeySecret(credential: CertificateCredential): Secret {
  const certificateDer = new X509Certificate(credential.certificatePem).raw;
  const certificateBase64 = certificateDer.toString('base64');
  const key = createPrivateKey(credential.privateKeyPem);
  const pkcs8Der = key.export({ type: 'pkcs8', format: 'der' });
  const pkcs1Pem = key.export({ type: 'pkcs1', format: 'pem' }).toString();
  const jwk = key.export({ format: 'jwk' });
  const texts = new Set<string>();
  for (const pem of [credential.privateKeyPem, pkcs1Pem]) {
    const lines = pemBodyLines(pem);
    for (const line of lines) texts.add(line);
    const body = lines.join('');
    for (let i = 0; i + 40 <= body.length; i += 40) texts.add(body.slice(i, i + 40));
  }
  const privateParts: Buffer[] = [];
  for (const member of [jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi]) {
    assert.ok(member, 'the key is an RSA private key with all its private members');
    const raw = Buffer.from(member, 'base64url');
    privateParts.push(raw);
    texts.add(member.slice(0, 40));
    texts.add(raw.toString('base64').slice(0, 40));
    texts.add(raw.toString('hex').slice(0, 64));
    texts.add(raw.toString('hex').toUpperCase().slice(0, 64));
  }
  const bytes = [...slices(pkcs8Der, 24), ...privateParts.flatMap((part) => slices(part, 24))].filter((b) => !certificateDer.includes(b));
  return { label: 'the new private key', texts: [...texts].filter((t) => !certificateBase64.includes(t)), bytes };
}

/**
 * The new PFX: the key bag is encrypted, but the certificate is in it in the clear (public), so
 * only pieces outside the certificate count.
 */
export function pfxSecret(path: string, certificatePem: string): Secret {
  const pfx = readFileSync(path);
  const certificate = new X509Certificate(certificatePem).raw;
  const start = pfx.indexOf(certificate);
  const end = start < 0 ? -1 : start + certificate.length;
  const outside = (from: number, to: number) => start < 0 || to <= start || from >= end;
  const base64 = pfx.toString('base64');
  const texts: string[] = [];
  for (let i = 0; i + 40 <= base64.length; i += 40)
    if (outside(Math.floor((i * 3) / 4), Math.ceil(((i + 40) * 3) / 4))) texts.push(base64.slice(i, i + 40));
  const bytes = slices(pfx, 24).filter((_, index) => outside(index * 24, index * 24 + 24));
  return { label: 'the new PFX file', texts, bytes };
}
