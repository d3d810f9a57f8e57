/**
 * Everything the checks read, gathered before any check runs (src/main/services/readiness
 * collects it through Graph and ARM). Each part is either its data or why it could not be read:
 * checks fail closed – an unreadable part makes its checks `indeterminate` with that reason,
 * never `pass`.
 *
 * Shapes are Microsoft Graph's (types from @microsoft/microsoft-graph-types, narrowed to the
 * properties the checks use) and ARM's (docs/microsoft-behaviour.md, "Azure Monitor").
 */
import type { Inventory } from '../../shared/inventory.ts';

/** A part of the snapshot: read, or not, with the reason a person can act on. */
export type Readable<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export type DirectoryObjectRef = {
  readonly id: string;
  readonly '@odata.type'?: string;
  readonly displayName?: string | null;
  readonly roleTemplateId?: string | null;
};

export type UserFacts = {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName?: string | null;
  readonly accountEnabled?: boolean | null;
  readonly userType?: string | null;
  readonly onPremisesSyncEnabled?: boolean | null;
  /**
   * resources/authorizationinfo: the identifiers a certificate-based sign-in binds to
   * (`X509:<PN>…`, `X509:<SKI>…`, `X509:<I>…<SR>…`); Graph has no x509 authentication method type.
   * The resource page is on beta only, but Microsoft's own CBA guide reads it on v1.0 with
   * `$select=authorizationinfo` (docs/microsoft-behaviour.md, "Passkeys, certificates and mandatory MFA").
   */
  readonly authorizationInfo?: { readonly certificateUserIds?: readonly string[] | null } | null;
};

export type SignInActivity = {
  readonly lastSignInDateTime?: string | null;
  readonly lastSuccessfulSignInDateTime?: string | null;
  readonly lastNonInteractiveSignInDateTime?: string | null;
};

export type AuthenticationMethod = {
  readonly '@odata.type': string;
  readonly id: string;
  readonly displayName?: string | null;
  readonly createdDateTime?: string | null;
  readonly aaGuid?: string | null;
  readonly model?: string | null;
};

/** One configured break-glass account and what the tenant says about it. */
export type AccountSnapshot = {
  /** As the inventory names it. */
  readonly configured: { readonly userPrincipalName: string; readonly id?: string };
  /** Not ok when the account cannot be resolved (unknown UPN, permission missing…). */
  readonly user: Readable<UserFacts>;
  readonly signInActivity: Readable<SignInActivity | null>;
  /** Groups (transitive) and active directory roles (`#microsoft.graph.directoryRole`). */
  readonly transitiveMemberOf: Readable<readonly DirectoryObjectRef[]>;
  readonly authenticationMethods: Readable<readonly AuthenticationMethod[]>;
};

export type Expiration = { readonly type: string; readonly endDateTime?: string | null; readonly duration?: string | null };
export type RoleSchedule = {
  readonly id: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId?: string | null;
  readonly memberType?: string | null;
  readonly assignmentType?: string | null;
  readonly status?: string | null;
  readonly scheduleInfo?: { readonly startDateTime?: string | null; readonly expiration?: Expiration | null } | null;
};

export type RoleManagementPolicyRule = {
  readonly '@odata.type': string;
  readonly id: string;
  readonly isExpirationRequired?: boolean;
  readonly maximumDuration?: string;
  readonly setting?: {
    readonly isApprovalRequired?: boolean;
    readonly approvalStages?: ReadonlyArray<{ readonly primaryApprovers?: readonly unknown[] }>;
  };
  readonly enabledRules?: readonly string[];
};
export type RoleManagementPolicyAssignment = {
  readonly id: string;
  readonly policyId: string;
  readonly roleDefinitionId: string;
  readonly policy?: { readonly id: string; readonly rules?: readonly RoleManagementPolicyRule[] };
};

export type ConditionalAccessUsers = {
  readonly includeUsers?: readonly string[];
  readonly excludeUsers?: readonly string[];
  readonly includeGroups?: readonly string[];
  readonly excludeGroups?: readonly string[];
  readonly includeRoles?: readonly string[];
  readonly excludeRoles?: readonly string[];
  readonly includeGuestsOrExternalUsers?: unknown;
  readonly excludeGuestsOrExternalUsers?: unknown;
};
export type ConditionalAccessPolicy = {
  readonly id: string;
  readonly displayName: string;
  readonly state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced' | string;
  readonly conditions: {
    readonly applications?: {
      readonly includeApplications?: readonly string[];
      readonly excludeApplications?: readonly string[];
      readonly includeUserActions?: readonly string[];
      readonly includeAuthenticationContextClassReferences?: readonly string[];
    } | null;
    readonly users?: ConditionalAccessUsers | null;
    readonly clientApplications?: {
      readonly includeServicePrincipals?: readonly string[];
      readonly excludeServicePrincipals?: readonly string[];
    } | null;
  };
  readonly grantControls?: {
    readonly operator?: string;
    readonly builtInControls?: readonly string[];
    readonly authenticationStrength?: {
      readonly id?: string;
      readonly displayName?: string;
      readonly allowedCombinations?: readonly string[];
    } | null;
  } | null;
};

