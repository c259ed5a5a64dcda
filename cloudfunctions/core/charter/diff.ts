import type { ArticleChange, CharterArticle } from '../../../contracts'

/**
 * A readable diff between two versions, article by article. Articles are matched by title (a
 * charter's article titles are unique); an unmatched article whose text is unchanged counts as
 * renamed. The result follows the new version's order, with removed articles last.
 */
export function articleChanges(before: readonly CharterArticle[], after: readonly CharterArticle[]): ArticleChange[] {
  const unmatched = new Map(before.map((a) => [a.title, a]))
  const changes: ArticleChange[] = []
  const pending: number[] = []
  after.forEach((article, i) => {
    const old = unmatched.get(article.title)
    if (!old) {
      pending.push(i)
      changes.push({ kind: 'added', title: article.title, text: article.text })
      return
    }
    unmatched.delete(article.title)
    changes.push(
      old.text === article.text
        ? { kind: 'same', title: article.title, text: article.text }
        : { kind: 'changed', title: article.title, text: article.text, previousText: old.text },
    )
  })
  // A new title over the same words is a renamed article, not one removed and one added.
  for (const i of pending) {
    const article = after[i]
    if (!article) continue
    const renamed = [...unmatched.values()].find((old) => old.text === article.text)
    if (!renamed) continue
    unmatched.delete(renamed.title)
    changes[i] = { kind: 'changed', title: article.title, text: article.text, previousTitle: renamed.title }
  }
  for (const old of unmatched.values()) changes.push({ kind: 'removed', title: old.title, text: old.text })
  return changes
}

/** The changes in one line, e.g. 新增 1 条，修改 2 条，删除 1 条 (or 与上一版相同). */
export function changesLine(changes: readonly ArticleChange[]): string {
  const count = (kind: ArticleChange['kind']) => changes.filter((c) => c.kind === kind).length
  const parts = [
    ['新增', count('added')],
    ['修改', count('changed')],
    ['删除', count('removed')],
  ]
    .filter(([, n]) => n !== 0)
    .map(([word, n]) => `${word} ${n} 条`)
  return parts.length ? parts.join('，') : '与上一版相同'
}
