import { AppError } from './errors'
import type { ContentScene, Deps } from './ports'

/** Refuse text the content check rejects, before anything is stored. */
export async function ensureAcceptableText(
  deps: Pick<Deps, 'contentCheck'>,
  texts: ReadonlyArray<string | undefined>,
  scene: ContentScene,
  /** WeChat's msgSecCheck v2 requires the author's openid (it weighs the account's history). */
  openid: string,
): Promise<void> {
  for (const text of texts) {
    if (!text) continue
    const verdict = await deps.contentCheck.check({ text, scene, openid })
    if (!verdict.ok) throw new AppError('CONTENT.REJECTED')
  }
}
