import * as z from 'zod'
import { action } from './action'

/**
 * `ping`: every routed function answers it, without a sign-in, touching nothing personal — what
 * the post-deploy smoke check (`npm run smoke`) calls to see that a function is deployed, reaches
 * its database and may use WeChat's content check (the `security.msgSecCheck` openapi permission).
 */

/** What WeChat's content check said about a fixed, harmless sentence. */
export type ContentCheckProbe =
  | { status: 'pass' }
  | { status: 'rejected' }
  /** The check could not run; `errCode` is WeChat's (e.g. -604101: the function lacks the openapi permission). */
  | { status: 'unavailable'; errCode?: number; message: string }

export interface PingReport {
  function: string
  /** Server time, epoch ms. */
  at: number
  /** A read by id answered. */
  database: { ok: true } | { ok: false; message: string }
  /** Only when asked for (`contentCheck: true`). */
  contentCheck?: ContentCheckProbe
}

export const pingAction = action<PingReport>()(
  z.strictObject({
    /** Also run the content check on a fixed sentence (one WeChat API call). */
    contentCheck: z.boolean().optional(),
    /**
     * WeChat's msgSecCheck v2 wants the openid of someone who opened the mini-program in the last
     * two hours; without one it answers "invalid openid" — which still proves the permission.
     */
    openid: z
      .string()
      .regex(/^[A-Za-z0-9_-]{6,64}$/, { message: 'openid 格式不对' })
      .optional(),
  }),
)
