import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { browserOpener } from '../../src/main/cli/open-browser.ts';
import { tempDir } from '../helpers/temp.ts';

test('on Linux a browser is opened only with a display and xdg-open', () => {
  const bin = tempDir();
  writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\n');
  chmodSync(join(bin, 'xdg-open'), 0o755);
  assert.deepEqual(browserOpener('linux', { PATH: bin, DISPLAY: ':0' }), ['xdg-open', []]);
  assert.equal(browserOpener('linux', { PATH: bin }), null, 'no display: nothing to open');
  assert.equal(browserOpener('linux', { PATH: tempDir(), WAYLAND_DISPLAY: 'wayland-0' }), null, 'no xdg-open');
});

test('macOS and Windows use their own openers', () => {
  assert.deepEqual(browserOpener('darwin', {}), ['open', []]);
  assert.equal(browserOpener('win32', {})?.[0], 'cmd');
});
