import * as tcb from '@cloudbase/node-sdk'
import type { Identity } from '../../core/account/identity'
import type { CloudbaseApp } from './cloudbase-app'

/** The SCF invocation context, as much of it as we read. */
export interface CloudFunctionContext {
  request_id?: string
  /** JSON of the per-invocation environment (newer runtimes), including WX_OPENID for mini-program calls. */
  environment?: string
  /** `k=v;k=v` form of the same (older runtimes). */
  environ?: string
  [key: string]: unknown
}

function openidFromContext(context: CloudFunctionContext | undefined): string {
  if (!context || (typeof context.environment !== 'string' && typeof context.environ !== 'string')) return ''
  try {
    return tcb.getCloudbaseContext(context as never).WX_OPENID ?? ''
  } catch {
    return '' // a malformed context is no identity
  }
}

/**
 * Who is calling, as the platform says: the WeChat OPENID the CloudBase runtime attaches to a
 * `wx.cloud.callFunction` from the mini-program. Never read from the event, which the client
 * writes.
 *
 * The invocation context is read first: it belongs to this call alone, whereas process.env is
 * shared by every call an instance serves (with multi-concurrency enabled, two calls could
 * overlap). Without it, node-sdk's `auth().getUserInfo()` reads WX_OPENID from process.env (only
 * the keys WX_CONTEXT_KEYS lists), as the classic one-call-per-instance runtime sets it.
 * No OPENID (a console test, a timer, another service) → null → AUTH.UNAUTHENTICATED.
 */
export function platformIdentity(app: CloudbaseApp, context?: CloudFunctionContext): Identity | null {
  const openid = openidFromContext(context) || app.auth().getUserInfo().openId
  return openid ? { openid } : null
}
