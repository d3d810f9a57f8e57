/** What every surface of the simulator shares: the tenant, the signer and sign-in state. */
import type { TenantState } from '../directory/tenant.ts';
import type { FaultInjector } from '../http/faults.ts';
import type { TokenIssuer } from './issuer.ts';
import type { SignInSessions } from './sessions.ts';

export type SimulatorContext = {
  readonly tenant: TenantState;
  readonly issuer: TokenIssuer;
  readonly sessions: SignInSessions;
  readonly faults: FaultInjector;
  /** Graph collection page size before `@odata.nextLink` (configurable for paging drills). */
  readonly pageSize: number;
};

/** Entra endpoint URLs as seen by this request (the issuer must match the Host the client used). */
export function entraUrls(origin: string, tenantId: string) {
  const base = `${origin}/${tenantId}`;
  return {
    issuer: `${base}/v2.0`,
    authorize: `${base}/oauth2/v2.0/authorize`,
    token: `${base}/oauth2/v2.0/token`,
    deviceCode: `${base}/oauth2/v2.0/devicecode`,
    jwks: `${base}/discovery/v2.0/keys`,
    logout: `${base}/oauth2/v2.0/logout`,
    deviceLogin: `${origin}/devicelogin`,
  };
}
