import type { SubscribeTemplateKey } from '../../../contracts'

/** The build's template ids, as config/build-settings.ts wrote them in (always defined, '{}' when none). */
function built(): string {
  try {
    return process.env.LOUZU_BUILD_TEMPLATE_IDS ?? '{}'
  } catch {
    return '{}'
  }
}

/**
 * WeChat subscribe-message template ids by our template key, for `Taro.requestSubscribeMessage`.
 * They come from the one setting both ends read, LOUZU_TEMPLATE_IDS (contracts/subscribe-templates.ts),
 * at build time; a key without an id is never asked for.
 */
export function templateIds(raw: string = built()): Partial<Record<SubscribeTemplateKey, string>> {
  try {
    const parsed: unknown = JSON.parse(raw || '{}')
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
    return Object.fromEntries(Object.entries(parsed).filter(([, id]) => typeof id === 'string' && id)) as Partial<
      Record<SubscribeTemplateKey, string>
    >
  } catch {
    return {}
  }
}
