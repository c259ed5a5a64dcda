import type { Deps } from '../shared/ports'
import type { MessageDoc } from './chat.docs'

/** The storage keys a message's photo (or voice) occupies. */
export function mediaKeysOf(doc: Pick<MessageDoc, 'media'>): string[] {
  return doc.media ? [doc.media.key, ...(doc.media.thumbKey ? [doc.media.thumbKey] : [])] : []
}

/**
 * Delete the files of messages whose media was just unlinked (recall, hide, rejection, erasure).
 * Runs after the database change, so a failure leaves an orphan file rather than a message that
 * points at nothing; the failure is logged with the keys so it can be swept.
 */
export async function deleteMediaFiles(
  deps: Pick<Deps, 'media' | 'log'>,
  docs: ReadonlyArray<Pick<MessageDoc, 'media' | '_id'>>,
): Promise<void> {
  const keys = docs.flatMap(mediaKeysOf)
  if (!keys.length) return
  try {
    await deps.media.storage.delete(keys)
  } catch (error) {
    deps.log.error(
      { messageIds: docs.map((d) => d._id), keys, error: (error as Error).message },
      'media files not deleted',
    )
  }
}
