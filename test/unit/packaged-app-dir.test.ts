/**
 * Which folder the packaged app counts as "beside itself" for each packaging target
 * (docs/domain.md, "Where the packaged app looks for the portable marker").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { packagedAppDir } from '../../src/main/config/locations.ts';

describe('the folder the packaged app is seen in', () => {
  test('Windows portable exe: the launcher folder it names, not the temporary folder it runs from', () => {
    const facts = {
      platform: 'win32' as const,
      env: { PORTABLE_EXECUTABLE_DIR: 'E:\\Safe', PORTABLE_EXECUTABLE_FILE: 'E:\\Safe\\Break-Glass Runbook 0.1.0.exe' },
      exePath: 'C:\\Users\\c\\AppData\\Local\\Temp\\2bC7x\\Break-Glass Runbook.exe',
    };
    assert.equal(packagedAppDir(facts), 'E:\\Safe');
  });

  test('Windows unpacked build (no launcher): the folder of the exe', () => {
    const exePath = 'E:\\Safe\\win-unpacked\\Break-Glass Runbook.exe';
    assert.equal(packagedAppDir({ platform: 'win32', env: {}, exePath }), 'E:\\Safe\\win-unpacked');
    assert.equal(packagedAppDir({ platform: 'win32', env: { PORTABLE_EXECUTABLE_DIR: '' }, exePath }), 'E:\\Safe\\win-unpacked');
  });

  test('Linux AppImage: the folder holding the AppImage file, not the image mounted under /tmp', () => {
    const env = { APPIMAGE: '/media/custodian/SAFE/Break-Glass Runbook-0.1.0.AppImage', APPDIR: '/tmp/.mount_BreakGk3Lx0' };
    const exePath = '/tmp/.mount_BreakGk3Lx0/break-glass-runbook';
    assert.equal(packagedAppDir({ platform: 'linux', env, exePath }), '/media/custodian/SAFE');
  });

  test('Linux: an APPIMAGE inherited from another AppImage does not move an unpacked build', () => {
    const env = { APPIMAGE: '/home/c/Apps/Terminal.AppImage', APPDIR: '/tmp/.mount_TermiQ2' };
    const exePath = '/media/custodian/SAFE/linux-unpacked/break-glass-runbook';
    assert.equal(packagedAppDir({ platform: 'linux', env, exePath }), '/media/custodian/SAFE/linux-unpacked');
    assert.equal(packagedAppDir({ platform: 'linux', env: { APPIMAGE: env.APPIMAGE }, exePath }), '/media/custodian/SAFE/linux-unpacked');
  });

  test('Linux: a mount whose name merely starts like APPDIR is not inside it', () => {
    const env = { APPIMAGE: '/home/c/Other.AppImage', APPDIR: '/tmp/.mount_Other' };
    const exePath = '/tmp/.mount_OtherX/break-glass-runbook';
    assert.equal(packagedAppDir({ platform: 'linux', env, exePath }), '/tmp/.mount_OtherX');
  });

  test('macOS: the folder holding the .app bundle, not Contents/MacOS inside it', () => {
    const exePath = '/Volumes/SAFE/Break-Glass Runbook.app/Contents/MacOS/Break-Glass Runbook';
    assert.equal(packagedAppDir({ platform: 'darwin', env: {}, exePath }), '/Volumes/SAFE');
  });

  test('macOS: an executable outside a bundle counts from its own folder', () => {
    assert.equal(
      packagedAppDir({ platform: 'darwin', env: {}, exePath: '/Volumes/SAFE/tools/MacOS/runbook' }),
      '/Volumes/SAFE/tools/MacOS',
    );
  });

  test('Linux unpacked build: the folder of the executable', () => {
    const exePath = '/media/custodian/SAFE/linux-unpacked/break-glass-runbook';
    assert.equal(packagedAppDir({ platform: 'linux', env: {}, exePath }), '/media/custodian/SAFE/linux-unpacked');
  });
});
