import type { AuditAction, AuditEntryView } from '../../../../contracts'
import type { RequestContext } from '../../shared/context'
import type { Doc, DocumentStore } from '../../shared/document-store'
import type { Deps } from '../../shared/ports'
import { displayNames } from '../people'

/**
 * The committee's record of who gained or lost power and how: the first admin by claim code or
 * by LOUZU_BOOTSTRAP_ADMINS, roles given and taken. Written in the same transaction as the change
 * it records; readable by the committee only (account.listAuditLog).
 */
export interface AuditFields {
  action: AuditAction
  /** Who did it: a user id, or `bootstrap` for the operator's script. */
  actorId: string
  /** Whom it concerns. */
  subjectId: string | null
  /** What exactly, in words (e.g. the building of a leader role). */
  detail: string
}

export interface AuditDoc extends Doc, AuditFields {
  at: number
}

export const AUDIT_PAGE_SIZE = 50

export function auditEntry(deps: Pick<Deps, 'ids' | 'clock'>, entry: AuditFields): AuditDoc {
  return { _id: deps.ids.next('audit'), at: deps.clock.now(), ...entry }
}

export async function recordAudit(store: DocumentStore, entry: AuditDoc): Promise<void> {
  await store.insert('audit_log', entry)
}

export async function listAuditLog(
  { deps }: RequestContext,
  input: { before?: number },
): Promise<{ entries: AuditEntryView[]; more: boolean }> {
  const docs = await deps.store.find('audit_log', input.before === undefined ? {} : { at: { $lt: input.before } }, {
    // Ids grow with time: entries made in the same millisecond still come newest first.
    orderBy: [
      ['at', 'desc'],
      ['_id', 'desc'],
    ],
    limit: AUDIT_PAGE_SIZE + 1,
  })
  const page = docs.slice(0, AUDIT_PAGE_SIZE)
  const people = page
    .flatMap((d) => [d.actorId, ...(d.subjectId ? [d.subjectId] : [])])
    .filter((id) => id !== 'bootstrap')
  const names = await displayNames(deps.store, [...new Set(people)])
  return {
    entries: page.map((d) => ({
      entryId: d._id,
      at: d.at,
      action: d.action,
      actor: d.actorId === 'bootstrap' ? '运维脚本' : (names.get(d.actorId) ?? ''),
      subject: d.subjectId ? (names.get(d.subjectId) ?? '') : null,
      detail: d.detail,
    })),
    more: docs.length > AUDIT_PAGE_SIZE,
  }
}
