/**
 * The stylesheet of the simulator's pages, served as a file so the pages need no inline style
 * or script and work under their own strict Content-Security-Policy.
 */
export const pageStylesheetPath = '/sim-assets/pages.css';

export const pageStylesheet = `
:root { color-scheme: light; font-family: "Segoe UI", "Liberation Sans", Arial, sans-serif; }
body { margin: 0; background: #f2f2f2; color: #1b1b1b; }
main { max-width: 30rem; margin: 3rem auto; background: #fff; padding: 2rem 2.5rem; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
.banner { background: #fff4ce; border-left: 4px solid #8a6d00; padding: .5rem .75rem; font-size: .9rem; margin: 0 0 1.25rem; }
h1 { font-size: 1.6rem; font-weight: 600; margin: 0 0 .75rem; }
p { line-height: 1.45; }
.error { background: #fde7e9; border-left: 4px solid #a80000; padding: .5rem .75rem; }
fieldset { border: 1px solid #c8c8c8; padding: .75rem 1rem; margin: 1rem 0; }
legend { font-weight: 600; padding: 0 .25rem; }
.key { display: block; padding: .4rem 0; font-size: 1.05rem; }
.key small { display: block; color: #555; margin-left: 1.6rem; }
label[for] { display: block; font-weight: 600; margin-top: 1rem; }
input[type=password], input[type=text], input[type=email] { font-size: 1.2rem; padding: .45rem; width: 100%; box-sizing: border-box; margin-top: .35rem; }
.actions { display: flex; gap: .75rem; margin-top: 1.5rem; flex-wrap: wrap; }
button { font-size: 1.05rem; padding: .6rem 1.2rem; border: 1px solid #0067b8; background: #0067b8; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0067b8; }
button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
details { margin-top: 2rem; border-top: 1px solid #e0e0e0; padding-top: 1rem; }
summary { cursor: pointer; color: #0067b8; }
code { font-size: 1.1rem; }
`;

/**
 * No script at all; forms post to this origin, whose answer redirects to the app's loopback
 * address (form-action governs that redirect too, so the loopback origins are allowed).
 */
/** Submits the one form of a form_post response page, so no inline script is needed. */
export const formPostScriptPath = '/sim-assets/form-post.js';
export const formPostScript = "document.addEventListener('DOMContentLoaded', () => document.forms[0]?.submit());\n";

export const pageContentSecurityPolicy =
  "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action 'self' http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'";
