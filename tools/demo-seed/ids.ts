/**
 * Every identifier of the demo tenant, written out by hand so they stay the same each time the
 * seed is regenerated (inventory files, READMEs and drill notes quote them). Only the
 * certificates' key pairs are new on each run.
 */
import {
  applicationAdministratorRoleId,
  authenticationAdministratorRoleId,
  cloudApplicationAdministratorRoleId,
  conditionalAccessAdministratorRoleId,
  directorySynchronizationAccountsRoleId,
  exchangeAdministratorRoleId,
  globalAdministratorRoleId,
  helpdeskAdministratorRoleId,
  hybridIdentityAdministratorRoleId,
  intuneAdministratorRoleId,
  privilegedAuthenticationAdministratorRoleId,
  privilegedRoleAdministratorRoleId,
  securityAdministratorRoleId,
  securityReaderRoleId,
  sharePointAdministratorRoleId,
  userAdministratorRoleId,
} from '../../src/shared/directory-roles.ts';

export const tenantId = '7d3e1f0a-5b2c-4c8e-9a41-2f6d8b0c9e13';
export const tenantName = 'Contoso Drill (simulated)';
export const initialDomain = 'contosodrill.onmicrosoft.com';
export const customDomain = 'contoso-drill.com';

/** The tenant that owns Microsoft's first-party service principals (Graph, ARM). */
export const microsoftServicesTenantId = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

export const userIds = {
  breakglass1: '4b6f0d2e-8c1a-4f3b-9e57-2a9d6c0e1f34',
  breakglass2: '9e2c7a15-3d4b-4e8f-a061-5c7b8d9e2f40',
  adele: '1c5e8a27-6f3d-4b91-8a2e-7d0c4f9b3e61',
  megan: '6a3f9d12-0b7e-4c58-b4a1-3e8d2f7c9a05',
  lee: '2d8b4e6f-1a9c-4d73-8b05-9f6e3c1a7d28',
  nestor: '8f1a3c59-7e2d-4b64-9c3f-0a5d7e8b1c92',
  alexAdmin: '5e9d2b73-4c8a-4f16-a7d3-1b6e9c2f8a47',
  isaiah: '3a7c1e94-5b2f-4d8e-9061-8e4a2c7f5b13',
  diego: '7b4e9f38-2c6a-4e1d-b8f5-6d3a1c9e0f72',
  scanner: '0f6c3a81-9d5e-4b27-8e4c-2a1f7d6b9c35',
  directorySync: 'c2a9e4d7-8b3f-4a61-9d5c-4e7b0a2f6d18',
  guest: 'e5b1d8c3-6a4f-4e92-b7d0-9c2e5a8f1b46',
} as const;

export const breakGlassUpns = {
  breakglass1: `breakglass1@${initialDomain}`,
  breakglass2: `breakglass2@${initialDomain}`,
} as const;

/** The physical FIDO2 keys in the safe (Graph's fido2 method ids are base64url-like strings). */
export const securityKeyMethods = {
  a1: 'U2FmZV9LZXlfQTFfYnJlYWtnbGFzczE-y7Rq2',
  a2: 'U2FmZV9LZXlfQTJfYnJlYWtnbGFzczE-Wm4c',
  b1: 'U2FmZV9LZXlfQjFfYnJlYWtnbGFzczI-Kp9d',
} as const;

export const groupIds = {
  breakGlassExclusion: '0c9e7b52-3f1d-4a86-b2e9-6d4a8c1f7e30',
  serviceAccounts: '6f2d9a48-1e7c-4b53-a8d6-3c0e9b2f5a71',
  itHelpdesk: 'a3e8c1f6-7b2d-4e95-9a4c-5f1b8d3e2c07',
  itDepartment: '4d7a2e9b-6c1f-4f38-8e5d-0b9c3a6f1e84',
  allStaff: 'b8c5f2a1-4e9d-4c76-a3b0-7e2d1f6c9a58',
  pimApprovers: '2e6b9d14-8a3c-4f57-9b1e-6c4d0a7f2e93',
  /** Deleted from the directory; see `simulator.deletedObjects`. */
  travelExclusion: '9a4d1c7e-2b8f-4e63-a5c9-1e7f3b0d8a26',
} as const;

type AppIds = { readonly objectId: string; readonly appId: string; readonly servicePrincipalId: string };

export const apps = {
  breakGlass: {
    objectId: '5c1e8b3a-9f4d-4a27-b6e0-2d9f7c3a1e85',
    appId: '2f7b4d9c-6e1a-4c83-9b5f-0a8e3d6c2f17',
    servicePrincipalId: '8d3a6f2e-1c9b-4e74-a0d5-7b2e9f4c6a31',
  },
  reader: {
    objectId: '6e4b1d8f-3a7c-4f92-8c1e-5d0a9b3f7e64',
    appId: 'b4e9c2a7-5d1f-4b38-9e6a-3c7f0d2e8b59',
    servicePrincipalId: '1f8c5a3d-7e2b-4d96-b3a4-9c6e1f0d5b28',
  },
  custodian: {
    objectId: '3b9f6c2d-8e4a-4173-a9c5-0e7d2b6f4a93',
    appId: '7c2e5a9f-1d6b-4e48-8f3a-6b9d4c1e0a75',
    servicePrincipalId: '9f5d2b7e-4c1a-4e69-b8d3-2a6f0c9e5b14',
  },
  expenses: {
    objectId: 'd7a3e9c1-5f2b-4b86-9e4d-8c1a6f3b0e52',
    appId: '4e8b1f6a-2d9c-4a57-a3e0-9f5c7b2d1e68',
    servicePrincipalId: '2c6f9e4b-8a1d-4d35-9c7e-1b4a8d6f3c09',
  },
  payroll: {
    objectId: 'a9d4f1e6-7c3b-4e28-8b5a-4e0c2d9f6a17',
    appId: '6d1c8e3b-9f5a-4d72-b0e6-2a7c4f9d1b83',
    servicePrincipalId: 'e3b7a2d9-6f4c-4a15-9d8e-5c2b0f7a4e61',
  },
} as const satisfies Record<string, AppIds>;

