import type { DocumentStore } from '../shared/document-store'
import type { ChatStateDoc } from './chat.docs'

/**
 * Take the group's next change number inside a transaction (a by-id read and write of the
 * group's state document, so it works the same in a CloudBase transaction). Concurrent sends
 * serialise on this document: numbers never repeat and never go back.
 */
export async function nextVersion(
  tx: DocumentStore,
  groupId: string,
  now: number,
): Promise<{ state: ChatStateDoc; version: number }> {
  const state = (await tx.get('chat_state', groupId)) ?? {
    _id: groupId,
    groupId,
    version: 0,
    lastSeq: 0,
    lastMessageId: null,
    updatedAt: now,
  }
  const version = state.version + 1
  return { state: { ...state, version, updatedAt: now }, version }
}

export async function readState(
  store: DocumentStore,
  groupId: string,
): Promise<{ version: number; lastSeq: number; lastMessageId: string | null }> {
  const state = await store.get('chat_state', groupId)
  return { version: state?.version ?? 0, lastSeq: state?.lastSeq ?? 0, lastMessageId: state?.lastMessageId ?? null }
}
