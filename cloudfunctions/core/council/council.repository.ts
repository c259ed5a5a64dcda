import type { DocumentStore } from '../shared/document-store'
import type { MatterDoc, VoteDoc } from './council.docs'

/**
 * What other features (the charter) read and write of the council's collections. A charter draft is
 * put to the vote as a council matter, and its adoption reads that vote's result.
 */

export async function getVote(store: DocumentStore, voteId: string): Promise<VoteDoc | null> {
  return store.get('council_votes', voteId)
}

export async function insertMatter(store: DocumentStore, matter: MatterDoc): Promise<void> {
  await store.insert('council_matters', matter)
}

/** Undo `insertMatter` when the vote it was made for could not be opened. */
export async function deleteMatter(store: DocumentStore, matterId: string): Promise<void> {
  await store.delete('council_matters', matterId)
}
