/**
 * The proof JWT that `addKey` and `removeKey` require (docs/microsoft-behaviour.md, "Certificates on an application";
 * https://learn.microsoft.com/graph/application-rollkey-prooftoken): signed with the private key
 * of one of the object's *currently valid* certificates, `aud` 00000002-0000-0000-c000-000000000000,
 * `iss` the object id (not the appId), a lifetime of at most ten minutes, and no '=' padding in
 * header or payload – otherwise Graph answers Authentication_MissingOrMalformed.
 */
import { X509Certificate } from 'node:crypto';

import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';

import { certificateFacts, headerThumbprintHex } from '../../node/x509/certificates.ts';
import { azureAdGraphAppId } from '../../shared/graph-permissions.ts';
import type { KeyCredentialSeed } from '../seed/schema-apps.ts';

const maxLifetimeSeconds = 600;
const skewSeconds = 300;

export type ProofVerdict = { readonly ok: true; readonly signedWith: KeyCredentialSeed } | { readonly ok: false; readonly reason: string };

export async function verifyProofOfPossession(options: {
  readonly proof: unknown;
  readonly objectId: string;
  readonly keyCredentials: readonly KeyCredentialSeed[];
  readonly now: Date;
}): Promise<ProofVerdict> {
  const { proof, objectId, now } = options;
  if (typeof proof !== 'string' || proof.split('.').length !== 3) return { ok: false, reason: 'the proof is not a compact JWT' };
  const [headerPart, payloadPart] = proof.split('.') as [string, string, string];
  if (headerPart.includes('=') || payloadPart.includes('='))
    return { ok: false, reason: "the proof's header or payload carries '=' base64 padding" };
  let header: { alg?: string; x5t?: string; kid?: string };
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(proof);
    claims = decodeJwt(proof);
  } catch {
    return { ok: false, reason: 'the proof cannot be decoded' };
  }
  const nowMs = now.getTime();
  const valid = options.keyCredentials.filter(
    (k) => k.type === 'AsymmetricX509Cert' && k.key && Date.parse(k.startDateTime) <= nowMs && nowMs <= Date.parse(k.endDateTime),
  );
  if (valid.length === 0)
    return { ok: false, reason: 'the object has no currently valid certificate; use PATCH keyCredentials instead of addKey' };
  const named = valid.filter((k) => {
    const facts = certificateFacts(k.key ?? '');
    if (header.x5t) return headerThumbprintHex(header.x5t) === facts.sha1Hex;
    if (header.kid) return header.kid.toUpperCase() === facts.sha1Hex;
    return true;
  });
  let signedWith: KeyCredentialSeed | undefined;
  for (const key of named) {
    try {
      await compactVerify(proof, new X509Certificate(Buffer.from(key.key ?? '', 'base64')).publicKey, { algorithms: ['RS256', 'PS256'] });
      signedWith = key;
      break;
    } catch {
      // Try the next valid certificate.
    }
  }
  if (!signedWith) return { ok: false, reason: 'the proof is not signed by a currently valid certificate of this object' };
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(azureAdGraphAppId)) return { ok: false, reason: `the proof's aud must be ${azureAdGraphAppId}` };
  if (typeof claims.iss !== 'string' || claims.iss.toLowerCase() !== objectId.toLowerCase())
    return { ok: false, reason: "the proof's iss must be the object id of the application, not its appId" };
  if (typeof claims.nbf !== 'number' || typeof claims.exp !== 'number') return { ok: false, reason: 'the proof needs nbf and exp' };
  if (claims.exp - claims.nbf > maxLifetimeSeconds) return { ok: false, reason: 'the proof lives longer than ten minutes' };
  const nowSeconds = Math.floor(nowMs / 1000);
  if (nowSeconds + skewSeconds < claims.nbf || nowSeconds - skewSeconds >= claims.exp)
    return { ok: false, reason: 'the proof is not valid at this time' };
  return { ok: true, signedWith };
}
