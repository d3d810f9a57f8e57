// better-sqlite3 must load in Node (tests, CLI, web host); the Electron build is handed over as
// `nativeBinding`, the same code path exercised here with the Node build's file.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

import { openSqlite, probeSqlite } from '../../src/main/db/sqlite.ts';
import { tempDir } from '../helpers/temp.ts';

const nodeBuild = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

test('the SQLite module loads in Node and answers a query', () => {
  const probe = probeSqlite();
  assert.equal(probe.ok, true);
  assert.match(probe.ok ? probe.version : '', /^3\.\d+\.\d+$/);
});

test('an explicit native binding is used to open a real database file', () => {
  const file = join(tempDir(), 'probe.sqlite3');
  const db = openSqlite(file, { nativeBinding: nodeBuild });
  try {
    db.exec('create table t (x integer)');
    db.prepare('insert into t (x) values (?)').run(42);
    assert.deepEqual(db.prepare('select x from t').all(), [{ x: 42 }]);
  } finally {
    db.close();
  }
});

test('a missing native binding is reported with a next step instead of crashing', () => {
  const probe = probeSqlite('/nonexistent/better_sqlite3.node');
  assert.equal(probe.ok, false);
  assert.match(probe.ok ? '' : probe.message, /The SQLite module did not load/);
  assert.match(probe.ok ? '' : probe.nextStep, /npm start/);
});
