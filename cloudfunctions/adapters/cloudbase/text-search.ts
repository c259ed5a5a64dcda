import { MAX_FIND_LIMIT, type Doc } from '../../core/shared/document-store'
import type { TextQuery, TextSearch } from '../../core/shared/ports'

/**
 * The part of the CloudBase database API this adapter uses (`@cloudbase/node-sdk`'s
 * `app.database()` and wx-server-sdk's `cloud.database()` both fit), so tests can pass a fake.
 */
export interface CloudbaseQuery {
  where(condition: unknown): CloudbaseQuery
  orderBy(field: string, direction: 'asc' | 'desc'): CloudbaseQuery
  limit(n: number): CloudbaseQuery
  get(): Promise<{ data: unknown[] }>
}

export interface CloudbaseDatabase {
  command: { or(conditions: unknown[]): unknown; and(conditions: unknown[]): unknown }
  RegExp(options: { regexp: string; options?: string }): unknown
  collection(name: string): CloudbaseQuery
}

/** A term as a literal inside a regular expression: CloudBase must not read `.` or `(` as syntax. */
export function escapeRegExp(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * TextSearch on CloudBase: one query whose condition is, for every term, "this field or that
 * field matches /term/i". The document database has no full-text index for Chinese, so this is a
 * collection scan on the server; a column's published entries (a few thousand) are small enough,
 * and only the matches come back. Ranking happens in core, as it does locally.
 */
export class CloudbaseTextSearch implements TextSearch {
  constructor(private readonly db: CloudbaseDatabase) {}

  async findContaining<T extends Doc>(collection: string, query: TextQuery): Promise<T[]> {
    if (!query.terms.length || !query.fields.length) return []
    const _ = this.db.command
    const perTerm = query.terms.map((term) => {
      const pattern = this.db.RegExp({ regexp: escapeRegExp(term), options: 'i' })
      const anyField = query.fields.map((field) => ({ [field]: pattern }))
      return anyField.length === 1 ? anyField[0] : _.or(anyField)
    })
    const condition = perTerm.length === 1 ? perTerm[0] : _.and(perTerm)
    const [field, direction] = query.orderBy
    const limit = Math.min(Math.max(query.limit, 1), MAX_FIND_LIMIT)
    const result = await this.db.collection(collection).where(condition).orderBy(field, direction).limit(limit).get()
    return result.data as T[]
  }
}