export const keyIds = {
  breakGlassCertificate: '8b2f5d9a-4e1c-4c67-9a3f-6e0d2b8c5f41',
  breakGlassSecret: 'c6e1a8d4-3f9b-4a72-8d5e-1b7c4f0a9e36',
  readerCertificate: '3e9a6c1f-7b4d-4d28-b5e0-8a2c6f9d1b57',
  expensesSecret: '7f4c1b9e-2a6d-4e83-9c5b-0d8e3a6f2c14',
  payrollSecret: '1a8e5c3b-6d2f-4b97-a4e1-9c7f0b3d6e28',
} as const;

/** Microsoft's first-party resources as they appear in every tenant (appIds are global). */
export const microsoftGraph = {
  appId: '00000003-0000-0000-c000-000000000000',
  servicePrincipalId: '0a3f7c9e-2d6b-4b18-8e5a-7c1d9f4b2e36',
} as const;
export const azureServiceManagement = {
  appId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  servicePrincipalId: 'f4c8b2e7-9a3d-4e51-a6c0-3d8e1b5f9c24',
} as const;
export const intuneEnrollmentAppId = 'd4ebce55-015a-49b5-a083-c84d1797ae8c';
/** "Windows Azure Service Management API" (https://management.azure.com) has one delegated scope. */
export const azureUserImpersonationScopeId = '41094075-9dad-400e-a0bd-54e686782033';

/** Directory role *template* ids, from the product's table (src/shared/directory-roles.ts). */
export const roles = {
  globalAdministrator: globalAdministratorRoleId,
  privilegedRoleAdministrator: privilegedRoleAdministratorRoleId,
  privilegedAuthenticationAdministrator: privilegedAuthenticationAdministratorRoleId,
  securityAdministrator: securityAdministratorRoleId,
  securityReader: securityReaderRoleId,
  conditionalAccessAdministrator: conditionalAccessAdministratorRoleId,
  applicationAdministrator: applicationAdministratorRoleId,
  cloudApplicationAdministrator: cloudApplicationAdministratorRoleId,
  userAdministrator: userAdministratorRoleId,
  authenticationAdministrator: authenticationAdministratorRoleId,
  helpdeskAdministrator: helpdeskAdministratorRoleId,
  hybridIdentityAdministrator: hybridIdentityAdministratorRoleId,
  exchangeAdministrator: exchangeAdministratorRoleId,
  sharePointAdministrator: sharePointAdministratorRoleId,
  intuneAdministrator: intuneAdministratorRoleId,
  directorySynchronizationAccounts: directorySynchronizationAccountsRoleId,
} as const;

/** Named locations referenced by policies (the seed has no namedLocations collection; the ids are opaque strings to it). */
export const namedLocations = {
  allowedCountries: '5f1c9a47-8e3b-4d26-b7a0-2c9e6d4f1b83',
  corporateEgress: '8c4e2b9f-1a7d-4f53-9e6b-3d0a5c8f7e12',
} as const;

export const roleManagementPolicyIds = {
  globalAdministrator: '1e7b4c9a-3d2f-4a85-b6e0-9c5d8f2a7e13',
  privilegedRoleAdministrator: '5a9c2e7f-8b4d-4c61-a3f0-2e6b9d1c4f87',
} as const;

export const signInIds = {
  readerDaily: 'b2d7e4a9-1c6f-4e38-9a5b-7f0c3d8e2a61',
  isaiahOutlook: '6c1f8a3e-9d4b-4b27-8e6a-2d5c0f9b7e34',
  adelePortal: 'e9a4c7b2-5f3d-4a16-b8e9-1c6d4a0f3b82',
  sprayAgainstDiego: '3f8b1d6a-2e9c-4c75-a4d0-8b3e7f1c5a96',
  drillApp: 'a7e2c9f4-6b1d-4d83-9f5e-0c2a8b4d6e17',
  drillBreakglass2: '4d9f2b6e-8a3c-4e51-b7d4-6e1f9c3a0b28',
  drillBreakglass1: '8e5a3c1f-7d2b-4f69-a0c6-3b9e5d2f8a47',
} as const;

export const azureIds = {
  subscriptionId: '4a9c2e71-83d5-4f0b-b6e2-9d1c7a35f840',
  resourceGroup: 'rg-secops-monitoring',
  workspaceName: 'law-contosodrill-secops',
  readerRoleAssignment: '6b3e9f1a-2c7d-4e58-9a4b-1d8f6c3e0a92',
  readerAadiamRoleAssignment: '2e8c4a6f-9b1d-4f37-a5e2-7c0b3d9f1a48',
  ownerRoleAssignment: 'd1f7a4c8-5e2b-4c39-8b6e-0a9d3f7c2e15',
} as const;

/** Azure built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
export const azureRoles = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
} as const;
