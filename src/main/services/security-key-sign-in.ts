/**
 * A break-glass account's sign-in with its security key (docs/architecture.md, "One emergency
 * sign-in, end to end"): in the system browser, opened by the app (or by the renderer in the web
 * host), or with a device code when asked or when no browser opens. Never the password grant.
 */
import type { SignInProgress, SignInRequest } from '../../shared/model/sign-in.ts';
import { signInWithSecurityKey } from '../entra/sign-in.ts';
import type { TenantSession } from '../entra/tenant-session.ts';
import type { SignInPath } from './certificate-sign-in.ts';

/** How the app opens the security-key page: Electron's shell.openExternal; absent in the web host. */
export type OpenExternal = (url: string) => Promise<void>;

export async function securityKeySignIn(
  request: Extract<SignInRequest, { method: 'security-key' }>,
  path: SignInPath,
  run: {
    readonly clientId: string;
    readonly openExternal: OpenExternal | undefined;
    readonly set: (progress: SignInProgress) => void;
    /** Journals that no browser could be opened, before the device code is asked for. */
    readonly onDeviceCodeFallback: (browserProblem: unknown) => void;
  },
): Promise<TenantSession> {
  const { endpoints } = path;
  const { set } = run;
  const base = {
    endpoints,
    clientId: run.clientId,
    userPrincipalName: request.userPrincipalName,
    context: path.context,
    retry: path.retry,
  };
  const withDeviceCode = () => signInWithSecurityKey({ ...base, onDeviceCode: (prompt) => set({ state: 'device-code', ...prompt }) });
  if (request.deviceCode) return withDeviceCode();
  const open = run.openExternal;
  let browserProblem: unknown;
  try {
    return await signInWithSecurityKey({
      ...base,
      openBrowser: async (url) => {
        // Only ever the tenant's own sign-in page: msal builds it from the configured authority.
        if (new URL(url).origin !== new URL(endpoints.authority).origin)
          throw new Error(`Refusing to open ${new URL(url).origin}: it is not the tenant's sign-in service.`);
        if (open) {
          try {
            await open(url);
          } catch (error) {
            browserProblem = error;
            throw error;
          }
        }
        set({ state: 'browser', url, openedByApp: Boolean(open) });
      },
    });
  } catch (error) {
    if (browserProblem === undefined) throw error;
    run.onDeviceCodeFallback(browserProblem);
    return withDeviceCode();
  }
}
