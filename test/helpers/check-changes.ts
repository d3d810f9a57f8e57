/**
 * Changes to the demo tenant that the check-catalogue tests of several files share
 * (docs/domain.md, "The catalogue"): the reader app without a permission, an account the tenant
 * does not know. Cases that share a change function share one simulator run (see resultsOf).
 */
import { readerWithout, type Change } from './check-pipeline.ts';

/** breakglass2 replaced in the inventory by a UPN the tenant does not know (and no object id). */
export const unknownAccount: Change = (_seed, inventory) => {
  inventory.accounts[1] = { userPrincipalName: 'breakglass3@contosodrill.onmicrosoft.com' };
};
export const ghost = /breakglass3@/;
export const readerWithoutPolicyRead: Change = (seed) => readerWithout(seed, 'Policy.Read.All');
export const readerWithoutRoleRead: Change = (seed) => readerWithout(seed, 'RoleManagement.Read.Directory');
export const readerWithoutDirectoryRead: Change = (seed) => readerWithout(seed, 'Directory.Read.All', 'Application.Read.All');
