/**
 * Short-lived sign-in state the token service keeps in memory: authorize requests waiting for
 * the security-key page, authorization codes, refresh tokens, device codes, used assertion ids
 * and wrong-PIN counters. Nothing here outlives the simulator process.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { EntraError } from './entra-errors.ts';
import type { SignInMethod } from './sign-in-policy.ts';

/** A user who proved themselves and is being asked to consent to these scopes (consent-step.ts). */
export type AwaitingConsent = { readonly userId: string; readonly method: SignInMethod; readonly scopes: readonly string[] };

export type UserGrant = {
  readonly userId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly method: SignInMethod;
  readonly platform: string;
  readonly nonce?: string;
  /** Epoch ms when the user proved themselves (for sign-in revocation, AADSTS50173). */
  readonly authenticatedAt: number;
};

export type PendingAuthorization = {
  readonly kind: 'authorizationCode';
  readonly id: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** How the result goes back to the redirect URI: query string, fragment, or an auto-posted form. */
  readonly responseMode: 'query' | 'fragment' | 'form_post';
  readonly scopes: readonly string[];
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly loginHint?: string;
  readonly platform: string;
  readonly createdAt: number;
  awaitingConsent?: AwaitingConsent;
};

export type DeviceAuthorization = {
  readonly kind: 'deviceCode';
  readonly id: string;
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  /** `failure`: the sign-in on the other device ended with this error, which polling then returns. */
  state: 'pending' | 'declined' | 'redeemed' | { readonly grant: UserGrant } | { readonly failure: EntraError };
  awaitingConsent?: AwaitingConsent;
};

export type AuthorizationCode = UserGrant & {
  readonly redirectUri: string;
  readonly codeChallenge?: string;
  readonly expiresAt: number;
  redeemed: boolean;
};

/** Entra authorization codes live about ten minutes (v2-oauth2-auth-code-flow: "short lived"). */
export const authorizationCodeLifetimeMs = 10 * 60_000;
/** Entra's device codes: `expires_in` 900 (docs/microsoft-behaviour.md, "Device code"). */
export const deviceCodeLifetimeMs = 900_000;
/** Wrong PINs in a row before the simulator locks the account (AADSTS50053) for a minute. */
export const wrongPinLimit = 3;
export const lockoutMs = 60_000;

const token = (bytes = 32) => randomBytes(bytes).toString('base64url');

export class SignInSessions {
  private readonly pending = new Map<string, PendingAuthorization | DeviceAuthorization>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, UserGrant>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly usedAssertions = new Map<string, number>();
  private readonly wrongPins = new Map<string, number>();
  private readonly lockedUntil = new Map<string, number>();

  startAuthorization(values: Omit<PendingAuthorization, 'kind' | 'id'>): PendingAuthorization {
    const flow: PendingAuthorization = { ...values, kind: 'authorizationCode', id: token(18) };
    this.pending.set(flow.id, flow);
    return flow;
  }

  startDeviceAuthorization(values: { clientId: string; scopes: readonly string[]; now: number }): DeviceAuthorization {
    // Eight characters from an alphabet without look-alikes, like Entra's "YZMYLD4K".
    const alphabet = 'BCDFGHJKLMNPQRSTVWXZ23456789';
    const userCode = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
    const flow: DeviceAuthorization = {
      kind: 'deviceCode',
      id: token(18),
      deviceCode: token(48),
      userCode,
      clientId: values.clientId,
      scopes: values.scopes,
      expiresAt: values.now + deviceCodeLifetimeMs,
      state: 'pending',
    };
    this.devices.set(flow.deviceCode, flow);
    this.pending.set(flow.id, flow);
    return flow;
  }

  flow(id: string): PendingAuthorization | DeviceAuthorization | undefined {
    return this.pending.get(id);
  }

  endFlow(id: string): void {
    this.pending.delete(id);
  }

  deviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    const wanted = userCode.replace(/[\s-]/g, '').toUpperCase();
    return [...this.devices.values()].find((d) => d.userCode === wanted);
  }

  deviceByDeviceCode(deviceCode: string): DeviceAuthorization | undefined {
    return this.devices.get(deviceCode);
  }

  issueCode(values: Omit<AuthorizationCode, 'redeemed'>): string {
    const code = token(48);
    this.codes.set(code, { ...values, redeemed: false });
    return code;
  }

  code(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(grant: UserGrant): string {
    const refreshToken = `0.sim.${token(64)}`;
    this.refreshTokens.set(refreshToken, grant);
    return refreshToken;
  }

  refreshGrant(refreshToken: string): UserGrant | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  /** True when this jti was already spent for this resource; records it otherwise. */
  assertionSeen(jti: string, resource: string, expiresAtSeconds: number, nowMs: number): boolean {
    for (const [key, expiry] of this.usedAssertions) if (expiry * 1000 < nowMs - 600_000) this.usedAssertions.delete(key);
    const key = `${resource}\u0000${jti}`;
    if (this.usedAssertions.has(key)) return true;
    this.usedAssertions.set(key, expiresAtSeconds);
    return false;
  }

  isLocked(userId: string, nowMs: number): boolean {
    return (this.lockedUntil.get(userId.toLowerCase()) ?? 0) > nowMs;
  }

  /** Counts a wrong PIN or password; returns how many attempts remain (0 = now locked). */
  recordWrongSecret(userId: string, nowMs: number): number {
    const key = userId.toLowerCase();
    const count = (this.wrongPins.get(key) ?? 0) + 1;
    if (count >= wrongPinLimit) {
      this.wrongPins.delete(key);
      this.lockedUntil.set(key, nowMs + lockoutMs);
      return 0;
    }
    this.wrongPins.set(key, count);
    return wrongPinLimit - count;
  }

  clearWrongSecrets(userId: string): void {
    this.wrongPins.delete(userId.toLowerCase());
  }
}

export const newCorrelationId = (): string => randomUUID();
