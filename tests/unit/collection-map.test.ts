import path from 'node:path'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'

// The lint rule's reading of who owns which collection (plain CommonJS, loaded by eslint).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { collectionOwners } = require('../../eslint-rules/feature-collections.cjs') as {
  collectionOwners: (root: string) => Map<string, string>
}

const REPO = path.resolve(__dirname, '..', '..')

describe('the owners the feature-collections lint rule reads from the declarations', () => {
  const owners = collectionOwners(REPO)

  test('when the rule reads the *.collections.ts declarations, then it finds exactly the collections in ALL_COLLECTIONS', () => {
    expect([...owners.keys()].sort()).toEqual(ALL_COLLECTIONS.map((c) => c.name).sort())
  })

  test('when a collection is declared in a feature folder, then that feature owns it', () => {
    expect(owners.get('users')).toBe('account')
    expect(owners.get('group_members')).toBe('groups')
    expect(owners.get('messages')).toBe('chat')
    expect(owners.get('counters')).toBe('shared')
  })
})
