/**
 * Turns each sign-in attempt, successful or not, into a record in the shape of Graph's beta
 * `signIn` resource (https://learn.microsoft.com/graph/api/resources/signin?view=graph-rest-beta),
 * so `auditLogs/signIns` shows drills exactly as a Sev-0 alert rule would see them, and keeps the
 * user's `signInActivity` current.
 */
import { randomUUID } from 'node:crypto';

import type { TenantState } from '../directory/tenant.ts';
import type { SignInSeed } from '../seed/schema-apps.ts';
import type { UserSeed } from '../seed/schema-directory.ts';
import type { AppliedPolicy, SignInMethod } from './sign-in-policy.ts';
import type { Resource } from './resources.ts';

type Outcome = { readonly errorCode: number; readonly failureReason?: string };

function caStatus(applied: readonly AppliedPolicy[] | undefined): SignInSeed['conditionalAccessStatus'] {
  if (!applied) return 'notApplied';
  if (applied.some((p) => p.result === 'failure')) return 'failure';
  if (applied.some((p) => p.result === 'success')) return 'success';
  return 'notApplied';
}

const methodNames: Record<SignInMethod['kind'], string> = { fido2: 'FIDO2 security key', password: 'Password' };

export function recordUserSignIn(
  tenant: TenantState,
  options: {
    readonly user: UserSeed;
    readonly clientAppId: string;
    readonly resource?: Resource;
    readonly method?: SignInMethod;
    readonly interactive: boolean;
    readonly outcome: Outcome;
    readonly applied?: readonly AppliedPolicy[];
    readonly correlationId: string;
  },
): SignInSeed {
  const { user, outcome } = options;
  const now = tenant.clock.now().toISOString();
  const app = tenant.servicePrincipalByAppId(options.clientAppId);
  const record: SignInSeed = {
    id: randomUUID(),
    createdDateTime: now,
    userDisplayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    userId: user.id,
    appId: options.clientAppId,
    appDisplayName: app?.displayName ?? null,
    ipAddress: '127.0.0.1',
    clientAppUsed: 'Mobile Apps and Desktop clients',
    correlationId: options.correlationId,
    conditionalAccessStatus: caStatus(options.applied),
    isInteractive: options.interactive,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    resourceDisplayName: options.resource?.displayName ?? null,
    resourceId: options.resource?.appId ?? null,
    status: {
      errorCode: outcome.errorCode,
      failureReason: outcome.failureReason ?? (outcome.errorCode === 0 ? null : 'Other.'),
      additionalDetails: null,
    },
    appliedConditionalAccessPolicies: (options.applied ?? []).map((p) => ({ ...p })),
    authenticationRequirement: options.method?.kind === 'fido2' ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    authenticationDetails: options.method
      ? [
          {
            authenticationMethod: methodNames[options.method.kind],
            authenticationStepDateTime: now,
            succeeded: outcome.errorCode === 0,
            authenticationStepResultDetail: outcome.errorCode === 0 ? 'MFA successfully completed' : (outcome.failureReason ?? null),
          },
        ]
      : [],
    signInEventTypes: [options.interactive ? 'interactiveUser' : 'nonInteractiveUser'],
  };
  tenant.recordSignIn(record);
  const activity = { ...(user.signInActivity ?? {}) };
  if (options.interactive) {
    activity.lastSignInDateTime = now;
    activity.lastSignInRequestId = record.id;
  } else {
    activity.lastNonInteractiveSignInDateTime = now;
    activity.lastNonInteractiveSignInRequestId = record.id;
  }
  if (outcome.errorCode === 0) {
    activity.lastSuccessfulSignInDateTime = now;
    activity.lastSuccessfulSignInRequestId = record.id;
  }
  user.signInActivity = activity;
  return record;
}

export function recordServicePrincipalSignIn(
  tenant: TenantState,
  options: {
    readonly clientAppId: string;
    readonly resource?: Resource;
    readonly keyId?: string;
    readonly thumbprint?: string;
    readonly outcome: Outcome;
    readonly applied?: readonly AppliedPolicy[];
    readonly correlationId: string;
  },
): SignInSeed {
  const principal = tenant.servicePrincipalByAppId(options.clientAppId);
  const record: SignInSeed = {
    id: randomUUID(),
    createdDateTime: tenant.clock.now().toISOString(),
    appId: options.clientAppId,
    appDisplayName: principal?.displayName ?? null,
    ipAddress: '127.0.0.1',
    correlationId: options.correlationId,
    conditionalAccessStatus: caStatus(options.applied),
    isInteractive: false,
    resourceDisplayName: options.resource?.displayName ?? null,
    resourceId: options.resource?.appId ?? null,
    status: {
      errorCode: options.outcome.errorCode,
      failureReason: options.outcome.failureReason ?? (options.outcome.errorCode === 0 ? null : 'Other.'),
      additionalDetails: null,
    },
    appliedConditionalAccessPolicies: (options.applied ?? []).map((p) => ({ ...p })),
    signInEventTypes: ['servicePrincipal'],
    servicePrincipalId: principal?.id ?? null,
    servicePrincipalName: principal?.displayName ?? null,
    servicePrincipalCredentialKeyId: options.keyId ?? null,
    servicePrincipalCredentialThumbprint: options.thumbprint ?? null,
  };
  tenant.recordSignIn(record);
  return record;
}
