/**
 * Verifies a certificate client assertion the way Entra does (docs/microsoft-behaviour.md, "Client assertion";
 * https://learn.microsoft.com/entra/identity-platform/certificate-credentials):
 * the header's `x5t` (SHA-1, with RS256) or `x5t#S256` (SHA-256, with PS256) picks one of the
 * application's registered `keyCredentials`; the signature must verify with that certificate's
 * key; `aud` is this token endpoint; `iss` = `sub` = client id; `nbf`/`exp` hold now within
 * the clock skew. Replay of `jti` is checked by the caller, once the assertion is otherwise good.
 */
import { X509Certificate } from 'node:crypto';

import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';

import { certificateFacts, headerThumbprintHex } from '../../node/x509/certificates.ts';
import type { ApplicationSeed, KeyCredentialSeed } from '../seed/schema-apps.ts';
import { entraErrors, type EntraError } from './entra-errors.ts';

/** Microsoft.IdentityModel's default clock skew (TokenValidationParameters.DefaultClockSkew, 5 minutes). */
export const assertionClockSkewSeconds = 300;

export type VerifiedAssertion = {
  readonly ok: true;
  readonly key: KeyCredentialSeed;
  readonly thumbprintSha1: string;
  /** The thumbprint the header named (x5t#S256 or x5t), in hex, as Entra's errors quote it. */
  readonly presentedThumbprint: string;
  readonly jti: string;
  readonly expiresAt: number;
};
export type AssertionVerdict = VerifiedAssertion | { readonly ok: false; readonly failure: EntraError };

type Header = { alg?: string; x5t?: string; 'x5t#S256'?: string };

const reject = (failure: EntraError): AssertionVerdict => ({ ok: false, failure });

export async function verifyClientAssertion(options: {
  readonly assertion: string;
  readonly clientId: string;
  readonly tokenEndpoint: string;
  readonly application: ApplicationSeed;
  readonly now: Date;
}): Promise<AssertionVerdict> {
  const { assertion, clientId, tokenEndpoint, application, now } = options;
  let header: Header;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion) as Header;
    claims = decodeJwt(assertion);
  } catch {
    return reject(entraErrors.assertionMalformed());
  }
  if (header.alg !== 'RS256' && header.alg !== 'PS256') return reject(entraErrors.assertionMalformed());

  const bySha256 = typeof header['x5t#S256'] === 'string';
  const presented = bySha256 ? header['x5t#S256'] : header.x5t;
  if (typeof presented !== 'string' || presented.length === 0) return reject(entraErrors.thumbprintMissing(application.appId));
  const presentedHex = headerThumbprintHex(presented);

  const candidates = application.keyCredentials.filter((k) => k.type === 'AsymmetricX509Cert' && k.key);
  const match = candidates
    .map((key) => ({ key, facts: certificateFacts(key.key ?? '') }))
    .find(({ facts }) => (bySha256 ? facts.sha256Hex : facts.sha1Hex) === presentedHex);
  if (!match) return reject(entraErrors.keyNotRegistered(presentedHex, application.appId));

  const { key, facts } = match;
  const start = key.startDateTime;
  const end = key.endDateTime;
  if (now.getTime() < Date.parse(start) || now.getTime() > Date.parse(end)) return reject(entraErrors.keyExpired(presentedHex, start, end));

  try {
    const publicKey = new X509Certificate(Buffer.from(key.key ?? '', 'base64')).publicKey;
    await compactVerify(assertion, publicKey, { algorithms: [header.alg] });
  } catch {
    return reject(entraErrors.signatureInvalid(presentedHex, start, end));
  }

  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(tokenEndpoint)) return reject(entraErrors.assertionAudience());
  if (claims.iss !== clientId) return reject(entraErrors.assertionIssuer());
  if (claims.sub !== claims.iss) return reject(entraErrors.assertionSubject());

  const nowSeconds = Math.floor(now.getTime() / 1000);
  const iso = (seconds: number | undefined) => (seconds === undefined ? 'unspecified' : new Date(seconds * 1000).toISOString());
  if (
    typeof claims.exp !== 'number' ||
    nowSeconds - assertionClockSkewSeconds >= claims.exp ||
    (typeof claims.nbf === 'number' && nowSeconds + assertionClockSkewSeconds < claims.nbf)
  ) {
    return reject(entraErrors.assertionTime(now.toISOString(), iso(claims.nbf), iso(claims.exp)));
  }
  if (typeof claims.jti !== 'string' || claims.jti.length === 0) return reject(entraErrors.assertionMalformed());
  return { ok: true, key, thumbprintSha1: facts.sha1Hex, presentedThumbprint: presentedHex, jti: claims.jti, expiresAt: claims.exp };
}
