import type { CharterVersionSummary, CharterVersionView } from '../../../contracts'
import type { Caller } from '../shared/caller'
import type { DocumentStore } from '../shared/document-store'
import { mayManageBuilding } from './access'
import type { CharterVersionDoc } from './charter.docs'
import { articleChanges } from './diff'

/** Every version of a building, newest first (a building keeps a handful: one per adoption, plus one draft). */
export function buildingVersions(store: DocumentStore, buildingId: string): Promise<CharterVersionDoc[]> {
  return store.find('charter_versions', { buildingId }, { orderBy: [['number', 'desc']], limit: 200 })
}

/** The current version: the newest adopted one. */
export function currentOf(versions: readonly CharterVersionDoc[]): CharterVersionDoc | null {
  return versions.find((v) => v.status === 'adopted') ?? null
}

/** The draft being written or voted on (at most one). */
export function draftOf(versions: readonly CharterVersionDoc[]): CharterVersionDoc | null {
  return versions.find((v) => v.status !== 'adopted') ?? null
}

export function versionSummary(doc: CharterVersionDoc): CharterVersionSummary {
  return {
    versionId: doc._id,
    number: doc.number,
    status: doc.status,
    effectiveAt: doc.effectiveAt,
    articleCount: doc.articles.length,
  }
}

/** A version with its changes against the one before it (for a draft: against the current version). */
export function versionView(
  caller: Caller,
  doc: CharterVersionDoc,
  versions: readonly CharterVersionDoc[],
  buildingName: string,
): CharterVersionView {
  const before =
    doc.status === 'adopted'
      ? (versions.find((v) => v.status === 'adopted' && v.number < doc.number) ?? null)
      : currentOf(versions)
  const manage = mayManageBuilding(caller, doc.buildingId)
  return {
    ...versionSummary(doc),
    buildingId: doc.buildingId,
    buildingName,
    articles: doc.articles,
    basedOn: doc.basedOn,
    draftedAt: doc.draftedAt,
    voteId: doc.voteId,
    resultSentence: doc.resultSentence,
    changes: articleChanges(before?.articles ?? [], doc.articles),
    comparedWith: before?.number ?? null,
    canEdit: manage && doc.status === 'draft',
    canOpenVote: manage && doc.status === 'draft',
  }
}