export type GroupFacts = {
  readonly id: string;
  readonly displayName: string;
  readonly securityEnabled?: boolean | null;
  readonly mailEnabled?: boolean | null;
  readonly groupTypes?: readonly string[];
  readonly isAssignableToRole?: boolean | null;
  readonly membershipRule?: string | null;
  readonly members: readonly DirectoryObjectRef[];
  readonly owners: readonly DirectoryObjectRef[];
};

export type KeyCredential = {
  readonly keyId: string;
  readonly type?: string;
  readonly usage?: string;
  readonly displayName?: string | null;
  readonly customKeyIdentifier?: string | null;
  readonly startDateTime?: string | null;
  readonly endDateTime?: string | null;
  readonly key?: string | null;
};
export type PasswordCredential = {
  readonly keyId: string;
  readonly displayName?: string | null;
  readonly endDateTime?: string | null;
  readonly hint?: string | null;
};
/**
 * Graph returns keyCredentials and passwordCredentials only when they are selected
 * (application-get.md example 2 selects neither): an answer without them says nothing about the
 * credentials, which the checks then report as unknown.
 */
export type ApplicationFacts = {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly keyCredentials?: readonly KeyCredential[] | null;
  readonly passwordCredentials?: readonly PasswordCredential[] | null;
};
export type ServicePrincipalFacts = {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly accountEnabled?: boolean | null;
};
export type AppRoleAssignment = {
  readonly id: string;
  readonly appRoleId: string;
  readonly resourceId: string;
  readonly principalId: string;
};
export type AppRoleDefinition = { readonly id: string; readonly value?: string | null };

export type AppSnapshot = {
  readonly configured: { readonly appId: string; readonly objectId?: string };
  readonly application: Readable<ApplicationFacts>;
  readonly owners: Readable<readonly DirectoryObjectRef[]>;
  readonly servicePrincipal: Readable<ServicePrincipalFacts>;
  /** Grants to the app's service principal (Graph application permissions and others). */
  readonly appRoleAssignments: Readable<readonly AppRoleAssignment[]>;
  /** Other applications' certificates, to see whether one is shared (customKeyIdentifier). */
  readonly otherApplications: Readable<ReadonlyArray<Pick<ApplicationFacts, 'id' | 'appId' | 'displayName' | 'keyCredentials'>>>;
};

/** An oAuth2PermissionGrant (https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant). */
export type DelegatedGrant = {
  readonly id: string;
  readonly clientId: string;
  readonly consentType: 'AllPrincipals' | 'Principal' | string;
  readonly principalId?: string | null;
  readonly resourceId: string;
  readonly scope: string;
};
export type SignInClientPrincipal = {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly accountEnabled?: boolean | null;
  readonly appRoleAssignmentRequired?: boolean | null;
  readonly appOwnerOrganizationId?: string | null;
};

/** The public client the accounts sign in through (BG-CLI-01). */
export type SignInClientSnapshot = {
  readonly appId: string;
  /** Microsoft Graph Command Line Tools (Microsoft's client), rather than one the tenant registered. */
  readonly firstParty: boolean;
  /** null when the tenant has no service principal for it. */
  readonly servicePrincipal: Readable<SignInClientPrincipal | null>;
  /** Its delegated grants (`/oauth2PermissionGrants?$filter=clientId eq '…'`). */
  readonly delegatedGrants: Readable<readonly DelegatedGrant[]>;
  /** Users and groups assigned to it (`appRoleAssignedTo`), for appRoleAssignmentRequired. */
  readonly assignedTo: Readable<readonly AppRoleAssignment[]>;
};

