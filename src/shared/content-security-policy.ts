/**
 * Item 7 of the Electron security checklist (src/main/electron/security.ts): a strict
 * Content-Security-Policy, sent by the desktop shell and the web host and put into index.html.
 * Scripts, styles and data only from the app itself; no inline script, no eval, no plugins, no
 * framing, no form posts, no remote connections – Microsoft Graph and the token endpoint are
 * called by the main process, never by the page. Plain data, so vite.config.ts and the web host
 * read it without importing the Electron folder.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The same policy for index.html's meta tag: browsers ignore (and warn about) frame-ancestors there. */
export const contentSecurityPolicyMeta = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
