import type { SecurityOpenApi } from './msgsec-content-check'
import type { SubscribeOpenApi } from './subscribe-messenger'
import type { MediaSecurityOpenApi } from './wx-media-check'

/** The 云调用 (cloud-call) openapi methods the product uses. */
export type WxOpenApi = { security: SecurityOpenApi['security'] & MediaSecurityOpenApi['security'] } & SubscribeOpenApi

/**
 * wx-server-sdk's `cloud.openapi`, loaded on first use: most calls never check text or send a
 * message, and not evaluating the SDK keeps cold starts of read-only calls shorter. The call is
 * authorised by the platform (no keys): the function's config.json lists the openapi methods.
 */
export function lazyWxOpenApi(options: { serviceUrl?: string } = {}): WxOpenApi {
  // `cloud.openapi` is a Proxy that turns ANY property into an API call — including `then`. A
  // promise must therefore never resolve to it directly (resolution would call `openapi.then`,
  // i.e. a WeChat API named "then"); it travels inside a plain holder object instead.
  let loading: Promise<{ openapi: WxOpenApi }> | null = null
  const load = (): Promise<{ openapi: WxOpenApi }> => {
    loading ??= import('wx-server-sdk').then((cloud) => {
      cloud.init({
        // The SDK's typings say string, but its documented value for "this function's environment" is this symbol.
        env: cloud.DYNAMIC_CURRENT_ENV as unknown as string,
        // Passed through to its node-sdk; only tests set it (see cloud-entry.ts).
        ...(options.serviceUrl ? ({ serviceUrl: options.serviceUrl } as object) : {}),
      })
      return { openapi: cloud.openapi as unknown as WxOpenApi }
    })
    loading.catch(() => {
      loading = null // a failed load is tried again on the next call
    })
    return loading
  }
  return {
    security: {
      msgSecCheck: async (params) => (await load()).openapi.security.msgSecCheck(params),
      mediaCheckAsync: async (params) => (await load()).openapi.security.mediaCheckAsync(params),
    },
    subscribeMessage: { send: async (params) => (await load()).openapi.subscribeMessage.send(params) },
  }
}
