/**
 * Small builders for Conditional Access policies in Graph v1.0's shape, so each policy in
 * conditional-access.ts reads as what it targets and what it requires. Every property Graph
 * returns is present (null or empty), as in a real `GET /identity/conditionalAccess/policies`.
 */
import type { PolicyInput } from './shapes.ts';

type Conditions = PolicyInput['conditions'];
type CaUsers = NonNullable<Conditions['users']>;
type CaApplications = Conditions['applications'];
type Grant = NonNullable<PolicyInput['grantControls']>;
type Session = NonNullable<PolicyInput['sessionControls']>;
type BuiltInControl = Grant['builtInControls'][number];
type AuthenticationStrength = NonNullable<Grant['authenticationStrength']>;

export function caUsers(users: Partial<CaUsers>): CaUsers {
  return {
    includeUsers: [],
    excludeUsers: [],
    includeGroups: [],
    excludeGroups: [],
    includeRoles: [],
    excludeRoles: [],
    includeGuestsOrExternalUsers: null,
    excludeGuestsOrExternalUsers: null,
    ...users,
  };
}

/** Every kind of guest and external user, from any tenant (how the baselines' guest policies scope). */
export const allGuestsAndExternalUsers = {
  guestOrExternalUserTypes:
    'internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider',
  externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants' as const, membershipKind: 'all' as const },
};

export function caApplications(applications: Partial<CaApplications> = {}): CaApplications {
  return {
    includeApplications: ['All'],
    excludeApplications: [],
    includeUserActions: [],
    includeAuthenticationContextClassReferences: [],
    applicationFilter: null,
    ...applications,
  };
}

export function requireControls(controls: BuiltInControl[], operator: Grant['operator'] = 'OR'): Grant {
  return { operator, builtInControls: controls, customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null };
}

export function requireStrength(strength: AuthenticationStrength): Grant {
  return { operator: 'OR', builtInControls: [], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: strength };
}

/** The built-in "Phishing-resistant MFA" authentication strength (same id in every tenant). */
export const phishingResistantMfa: AuthenticationStrength = {
  id: '00000000-0000-0000-0000-000000000004',
  createdDateTime: '2021-12-01T08:00:00Z',
  modifiedDateTime: '2021-12-01T08:00:00Z',
  displayName: 'Phishing-resistant MFA',
  description: 'Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key',
  policyType: 'builtIn',
  requirementsSatisfied: 'mfa',
  allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
};

export function sessionControls(controls: Partial<Session>): Session {
  return {
    applicationEnforcedRestrictions: null,
    cloudAppSecurity: null,
    persistentBrowser: null,
    signInFrequency: null,
    disableResilienceDefaults: null,
    continuousAccessEvaluation: null,
    secureSignInSession: null,
    ...controls,
  };
}

export const signInFrequency = (value: number, type: 'hours' | 'days') => ({
  isEnabled: true,
  type,
  value,
  authenticationType: 'primaryAndSecondaryAuthentication' as const,
  frequencyInterval: 'timeBased' as const,
});

export const signInEveryTime = {
  isEnabled: true,
  type: null,
  value: null,
  authenticationType: 'primaryAndSecondaryAuthentication' as const,
  frequencyInterval: 'everyTime' as const,
};

export const neverPersistBrowser = { isEnabled: true, mode: 'never' as const };

export type PolicySpec = {
  readonly id: string;
  readonly displayName: string;
  readonly state: PolicyInput['state'];
  readonly createdDateTime: string;
  readonly modifiedDateTime?: string;
  readonly users: CaUsers;
  readonly applications?: CaApplications;
  /** Any other condition (locations, platforms, risk levels, client app types …). */
  readonly conditions?: Partial<Omit<Conditions, 'users' | 'applications'>>;
  readonly grant?: Grant;
  readonly session?: Session;
};

export function policy(spec: PolicySpec): PolicyInput {
  return {
    id: spec.id,
    templateId: null,
    displayName: spec.displayName,
    createdDateTime: spec.createdDateTime,
    modifiedDateTime: spec.modifiedDateTime ?? spec.createdDateTime,
    state: spec.state,
    conditions: {
      applications: spec.applications ?? caApplications(),
      users: spec.users,
      clientApplications: null,
      clientAppTypes: ['all'],
      platforms: null,
      locations: null,
      devices: null,
      signInRiskLevels: [],
      userRiskLevels: [],
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      authenticationFlows: null,
      ...spec.conditions,
    },
    grantControls: spec.grant ?? null,
    sessionControls: spec.session ?? null,
  };
}
