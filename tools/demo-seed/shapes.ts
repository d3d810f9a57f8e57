/**
 * The seed's *input* shapes (before zod fills in defaults), so every builder is type-checked
 * against the same schema `validateSeed` applies: a misspelt Graph property fails `tsc`, not
 * only the generator run.
 */
import type { z } from 'zod';

import type { seedSchema } from '../../src/sim/seed/schema.ts';

export type SeedInput = z.input<typeof seedSchema>;

type Item<K extends keyof SeedInput> = NonNullable<SeedInput[K]> extends ReadonlyArray<infer T> ? T : never;
type AzureInput = NonNullable<SeedInput['azure']>;
type AzureItem<K extends keyof AzureInput> = NonNullable<AzureInput[K]> extends ReadonlyArray<infer T> ? T : never;

export type TenantInput = SeedInput['tenant'];
export type DomainInput = Item<'domains'>;
export type UserInput = Item<'users'>;
export type AuthenticationMethodInput = NonNullable<UserInput['authenticationMethods']>[number];
export type GroupInput = Item<'groups'>;
export type PolicyInput = Item<'conditionalAccessPolicies'>;
export type RoleAssignmentScheduleInput = Item<'roleAssignmentSchedules'>;
export type RoleEligibilityScheduleInput = Item<'roleEligibilitySchedules'>;
export type RoleManagementPolicyInput = Item<'roleManagementPolicies'>;
export type RoleManagementPolicyRuleInput = RoleManagementPolicyInput['rules'][number];
export type RoleManagementPolicyAssignmentInput = Item<'roleManagementPolicyAssignments'>;
export type AuthenticationMethodConfigurationInput = Item<'authenticationMethodConfigurations'>;
export type ApplicationInput = Item<'applications'>;
export type KeyCredentialInput = NonNullable<ApplicationInput['keyCredentials']>[number];
export type ServicePrincipalInput = Item<'servicePrincipals'>;
export type AppRoleAssignmentInput = Item<'appRoleAssignments'>;
export type OAuth2PermissionGrantInput = Item<'oauth2PermissionGrants'>;
export type SignInInput = Item<'signIns'>;
export type AzureInputSection = AzureInput;
export type ScheduledQueryRuleInput = AzureItem<'scheduledQueryRules'>;
export type ActionGroupInput = AzureItem<'actionGroups'>;
export type SimulatorInput = NonNullable<SeedInput['simulator']>;
