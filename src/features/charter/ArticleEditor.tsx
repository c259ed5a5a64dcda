import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { CHARTER_LIMITS, type CharterArticle } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import './charter.css'

/** Edit a list of articles (title + text): change, remove, add. Saving hands back the trimmed list. */
export function ArticleEditor({
  initial,
  busy,
  saveLabel,
  onSave,
}: {
  initial: readonly CharterArticle[]
  busy: boolean
  saveLabel: string
  onSave(articles: CharterArticle[]): void
}) {
  const [articles, setArticles] = useState<CharterArticle[]>(() => initial.map((a) => ({ ...a })))
  const change = (i: number, patch: Partial<CharterArticle>) =>
    setArticles(articles.map((a, j) => (j === i ? { ...a, ...patch } : a)))
  const complete = articles.length > 0 && articles.every((a) => a.title.trim() && a.text.trim())
  return (
    <View className="article-editor">
      {articles.map((article, i) => (
        <View key={i} className={`lz-card article-edit article-edit-${i}`}>
          <Text className="charter-label">第 {i + 1} 条 · 标题</Text>
          <Input
            className="lz-input article-title-input"
            value={article.title}
            maxlength={CHARTER_LIMITS.articleTitleMax}
            placeholder="例如：楼道不堆物"
            onInput={(e) => change(i, { title: e.detail.value })}
          />
          <Text className="charter-label">内容</Text>
          <Textarea
            className="lz-input article-text-input"
            value={article.text}
            maxlength={CHARTER_LIMITS.articleTextMax}
            autoHeight
            onInput={(e) => change(i, { text: e.detail.value })}
          />
          <Text
            className="lz-link lz-block remove-article"
            onClick={() => setArticles(articles.filter((_, j) => j !== i))}
          >
            删去这一条
          </Text>
        </View>
      ))}
      {articles.length < CHARTER_LIMITS.articlesMax ? (
        <ActionButton
          tone="plain"
          className="add-article"
          onClick={() => setArticles([...articles, { title: '', text: '' }])}
        >
          再加一条
        </ActionButton>
      ) : null}
      <ActionButton
        className="save-articles"
        loading={busy}
        disabled={!complete}
        onClick={() => onSave(articles.map((a) => ({ title: a.title.trim(), text: a.text.trim() })))}
      >
        {saveLabel}
      </ActionButton>
    </View>
  )
}
