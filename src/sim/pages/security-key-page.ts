/**
 * The page standing in for the browser's security-key prompt during a simulated sign-in:
 * choose which registered FIDO2 key from the safe is touched, enter its PIN, or cancel – and,
 * for password-path drills, the sealed-envelope password.
 */
import { formPostScriptPath, pageContentSecurityPolicy, pageStylesheetPath } from './page-style.ts';
import type { SimResponse } from '../http/messages.ts';

export type SecurityKeyChoice = { readonly value: string; readonly label: string; readonly detail: string; readonly preselected: boolean };

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function htmlPage(status: number, title: string, body: string, script?: string): SimResponse {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${pageStylesheetPath}">
${script ? `<script src="${script}"></script>\n` : ''}</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': pageContentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    },
    body: html,
  };
}

export const banner = (tenantName: string) =>
  `<p class="banner">Simulated Microsoft Entra ID – drill tenant “${escapeHtml(tenantName)}”. Nothing here touches a real tenant.</p>`;

export function securityKeyPage(options: {
  readonly tenantName: string;
  readonly appName: string;
  readonly action: string;
  readonly flowId: string;
  readonly keys: readonly SecurityKeyChoice[];
  readonly error?: string;
  readonly status?: number;
}): SimResponse {
  const keys = options.keys
    .map(
      (key, index) =>
        `<label class="key"><input type="radio" name="key" value="${escapeHtml(key.value)}"${key.preselected || (index === 0 && !options.keys.some((k) => k.preselected)) ? ' checked' : ''}> ${escapeHtml(key.label)}<small>${escapeHtml(key.detail)}</small></label>`,
    )
    .join('\n');
  const flow = `<input type="hidden" name="flow" value="${escapeHtml(options.flowId)}">`;
  const body = `${banner(options.tenantName)}
<h1>Use your security key</h1>
<p>Signing in to <strong>${escapeHtml(options.appName)}</strong>. Choose the key you took from the safe, enter its PIN, then touch it.</p>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}">
${flow}
<fieldset>
<legend>Which security key is inserted?</legend>
${keys || '<p>No security key is registered in this tenant.</p>'}
</fieldset>
<label for="pin">Security key PIN</label>
<input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off">
<div class="actions">
<button type="submit" name="action" value="touch">Touch the key and sign in</button>
<button type="submit" name="action" value="cancel" class="secondary">Cancel</button>
</div>
</form>
<details>
<summary>Sign in with the sealed-envelope password instead</summary>
<form method="post" action="${escapeHtml(options.action)}">
${flow}
<label for="username">User name</label>
<input id="username" name="username" type="email" autocomplete="off">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="off">
<div class="actions"><button type="submit" name="action" value="password">Sign in with password</button></div>
</form>
</details>`;
  return htmlPage(options.status ?? 200, `Use your security key – ${options.tenantName} (simulated)`, body);
}

export function messagePage(options: {
  readonly tenantName: string;
  readonly title: string;
  readonly message: string;
  readonly status: number;
}): SimResponse {
  return htmlPage(
    options.status,
    `${options.title} – ${options.tenantName} (simulated)`,
    `${banner(options.tenantName)}
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.message)}</p>`,
  );
}

export function deviceCodeEntryPage(options: { readonly tenantName: string; readonly error?: string }): SimResponse {
  return htmlPage(
    options.error ? 400 : 200,
    `Enter code – ${options.tenantName} (simulated)`,
    `${banner(options.tenantName)}
<h1>Enter code</h1>
<p>Enter the code displayed on the device that is signing in.</p>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="/devicelogin">
<label for="user_code">Code</label>
<input id="user_code" name="user_code" type="text" autocomplete="off">
<div class="actions"><button type="submit">Next</button></div>
</form>`,
  );
}

/**
 * response_mode=form_post: the result is posted to the redirect URI by a form the page submits
 * on load (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow,
 * "response_mode"). msal-node 7's loopback listener accepts nothing else
 * (LoopbackClient: "OAuth responses must use form_post and cannot be returned in the URL").
 */
export function formPostPage(options: {
  readonly tenantName: string;
  readonly redirectUri: string;
  readonly fields: Readonly<Record<string, string>>;
}): SimResponse {
  const inputs = Object.entries(options.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return htmlPage(
    200,
    `Returning to the app – ${options.tenantName} (simulated)`,
    `${banner(options.tenantName)}
<h1>Returning to the app</h1>
<form method="post" action="${escapeHtml(options.redirectUri)}">
${inputs}
<p>If nothing happens, choose Continue.</p>
<div class="actions"><button type="submit">Continue</button></div>
</form>`,
    formPostScriptPath,
  );
}
