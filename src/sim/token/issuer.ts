/**
 * The simulator's token signer: one RSA key per run, published as JWKS, used for id tokens and
 * for access tokens that Graph and ARM here verify. Access tokens follow the v1.0 claim set
 * Graph receives (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference):
 * `iss` https://sts.windows.net/{tid}/, `idtyp` app|user, `roles` or `scp`, and `wids`.
 */
import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

import { SignJWT, exportJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

import type { SimulatorClock } from '../directory/clock.ts';

export const accessTokenLifetimeSeconds = 3599;

export type AccessTokenClaims = JWTPayload & {
  tid: string;
  oid: string;
  appid: string;
  idtyp: 'app' | 'user';
  roles?: string[];
  scp?: string;
  wids?: string[];
  upn?: string;
  amr?: string[];
};

export class TokenIssuer {
  readonly keyId: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(private readonly clock: SimulatorClock) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    const der = pair.publicKey.export({ type: 'spki', format: 'der' });
    this.keyId = createHash('sha1').update(der).digest('base64url');
  }

  async jwks(issuer: string): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.publicKey);
    return { keys: [{ ...jwk, kid: this.keyId, use: 'sig', alg: 'RS256', issuer } as JWK] };
  }

  private async sign(claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    const now = this.clock.nowSeconds();
    return new SignJWT({ ...claims, uti: randomUUID().replaceAll('-', '') })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keyId })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.privateKey);
  }

  accessToken(claims: Omit<AccessTokenClaims, 'iss'> & { aud: string }): Promise<string> {
    return this.sign({ ...claims, iss: `https://sts.windows.net/${claims.tid}/`, ver: '1.0' }, accessTokenLifetimeSeconds);
  }

  idToken(claims: JWTPayload & { aud: string; iss: string }): Promise<string> {
    return this.sign({ ...claims, ver: '2.0' }, accessTokenLifetimeSeconds);
  }

  /** Verifies a bearer token this simulator issued; returns why not when it is unusable. */
  async verifyAccessToken(token: string, audiences: readonly string[]): Promise<{ claims: AccessTokenClaims } | { problem: string }> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ['RS256'],
        audience: [...audiences],
        currentDate: this.clock.now(),
        clockTolerance: 300,
      });
      return { claims: payload as AccessTokenClaims };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return { problem: 'Lifetime validation failed, the token is expired.' };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { problem: 'Access token validation failure. Invalid audience.' };
      return { problem: 'Access token validation failure.' };
    }
  }
}
