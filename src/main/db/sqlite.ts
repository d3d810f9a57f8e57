/**
 * Opens SQLite through better-sqlite3 in both runtimes.
 *
 * Node (tests, CLI, web host) uses the addon compiled by `npm install`. Electron has another
 * native ABI, so `npm start` keeps an Electron build of the addon in a separate folder and hands
 * its path over in BREAKGLASS_SQLITE_BINDING; it is passed to better-sqlite3 as `nativeBinding`,
 * and the Node build in node_modules is never replaced – starting the app cannot break the tests.
 */
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export function openSqlite(file: string, options: { readonly nativeBinding?: string | undefined } = {}): SqliteDatabase {
  return options.nativeBinding ? new Database(file, { nativeBinding: options.nativeBinding }) : new Database(file);
}

export type SqliteProbe =
  { readonly ok: true; readonly version: string } | { readonly ok: false; readonly message: string; readonly nextStep: string };

/** Loads the native module and runs one query, so a broken addon is reported at start, not mid-incident. */
export function probeSqlite(nativeBinding?: string): SqliteProbe {
  try {
    const db = openSqlite(':memory:', { nativeBinding });
    try {
      const row = db.prepare('select sqlite_version() as version').get() as { version: string };
      return { ok: true, version: row.version };
    } finally {
      db.close();
    }
  } catch (error) {
    return {
      ok: false,
      message: `The SQLite module did not load: ${(error as Error).message}`,
      nextStep: 'Run "npm start" again from the project folder (it rebuilds the module for Electron); until then, keep a paper record.',
    };
  }
}
