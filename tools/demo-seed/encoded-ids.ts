/**
 * Ids Graph derives from other ids rather than minting: role assignments and app-role
 * assignments. Deriving them the same way keeps the seed stable and realistic.
 */

/** A GUID's bytes in .NET order (the first three groups little-endian), as Graph encodes them in ids. */
function guidBytes(guid: string): Buffer {
  const hex = guid.replaceAll('-', '');
  const swapped = (from: number, length: number) => Buffer.from(hex.slice(from * 2, (from + length) * 2), 'hex').reverse();
  return Buffer.concat([swapped(0, 4), swapped(4, 2), swapped(6, 2), Buffer.from(hex.slice(16), 'hex')]);
}

/** Directory role assignment ids: base64url(role template id ‖ principal id) + "-1", e.g. `lAPpYvVpN0KRkAEhdxReE…-1`. */
export function roleAssignmentId(roleId: string, principalId: string): string {
  return `${Buffer.concat([guidBytes(roleId), guidBytes(principalId)]).toString('base64url')}-1`;
}

/** App-role assignment ids start with the principal's id in base64url (Graph's `UxOIjjUXr0Wv…`); the rest is derived from the role here. */
export function appRoleAssignmentId(principalId: string, appRoleId: string): string {
  return Buffer.concat([guidBytes(principalId), guidBytes(appRoleId)]).toString('base64url');
}
