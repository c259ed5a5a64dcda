import * as z from 'zod'
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplateKey } from '../../../contracts'

/**
 * Which WeChat subscribe-message template each of our template keys uses, and how our message
 * fills its fields. Configured per deployment in the env var LOUZU_TEMPLATE_IDS (templates are
 * chosen per mini-program in the WeChat MP console, so their ids and field names differ):
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
  fields: z.record(z.string().regex(/^[a-z_]+\d+$/, 'WeChat field names look like thing1 or time3'), z.enum(FIELD_SOURCES)),
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
    return { ok: false, problem: `${TEMPLATE_ENV_VAR}: ${issue.path.join('.') || '(root)'}: ${issue.message}` }
  }
  return { ok: true, templates: parsed.data as TemplateConfigs }
}
