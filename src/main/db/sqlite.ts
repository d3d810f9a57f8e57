/**
 * Opens SQLite through better-sqlite3 in both runtimes.
 *
 * Node (tests, CLI, web host) uses the addon compiled by `npm install`. Electron has another
 * native ABI, so `npm start` keeps an Electron build of the addon in a separate folder and hands
 * its path over in BREAKGLASS_SQLITE_BINDING; it is passed to better-sqlite3 as `nativeBinding`,
 * and the Node build in node_modules is never replaced – starting the app cannot break the tests.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/**
 * Opens (creating when missing) the database `file` for writing. It is made readable and
 * writable by its owner only (0600, whatever the umask): a journal describes an incident
 * (docs/domain.md, "The journal file"). A file this creates gets 0600; an existing one (an older
 * version created it 0644, or it was copied in) is tightened to 0600, with the `-wal` and `-shm`
 * a crash may have left beside it. SQLite gives the `-wal` and `-shm` files it creates later the
 * permissions of the database file, so they are private too. Windows has no such mode bits;
 * there the folder's access rules apply.
 */
export function openSqlite(file: string, options: { readonly nativeBinding?: string | undefined } = {}): SqliteDatabase {
  createPrivateFile(file);
  if (file !== ':memory:' && file !== '') for (const part of [file, `${file}-wal`, `${file}-shm`]) tightenToOwnerOnly(part);
  return options.nativeBinding ? new Database(file, { nativeBinding: options.nativeBinding }) : new Database(file);
}

function createPrivateFile(file: string): void {
  if (file === ':memory:' || file === '') return;
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch {
    // It exists (and keeps its mode), or cannot be created: SQLite then opens it, or reports why not.
    return;
  }
  try {
    // The umask can only take bits away from 0600, but it could take the owner's own.
    fs.fchmodSync(fd, 0o600);
  } finally {
    fs.closeSync(fd);
  }
}

/** Takes group and other access away from an existing file; a file that is missing is left so. */
function tightenToOwnerOnly(file: string): void {
  let mode: number;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    return; // missing: SQLite creates it (with the database's mode), or reports why it cannot
  }
  if ((mode & 0o077) === 0) return;
  try {
    fs.chmodSync(file, mode & 0o700);
  } catch (error) {
    // Another owner's file (EPERM) or a read-only disk: opening for writing then fails and says why,
    // or the file stays as its owner set it.
    if (!['EPERM', 'EROFS', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
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
