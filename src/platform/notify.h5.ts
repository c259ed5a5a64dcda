import type { PromptAnswer } from './types'

/**
 * Ask whether WeChat may send these messages (一次性订阅). The browser has no prompt: the local
 * outbox stands in for WeChat, so every key counts as allowed.
 */
export async function promptForMessages<K extends string>(
  _keys: readonly K[],
  _templateIds: Partial<Record<K, string>>,
): Promise<PromptAnswer<K>> {
  return { kind: 'no-prompt' }
}
