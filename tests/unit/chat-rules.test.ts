import { chatCollections, MESSAGES_CLIENT_RULE } from '../../cloudfunctions/core/chat/chat.collections'
import { readerLeaseId } from '../../cloudfunctions/core/chat/chat.docs'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { CollectionSpec } from '../../cloudfunctions/core/shared/collections'
import { take } from '../support/lists'

describe('the CloudBase security rule on chat messages', () => {
  test('when the deploy reads the collection specs, then messages carries the rule and no other chat collection is open to clients', () => {
    const messages = ALL_COLLECTIONS.find((c) => c.name === 'messages')
    expect(messages?.clientRule).toEqual(MESSAGES_CLIENT_RULE)
    expect(MESSAGES_CLIENT_RULE.write).toBe('false')
    const specs: readonly CollectionSpec[] = chatCollections
    for (const spec of specs.filter((c) => c.name !== 'messages')) expect(spec.clientRule).toBeUndefined()
  })

  test('when the rule builds the lease path from the query and the caller, then it names exactly the document the function writes', () => {
    const path = /get\(`database\.([a-z_]+)\.(.+)`\)\.until > now$/.exec(MESSAGES_CLIENT_RULE.read)
    expect(path).not.toBeNull()
    const [, collection, template] = take([...path!], 3)
    expect(collection).toBe('chat_readers')
    const resolved = template.replace('${doc.groupId}', 'bg-jsh-5').replace('${auth.openid}', 'oAbC-123_xyz')
    expect(resolved).toBe(readerLeaseId('bg-jsh-5', 'oAbC-123_xyz'))
  })

  test('when CloudBase limits rule expressions to 1,024 characters, then this one fits', () => {
    expect(MESSAGES_CLIENT_RULE.read.length).toBeLessThan(1024)
  })
})