export type AuthenticationMethodConfiguration = {
  readonly '@odata.type'?: string;
  readonly id: string;
  readonly state: 'enabled' | 'disabled' | string;
  readonly includeTargets?: ReadonlyArray<{ readonly targetType: string; readonly id: string }>;
  readonly excludeTargets?: ReadonlyArray<{ readonly targetType: string; readonly id: string }>;
  // Fido2 (resources/fido2authenticationmethodconfiguration, resources/fido2keyrestrictions).
  readonly keyRestrictions?: {
    readonly isEnforced?: boolean | null;
    readonly enforcementType?: string | null;
    readonly aaGuids?: readonly string[] | null;
  } | null;
  readonly isAttestationEnforced?: boolean | null;
  readonly passkeyProfiles?: readonly unknown[] | null;
  // X509Certificate (resources/x509certificateauthenticationmethodconfiguration).
  readonly certificateUserBindings?: ReadonlyArray<{ readonly x509CertificateField?: string; readonly userProperty?: string }> | null;
  readonly authenticationModeConfiguration?: {
    readonly x509CertificateAuthenticationDefaultMode?: string | null;
    readonly rules?: ReadonlyArray<{ readonly x509CertificateAuthenticationMode?: string; readonly identifier?: string }> | null;
  } | null;
};

export type CertificateAuthority = { readonly certificate: string; readonly isRootAuthority?: boolean; readonly issuer?: string };

export type DiagnosticSetting = {
  readonly id?: string;
  readonly name: string;
  readonly properties: {
    readonly workspaceId?: string | null;
    readonly logs: ReadonlyArray<{ readonly category: string; readonly enabled: boolean }>;
  };
};
export type ScheduledQueryRule = {
  readonly id: string;
  readonly name: string;
  readonly properties: {
    readonly enabled: boolean;
    readonly scopes: readonly string[];
    readonly severity?: number;
    readonly criteria: { readonly allOf: ReadonlyArray<{ readonly query?: string }> };
    readonly actions: { readonly actionGroups: readonly string[] };
  };
};
export type ActionGroup = {
  readonly id: string;
  readonly name: string;
  readonly properties: {
    readonly enabled: boolean;
    readonly emailReceivers?: ReadonlyArray<{ readonly name: string; readonly emailAddress: string; readonly status?: string }>;
    readonly smsReceivers?: ReadonlyArray<{ readonly name: string; readonly status?: string }>;
    readonly voiceReceivers?: ReadonlyArray<{ readonly name: string }>;
    readonly webhookReceivers?: ReadonlyArray<{ readonly name: string; readonly serviceUri: string }>;
    readonly azureAppPushReceivers?: ReadonlyArray<{ readonly name: string }>;
    readonly [other: string]: unknown;
  };
};

export type MonitoringSnapshot = {
  /** Not ok with the reason "no subscription configured" when the inventory names none. */
  readonly diagnosticSettings: Readable<readonly DiagnosticSetting[]>;
  readonly scheduledQueryRules: Readable<readonly ScheduledQueryRule[]>;
  readonly actionGroups: Readable<readonly ActionGroup[]>;
};

export type Domain = { readonly id: string; readonly isInitial?: boolean; readonly isVerified?: boolean; readonly isDefault?: boolean };

/**
 * What the journal says about earlier reviews and drills (BG-REV-01); `noJournal` when the run was
 * given none (`breakglass check` without --journal), which is not a journal that could not be read.
 */
export type ReviewHistory =
  | Readable<{ readonly lastReviewOrDrillAt?: string; readonly journal: string }>
  | { readonly ok: false; readonly noJournal: true; readonly reason: string };

export type TenantSnapshot = {
  readonly collectedAt: string;
  readonly inventory: Inventory;
  readonly licence?: 'free' | 'P1' | 'P2' | 'unknown';
  readonly domains: Readable<readonly Domain[]>;
  readonly accounts: readonly AccountSnapshot[];
  readonly conditionalAccessPolicies: Readable<readonly ConditionalAccessPolicy[]>;
  /** Which ids named in Conditional Access exclusion lists still resolve (getByIds). */
  readonly resolvedExclusionIds: Readable<ReadonlySet<string>>;
  readonly exclusionGroup?: Readable<GroupFacts>;
  readonly roleAssignmentSchedules: Readable<readonly RoleSchedule[]>;
  readonly roleEligibilitySchedules: Readable<readonly RoleSchedule[]>;
  readonly roleManagementPolicyAssignments: Readable<readonly RoleManagementPolicyAssignment[]>;
  readonly authenticationMethodConfigurations: Readable<readonly AuthenticationMethodConfiguration[]>;
  readonly certificateAuthorities: Readable<readonly CertificateAuthority[]>;
  /** Microsoft Graph's app roles (to name the permissions granted to the app). */
  readonly graphAppRoles: Readable<{ readonly servicePrincipalId: string; readonly roles: readonly AppRoleDefinition[] }>;
  readonly app?: AppSnapshot;
  readonly signInClient?: SignInClientSnapshot;
  readonly monitoring: MonitoringSnapshot;
  readonly reviews: ReviewHistory;
};
