/**
 * What the BG-USR checks share (docs/domain.md, "The catalogue"): where a user is found in the
 * Entra admin center, and which of the account's transitive memberships are groups.
 */
import type { DirectoryObjectRef } from './snapshot.ts';

export const userPage = (upn: string) => `Microsoft Entra admin center > Users > All users > ${upn}`;

/** The groups among `transitiveMemberOf` (directory roles and administrative units left out). */
export function groupsOf(memberOf: readonly DirectoryObjectRef[]): Map<string, string> {
  const notGroups = ['#microsoft.graph.directoryrole', '#microsoft.graph.administrativeunit'];
  return new Map(
    memberOf
      .filter((o) => !notGroups.includes((o['@odata.type'] ?? '').toLowerCase()))
      .map((o) => [o.id.toLowerCase(), o.displayName ?? o.id]),
  );
}
