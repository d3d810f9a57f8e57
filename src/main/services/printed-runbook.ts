/**
 * Gathers the printed runbook for the safe (docs/domain.md, "The printed runbook"): the runbook in
 * use, the tenant's id and sign-in address, the break-glass accounts and app, and the advice for
 * the sign-in refusals a custodian meets most – from the same table the sign-in screens explain with.
 */
import { explainSignInFailure } from '../../core/aadsts/index.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { Inventory } from '../../shared/inventory.ts';
import type { PrintedRunbook, PrintedSignInCode } from '../../shared/model/printed-runbook.ts';
import type { SettingsService } from './settings-service.ts';
import type { TenantConnection } from './tenant-connection.ts';

/**
 * The codes on paper, in the order a custodian meets them: Conditional Access and MFA refusals of
 * an account first, then the account's own state, then the app's certificate path.
 */
export const printedSignInCodes: ReadonlyArray<{ readonly code: number; readonly path: PrintedSignInCode['path'] }> = [
  { code: 53003, path: 'security-key' },
  { code: 530032, path: 'security-key' },
  { code: 50076, path: 'security-key' },
  { code: 50079, path: 'security-key' },
  { code: 50158, path: 'security-key' },
  { code: 50126, path: 'security-key' },
  { code: 50053, path: 'security-key' },
  { code: 50057, path: 'security-key' },
  { code: 50055, path: 'security-key' },
  { code: 53003, path: 'certificate' },
  { code: 700016, path: 'certificate' },
  { code: 700027, path: 'certificate' },
  { code: 7000112, path: 'certificate' },
  { code: 700024, path: 'certificate' },
];

export function printedRunbook(
  settings: Pick<SettingsService, 'runbook'>,
  tenant: Pick<TenantConnection, 'inventory' | 'label' | 'simulated' | 'appName'>,
  now: Date = new Date(),
): PrintedRunbook {
  const { runbook, source } = settings.runbook();
  let inventory: Inventory | undefined;
  let problem: string | undefined;
  try {
    inventory = tenant.inventory();
  } catch (error) {
    if (!(error instanceof ActionableError)) throw error;
    problem = `${error.message} ${error.nextStep}`;
  }
  const accounts = inventory?.accounts.map((account) => account.userPrincipalName) ?? [];
  const context = { otherAccountAvailable: accounts.length > 1, appPathAvailable: inventory?.app !== undefined };
  return {
    runbook,
    source,
    tenant: {
      label: tenant.label,
      simulated: tenant.simulated,
      ...(inventory ? { tenantId: inventory.tenantId, signInAddress: `${inventory.endpoints.authority}/${inventory.tenantId}` } : {}),
      ...(problem ? { problem } : {}),
    },
    accounts,
    ...(inventory?.app
      ? { app: { label: tenant.appName(inventory.app.appId) ?? `App ${inventory.app.appId}`, appId: inventory.app.appId } }
      : {}),
    signInCodes: printedSignInCodes
      .filter(({ path }) => path === 'security-key' || inventory?.app !== undefined)
      .map(({ code, path }) => {
        const explained = explainSignInFailure({ code }, { path, ...context });
        return { code, path, title: explained.title, whatToDo: explained.nextSteps };
      }),
    printedAt: now.toISOString(),
  };
}
