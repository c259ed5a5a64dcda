import type { Database } from 'better-sqlite3'
import { MAX_FIND_LIMIT, type Doc } from '../../core/shared/document-store'
import type { TextQuery, TextSearch } from '../../core/shared/ports'
import { fieldExpression, tableName } from './sql-names'
import type { SqliteDocumentStore } from './sqlite-document-store'

/**
 * A collection with a full-text index: an FTS5 table with the `trigram` tokenizer over the named
 * fields, kept in step with the documents by triggers (so every write path — insert, put,
 * update, delete — maintains it in the same transaction).
 */
export interface FullTextIndexSpec {
  collection: string
  fields: readonly string[]
}

/** Collections searched through an FTS5 index. Others fall back to a LIKE scan. */
export const FULL_TEXT_INDEXES: readonly FullTextIndexSpec[] = [
  { collection: 'health_entries', fields: ['title', 'body', 'tagText'] },
]

const FIELD = /^[A-Za-z][A-Za-z0-9]*$/

function checkedField(field: string): string {
  if (!FIELD.test(field)) throw new Error(`invalid full-text field: ${field}`)
  return `"${field}"`
}

export function ftsTable(collection: string): string {
  return tableName(collection).replace('"c_', '"fts_')
}

/** FTS5 rowids must be stable integers; document ids are text, so a small table maps one to the other. */
export function ftsMapTable(collection: string): string {
  return tableName(collection).replace('"c_', '"search_map_')
}

function triggerName(collection: string, event: string): string {
  return tableName(collection).replace('"c_', `"tr_fts_${event}_`)
}

/** Create the index, its triggers, and fill it from the documents already stored. Idempotent. */
export function createFullTextIndex(db: Database, spec: FullTextIndexSpec): void {
  const docs = tableName(spec.collection)
  const fts = ftsTable(spec.collection)
  const map = ftsMapTable(spec.collection)
  const columns = spec.fields.map(checkedField)
  const values = (row: 'new' | 'old') =>
    spec.fields.map((f) => `coalesce(json_extract(${row}.doc, '$.${f}'), '')`).join(', ')
  const rowidOf = (row: 'new' | 'old') => `(SELECT rowid FROM ${map} WHERE doc_id = ${row}.id)`
  db.exec(`CREATE TABLE IF NOT EXISTS ${docs} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`)
  db.exec(`CREATE TABLE IF NOT EXISTS ${map} (rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE)`)
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${fts} USING fts5(${columns.join(', ')}, tokenize = 'trigram')`)
  db.exec(`
    CREATE TRIGGER IF NOT EXISTS ${triggerName(spec.collection, 'insert')} AFTER INSERT ON ${docs} BEGIN
      INSERT INTO ${map} (doc_id) VALUES (new.id);
      INSERT INTO ${fts} (rowid, ${columns.join(', ')}) VALUES (${rowidOf('new')}, ${values('new')});
    END;
    CREATE TRIGGER IF NOT EXISTS ${triggerName(spec.collection, 'update')} AFTER UPDATE ON ${docs} BEGIN
      UPDATE ${fts} SET ${spec.fields.map((f, i) => `${columns[i]} = coalesce(json_extract(new.doc, '$.${f}'), '')`).join(', ')}
        WHERE rowid = ${rowidOf('new')};
    END;
    CREATE TRIGGER IF NOT EXISTS ${triggerName(spec.collection, 'delete')} AFTER DELETE ON ${docs} BEGIN
      DELETE FROM ${fts} WHERE rowid = ${rowidOf('old')};
      DELETE FROM ${map} WHERE doc_id = old.id;
    END;
  `)
  // Documents stored before the index existed.
  db.exec(`INSERT INTO ${map} (doc_id) SELECT id FROM ${docs} WHERE id NOT IN (SELECT doc_id FROM ${map})`)
  db.exec(`
    INSERT INTO ${fts} (rowid, ${columns.join(', ')})
    SELECT m.rowid, ${spec.fields.map((f) => `coalesce(json_extract(d.doc, '$.${f}'), '')`).join(', ')}
    FROM ${map} m JOIN ${docs} d ON d.id = m.doc_id
    WHERE m.rowid NOT IN (SELECT rowid FROM ${fts})
  `)
}

/**
 * Without this an FTS5 index keeps a deleted document's tokens in its segments until they are
 * merged; with it a delete removes them at once (persistent setting of the index).
 */
export function enableSecureDelete(db: Database, spec: FullTextIndexSpec): void {
  const fts = ftsTable(spec.collection)
  db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('secure-delete', 1)`).run()
}

