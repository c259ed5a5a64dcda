import * as z from 'zod'
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplateKey } from './notifications'

/**
 * The one setting for WeChat subscribe-message templates: `LOUZU_TEMPLATE_IDS`, read by both ends —
 * the mini-program build (which template ids to ask people for, config/build-settings.ts) and the
 * cloud functions (which template to send and how to fill it, set by `npm run deploy`). Templates
 * are chosen per mini-program in the WeChat MP console, so ids and field names are per deployment:
 *
 *   {
 *     "announcement": { "templateId": "AbC…", "fields": { "thing1": "title", "thing2": "body", "time3": "$now" } },
 *     "application":  { "templateId": "XyZ…", "fields": { "thing1": "title", "thing4": "body" } }
 *   }
 *
 * `fields` maps a WeChat field name (as in the template's detail page, e.g. `thing1`) to what
 * fills it: `title` or `body` of the notification (already cut to 20 characters, WeChat's limit
 * for `thing`), or `$now` for the send time as "YYYY-MM-DD HH:mm" (Asia/Shanghai), for `time` fields.
 * Keys left out are simply not sent as WeChat messages (the in-app notification still lands).
 * docs/DEPLOY.md §4 is the reference for operators.
 */

export const TEMPLATE_ENV_VAR = 'LOUZU_TEMPLATE_IDS'

const FIELD_SOURCES = ['title', 'body', '$now'] as const
export type FieldSource = (typeof FIELD_SOURCES)[number]

export interface TemplateConfig {
  templateId: string
  fields: Record<string, FieldSource>
}

export type TemplateConfigs = Partial<Record<SubscribeTemplateKey, TemplateConfig>>

const templateSchema = z.strictObject({
  templateId: z.string().min(1),
  fields: z.record(
    z.string().regex(/^[a-z_]+\d+$/, 'WeChat field names look like thing1 or time3'),
    z.enum(FIELD_SOURCES),
  ),
})

const configSchema = z.partialRecord(z.enum(SUBSCRIBE_TEMPLATES), templateSchema)

export type ParsedTemplates = { ok: true; templates: TemplateConfigs } | { ok: false; problem: string }

/** Parse LOUZU_TEMPLATE_IDS. Unset or empty means "no templates": notifications stay in-app. */
export function parseTemplateConfig(raw: string | undefined): ParsedTemplates {
  if (!raw || !raw.trim()) return { ok: true, templates: {} }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (error) {
    return { ok: false, problem: `${TEMPLATE_ENV_VAR} is not valid JSON: ${(error as Error).message}` }
  }
  const parsed = configSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      problem: `${TEMPLATE_ENV_VAR}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    }
  }
  return { ok: true, templates: parsed.data as TemplateConfigs }
}

/** Template key → WeChat template id: what the mini-program passes to `wx.requestSubscribeMessage`. */
export function templateIdsOf(templates: TemplateConfigs): Partial<Record<SubscribeTemplateKey, string>> {
  return Object.fromEntries(Object.entries(templates).map(([key, config]) => [key, config.templateId]))
}
