/**
 * Whether a file's schema is the one this app's migrations create for the version it records
 * (docs/domain.md, "The journal file"). A `journal_entries` table with other columns, or a file
 * with tables, views, indexes or triggers the migrations do not create, is not a journal of this
 * app: reading it as one would fail half-way (no such column) or, with a trigger, mislead.
 */
import Database from 'better-sqlite3';
import type { SqliteDatabase } from '../db/sqlite.ts';
import { journalMigrations } from './migrations.ts';

type SchemaObject = { readonly type: string; readonly name: string; readonly sql: string };

// SQLite's own objects (sqlite_sequence, sqlite_stat1, automatic indexes) follow from the rest.
const schemaQuery = `SELECT type, name, coalesce(sql, '') AS sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`;

type ExpectedSchema = { readonly objects: readonly SchemaObject[]; readonly columns: readonly string[] };

const expectedByVersion = new Map<number, ExpectedSchema>();

/** What is wrong with the schema of `db` for a journal of `version`, or undefined when it is this app's. */
export function journalSchemaProblem(db: SqliteDatabase, version: number, nativeBinding: string | undefined): string | undefined {
  const columns = journalColumnsProblem(db, version, nativeBinding);
  if (columns) return columns;
  const expected = expectedSchema(version, nativeBinding);
  const want = new Map(expected.objects.map((object) => [object.name, object]));
  const actual = db.prepare(schemaQuery).all() as SchemaObject[];
  for (const object of actual) {
    const wanted = want.get(object.name);
    if (!wanted) return `it holds the ${object.type} ${object.name}, which this app never creates`;
    if (wanted.type !== object.type || normalised(wanted.sql) !== normalised(object.sql)) {
      return `its ${object.type} ${object.name} is not defined the way this app defines it`;
    }
  }
  const have = new Set(actual.map((object) => object.name));
  const missing = expected.objects.find((object) => !have.has(object.name));
  return missing ? `it lacks the ${missing.type} ${missing.name} that journal format ${version} has` : undefined;
}

/**
 * Names the columns of `journal_entries` that differ from those of journal format `version` (at
 * least 1), the most likely sign of a table written by something else.
 */
export function journalColumnsProblem(db: SqliteDatabase, version: number, nativeBinding: string | undefined): string | undefined {
  const type = db.prepare("SELECT type FROM sqlite_schema WHERE name = 'journal_entries'").pluck().get() as string | undefined;
  if (type !== 'table') return `its journal_entries is a ${type ?? 'missing object'}, not a table`;
  const have = columnNames(db);
  const want = expectedSchema(Math.max(version, 1), nativeBinding).columns;
  const extra = have.filter((name) => !want.includes(name));
  const missing = want.filter((name) => !have.includes(name));
  if (extra.length === 0 && missing.length === 0) return undefined;
  const parts = [
    ...(extra.length > 0 ? [`columns this app does not write (${extra.join(', ')})`] : []),
    ...(missing.length > 0 ? [`no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}`] : []),
  ];
  return `its journal_entries table has ${parts.join(' and ')}`;
}

function columnNames(db: SqliteDatabase): string[] {
  return db.prepare('SELECT name FROM pragma_table_xinfo(?)').pluck().all('journal_entries') as string[];
}

/** The schema an empty in-memory database has after the migrations up to `version`. */
function expectedSchema(version: number, nativeBinding: string | undefined): ExpectedSchema {
  const known = expectedByVersion.get(version);
  if (known) return known;
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    for (const migration of journalMigrations) if (migration.version <= version) db.exec(migration.sql);
    const expected = { objects: db.prepare(schemaQuery).all() as SchemaObject[], columns: columnNames(db) };
    expectedByVersion.set(version, expected);
    return expected;
  } finally {
    db.close();
  }
}

function normalised(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
