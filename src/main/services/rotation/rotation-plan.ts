/**
 * What `begin` opens a rotation with (docs/domain.md, "Rotation after use"): the accounts and
 * whether the app, checked against the inventory, why each is rotated (the sessions it was used
 * in since the last rotation), and the rotation's journal session that carries the plan.
 */
import type { OpenSessionInput } from '../../../core/journal/sessions.ts';
import { planDetails, type RotationPlan } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { Inventory } from '../../../shared/inventory.ts';
import type { BeginRotationInput, RotationView } from '../../../shared/model/rotation.ts';

/** The plan of the credentials chosen; refused when one is not in the inventory, or nothing is chosen. */
export function rotationPlan(
  input: BeginRotationInput,
  inventory: Inventory,
  candidates: RotationView['candidates'],
  appName: (appId: string) => string,
): RotationPlan {
  const accounts = input.accounts.map((upn) => {
    const account = inventory.accounts.find((a) => a.userPrincipalName.toLowerCase() === upn.toLowerCase());
    if (!account)
      throw new ActionableError(`${upn} is not a break-glass account of the inventory.`, 'Choose the accounts from the list on screen.');
    const certificate = (input.certificates ?? []).some((c) => c.toLowerCase() === upn.toLowerCase());
    return {
      userPrincipalName: account.userPrincipalName,
      ...(account.id ? { id: account.id } : {}),
      ...(certificate ? { certificate: true as const } : {}),
    };
  });
  const stray = (input.certificates ?? []).filter((c) => !accounts.some((a) => a.userPrincipalName.toLowerCase() === c.toLowerCase()));
  if (stray.length > 0)
    throw new ActionableError(
      `${stray.join(', ')}: a certificate is ticked for an account that is not rotated.`,
      'Tick the account as well, or untick its certificate.',
    );
  if (input.app && !inventory.app)
    throw new ActionableError('The inventory names no break-glass app to rotate.', 'Untick the app, or add "app" to the inventory file.');
  if (!input.app && accounts.length === 0)
    throw new ActionableError('Nothing is chosen to rotate.', 'Tick every credential that left the safe.');
  const reasons = [
    ...accounts.flatMap((a) =>
      (candidates.accounts.find((c) => c.userPrincipalName === a.userPrincipalName)?.reasons ?? []).map(
        (r) => `${a.userPrincipalName}: ${r}`,
      ),
    ),
    ...(input.app && candidates.app ? candidates.app.reasons.map((r) => `${candidates.app!.name}: ${r}`) : []),
  ];
  const app =
    input.app && inventory.app
      ? {
          appId: inventory.app.appId,
          name: appName(inventory.app.appId),
          ...(inventory.app.objectId ? { objectId: inventory.app.objectId } : {}),
        }
      : undefined;
  return {
    accounts,
    ...(app ? { app } : {}),
    ...(candidates.since ? { since: candidates.since } : {}),
    reasons,
  };
}

/** The rotation's journal session: its title names what is rotated, its details carry the plan. */
export function rotationSession(plan: RotationPlan, input: BeginRotationInput, tenantLabel: string): OpenSessionInput {
  const witness = input.witness?.trim() ? { witness: input.witness.trim() } : {};
  const what = [...plan.accounts.map((a) => a.userPrincipalName), ...(plan.app ? [plan.app.name] : [])].join(', ');
  return {
    kind: 'rotation',
    title: `Rotation after use: ${what} – ${tenantLabel}`,
    actor: input.custodian,
    ...witness,
    details: planDetails(plan),
  };
}
