/**
 * The simulated-tenant seed (docs/domain.md, "The simulated-tenant seed"): one JSON object whose
 * collections hold objects in the shape Microsoft Graph (or ARM) returns them, plus the
 * `simulator` section with the secrets the simulator needs and never serves.
 *
 * `roleManagementPolicyAssignments` is the one collection the original plan did not list: Graph keeps
 * the policy-to-role link there, not on the policy, so the seed carries it the same way.
 */
import { z } from 'zod';

import { appRoleAssignmentSchema, applicationSchema, servicePrincipalSchema, signInSchema } from './schema-apps.ts';
import { azureSchema } from './schema-azure.ts';
import { oauth2PermissionGrantSchema } from './schema-consent.ts';
import { dateTime, guid, nonEmpty } from './schema-common.ts';
import { conditionalAccessPolicySchema } from './schema-conditional-access.ts';
import { domainSchema, groupSchema, tenantSchema, userSchema } from './schema-directory.ts';
import {
  authenticationMethodConfigurationSchema,
  authenticationMethodsPolicySchema,
  certificateBasedAuthConfigurationSchema,
  roleAssignmentScheduleSchema,
  roleEligibilityScheduleSchema,
  roleManagementPolicyAssignmentSchema,
  roleManagementPolicySchema,
} from './schema-governance.ts';

const pem = (label: string) =>
  z.string().regex(new RegExp(`^-----BEGIN ${label}-----\\r?\\n[\\s\\S]+\\r?\\n-----END ${label}-----\\s*$`), {
    message: `must be a PEM block "-----BEGIN ${label}-----"`,
  });

export const simulatorSecretsSchema = z.strictObject({
  /** Certificates with private keys, so drills and tests can sign in as the tenant's apps. */
  credentials: z.array(z.strictObject({ appId: guid, certificatePem: pem('CERTIFICATE'), privateKeyPem: pem('PRIVATE KEY') })).default([]),
  /** The physical keys in the safe: which user's FIDO2 method each one is, and its PIN. */
  securityKeys: z
    .array(
      z.strictObject({ userId: guid, fido2MethodId: nonEmpty, pin: z.string().regex(/^\d{4,63}$/, { message: 'must be 4 to 63 digits' }) }),
    )
    .default([]),
  /** Sealed-envelope passwords, for drills of the password path (which mandatory MFA should stop). */
  passwords: z.array(z.strictObject({ userId: guid, password: nonEmpty })).default([]),
  /**
   * Objects deleted from the directory whose ids other objects still name – Graph keeps such
   * ids in Conditional Access lists (BG-CA-04 looks for them). Any other unknown id is an error.
   */
  deletedObjects: z
    .array(
      z.strictObject({
        id: guid,
        kind: z.enum(['user', 'group', 'servicePrincipal']),
        displayName: nonEmpty,
        deletedDateTime: dateTime.optional(),
      }),
    )
    .default([]),
});

export const seedSchema = z.strictObject({
  $schema: z.string().optional(),
  tenant: tenantSchema,
  domains: z.array(domainSchema).min(1, { message: "must list at least the tenant's initial domain" }),
  users: z.array(userSchema).default([]),
  groups: z.array(groupSchema).default([]),
  conditionalAccessPolicies: z.array(conditionalAccessPolicySchema).default([]),
  roleAssignmentSchedules: z.array(roleAssignmentScheduleSchema).default([]),
  roleEligibilitySchedules: z.array(roleEligibilityScheduleSchema).default([]),
  roleManagementPolicies: z.array(roleManagementPolicySchema).default([]),
  roleManagementPolicyAssignments: z.array(roleManagementPolicyAssignmentSchema).default([]),
  /** The policy's own properties (GET /policies/authenticationMethodsPolicy); its configurations are the collection below. */
  authenticationMethodsPolicy: authenticationMethodsPolicySchema.optional(),
  authenticationMethodConfigurations: z.array(authenticationMethodConfigurationSchema).default([]),
  certificateBasedAuthConfiguration: z.array(certificateBasedAuthConfigurationSchema).default([]),
  applications: z.array(applicationSchema).default([]),
  servicePrincipals: z.array(servicePrincipalSchema).default([]),
  appRoleAssignments: z.array(appRoleAssignmentSchema).default([]),
  oauth2PermissionGrants: z.array(oauth2PermissionGrantSchema).default([]),
  signIns: z.array(signInSchema).default([]),
  azure: azureSchema.default({ subscriptions: [], roleAssignments: [], diagnosticSettings: [], scheduledQueryRules: [], actionGroups: [] }),
  simulator: simulatorSecretsSchema.default({ credentials: [], securityKeys: [], passwords: [], deletedObjects: [] }),
});

/** A validated seed: every collection present (defaults filled in), every reference resolvable. */
export type Seed = z.infer<typeof seedSchema>;
export type SimulatorSecrets = z.infer<typeof simulatorSecretsSchema>;
