import Taro from '@tarojs/taro'
import type { PromptAnswer } from './types'

/**
 * WeChat's subscribe prompt for the keys that have a template id. Must run inside a tap handler.
 * Throws when WeChat cannot open the prompt.
 */
export async function promptForMessages<K extends string>(
  keys: readonly K[],
  templateIds: Partial<Record<K, string>>,
): Promise<PromptAnswer<K>> {
  const wanted = keys.filter((key) => templateIds[key])
  if (!wanted.length) return { kind: 'unconfigured' }
  const answer = (await Taro.requestSubscribeMessage({
    tmplIds: wanted.map((key) => templateIds[key] as string),
    entityIds: [],
  })) as unknown as Record<string, unknown>
  return { kind: 'answered', accepted: wanted.filter((key) => answer[templateIds[key] as string] === 'accept') }
}
