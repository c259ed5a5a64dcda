import { DuplicateKeyError, type DocumentStore } from '../shared/document-store'
import type { Deps } from '../shared/ports'

/** No I or O: they read as 1 and 0 to older eyes. */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const ATTEMPTS = 20

function randomAlias(deps: Pick<Deps, 'ids'>): string {
  const letter = LETTERS[Number(deps.ids.digits(4)) % LETTERS.length]
  return `${letter}${deps.ids.digits(3)}`
}

/**
 * The asker's pseudonym for columnists (e.g. K273): random, chosen once per person and kept, so
 * the columnist can tell "the same person asked again" without learning who it is. A unique index
 * keeps two askers from sharing one (24,000 possible; a neighbourhood has ~3,600 people).
 */
export async function aliasFor(deps: Pick<Deps, 'store' | 'ids' | 'clock'>, userId: string): Promise<string> {
  const store: DocumentStore = deps.store
  const existing = await store.get('health_aliases', userId)
  if (existing) return existing.alias
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const alias = randomAlias(deps)
    try {
      await store.insert('health_aliases', { _id: userId, alias, createdAt: deps.clock.now() })
      return alias
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error
      // Either this person's first two questions raced (use the winner) or the alias is taken (try another).
      const winner = await store.get('health_aliases', userId)
      if (winner) return winner.alias
    }
  }
  throw new Error('no free pseudonym after several attempts')
}
