import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

import { contentSecurityPolicyMeta } from './src/shared/content-security-policy.ts';

/** Puts the app's Content-Security-Policy into index.html, from the one definition in src/shared/content-security-policy.ts. */
function cspMetaTag(): Plugin {
  return {
    name: 'breakglass-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
