import type { CharterArticle, CharterVersionView } from '../../contracts'
import type { ApiClient } from './runtime'

export const TEMPLATE_ARTICLES: CharterArticle[] = [
  { title: '楼道不堆物', text: '楼道是逃生通道，各户不在楼道里堆放杂物、鞋柜和纸板。' },
  { title: '电瓶车不上楼', text: '电瓶车一律停在车棚充电，不推进电梯，不在家里充电。' },
  { title: '装修时间', text: '工作日 8:00–12:00、14:00–18:00 可以装修，周末和节假日不做有噪音的活。' },
]

/** The committee publishes a template; its id. */
export async function publishTemplate(admin: ApiClient, title = '楼组自治公约范本', articles = TEMPLATE_ARTICLES) {
  return (await admin.ok('council', 'saveCharterTemplate', { title, articles })).template.templateId as string
}

export async function draftFrom(leader: ApiClient, buildingId: string, templateId?: string) {
  return (await leader.ok('council', 'draftCharter', templateId ? { buildingId, templateId } : { buildingId }))
    .version as CharterVersionView
}

/** The leader puts a draft to a vote closing in two hours; the vote's id. */
export async function putToVote(leader: ApiClient, versionId: string, now: number, quorumPercent = 0) {
  return (
    await leader.ok('council', 'openCharterVote', {
      versionId,
      closesAt: now + 2 * 3600_000,
      quorumPercent,
      secret: false,
    })
  ).voteId as string
}
