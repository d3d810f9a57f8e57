// Preloaded into the Electronegativity scan: its HTTP client ('got') answers every request with
// an immediate failure instead of reaching the internet (tests and CI stay on this machine).
const Module = require('node:module');

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: network look-ups are disabled for this scan'));
    return Object.assign(offline, { default: offline, get: offline });
  }
  return originalLoad.call(this, request, parent, isMain);
};
