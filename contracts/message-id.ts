/**
 * A chat message's id: `${groupId}:${senderId}:${clientId}`. The sender's device picks the
 * clientId, so it knows the id before the server answers (a pending message, a retry that must
 * not post twice); the server stores the message under the same id.
 */
export function messageIdOf(groupId: string, senderId: string, clientId: string): string {
  return `${groupId}:${senderId}:${clientId}`
}

/** The group a message id belongs to. */
export function groupIdOfMessage(messageId: string): string {
  return messageId.split(':')[0] ?? ''
}
