/**
 * The consent step of a simulated sign-in, shown after the security key to an administrator who
 * may grant what the app asks for and nobody has granted yet. Microsoft's prompt is titled
 * "Permissions requested" and offers "Consent on behalf of your organization" to an
 * administrator (https://learn.microsoft.com/entra/identity-platform/application-consent-experience);
 * accepting with the box ticked records an AllPrincipals grant, without it a Principal grant for
 * the signed-in user only.
 */
import type { SimResponse } from '../http/messages.ts';
import { banner, escapeHtml, htmlPage } from './security-key-page.ts';

export type RequestedPermission = { readonly value: string; readonly displayName?: string | null };

export function consentPage(options: {
  readonly tenantName: string;
  readonly appName: string;
  readonly publisher: string;
  readonly userPrincipalName: string;
  readonly action: string;
  readonly flowId: string;
  readonly permissions: readonly RequestedPermission[];
}): SimResponse {
  const items = options.permissions
    .map((p) => `<li><strong>${escapeHtml(p.value)}</strong>${p.displayName ? ` – ${escapeHtml(p.displayName)}` : ''}</li>`)
    .join('\n');
  const body = `${banner(options.tenantName)}
<h1>Permissions requested</h1>
<p><strong>${escapeHtml(options.appName)}</strong> (${escapeHtml(options.publisher)}) asks ${escapeHtml(options.userPrincipalName)} for these permissions, which nobody has granted it in this organization yet:</p>
<ul class="permissions">
${items}
</ul>
<form method="post" action="${escapeHtml(options.action)}">
<input type="hidden" name="flow" value="${escapeHtml(options.flowId)}">
<label class="key"><input type="checkbox" name="consent_org" value="true"> Consent on behalf of your organization</label>
<div class="actions">
<button type="submit" name="action" value="consent-accept">Accept</button>
<button type="submit" name="action" value="consent-decline" class="secondary">Cancel</button>
</div>
</form>`;
  return htmlPage(200, `Permissions requested – ${options.tenantName} (simulated)`, body);
}