function characterCount(value: string): number {
  return [...value].length
}

/** An FTS5 phrase: the term in double quotes, inner quotes doubled; matched as a substring by trigram. */
function phrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** A document field in a query where the documents table is `d`. */
function docField(path: string): string {
  const expression = fieldExpression(path)
  return expression === 'id' ? 'd.id' : expression.replace('json_extract(doc', 'json_extract(d.doc')
}

interface Plan {
  sql: string
  params: Array<string | number>
}

/**
 * The SQL for a query. Terms of three or more characters go to the trigram index (MATCH, which
 * is a substring match for trigram); the trigram index cannot answer shorter terms, so two-
 * character terms become LIKE conditions on the candidates — or on every indexed row when no
 * term is long enough (a column holds a few thousand entries: a scan of the index's text is
 * a few milliseconds, see docs/BENCHMARKS.md).
 */
export function planTextQuery(collection: string, query: TextQuery): Plan {
  const limit = Math.min(Math.max(query.limit, 0), MAX_FIND_LIMIT)
  const [orderField, direction] = query.orderBy
  const order = `${docField(orderField)} ${direction === 'desc' ? 'DESC' : 'ASC'}, d.id ASC`
  const spec = FULL_TEXT_INDEXES.find((s) => s.collection === collection)
  const indexed = spec && query.fields.every((f) => spec.fields.includes(f))
  const params: Array<string | number> = []
  const where: string[] = []
  const long = query.terms.filter((t) => characterCount(t) >= 3)
  const short = query.terms.filter((t) => characterCount(t) < 3)

  if (indexed) {
    const fts = ftsTable(collection)
    const columns = query.fields.map(checkedField)
    if (long.length) {
      const filter = `{${query.fields.map((f) => checkedField(f).slice(1, -1)).join(' ')}}`
      where.push(`f.rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`)
      params.push(long.map((t) => `${filter} : ${phrase(t)}`).join(' AND '))
    }
    for (const term of short) {
      where.push(`(${columns.map((c) => `f.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`)
      for (let i = 0; i < columns.length; i++) params.push(likePattern(term))
    }
    return {
      sql: `SELECT d.doc AS doc FROM ${fts} f JOIN ${ftsMapTable(collection)} m ON m.rowid = f.rowid JOIN ${tableName(collection)} d ON d.id = m.doc_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
      params: [...params, limit],
    }
  }

  // No index for this collection: LIKE over the JSON fields (correct, not fast).
  for (const term of query.terms) {
    where.push(`(${query.fields.map((f) => `${docField(f)} LIKE ? ESCAPE '\\'`).join(' OR ')})`)
    for (let i = 0; i < query.fields.length; i++) params.push(likePattern(term))
  }
  return {
    sql: `SELECT d.doc AS doc FROM ${tableName(collection)} d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
    params: [...params, limit],
  }
}

/**
 * TextSearch on the local SQLite store. LIKE folds ASCII case only and trigram MATCH folds
 * case too, so both paths agree for the Chinese and Latin text a column holds.
 */
export class SqliteTextSearch implements TextSearch {
  constructor(private readonly store: SqliteDocumentStore) {}

  async findContaining<T extends Doc>(collection: string, query: TextQuery): Promise<T[]> {
    if (!query.terms.length) return []
    const plan = planTextQuery(collection, query)
    return this.store.read((db) =>
      (db.prepare(plan.sql).all(...plan.params) as Array<{ doc: string }>).map((row) => JSON.parse(row.doc) as T),
    )
  }
}
