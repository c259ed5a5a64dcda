import { Text, View } from '@tarojs/components'
import type { ArticleChange, CharterArticle } from '../../../contracts'
import { CHANGE_NAMES } from './format'
import './charter.css'

/** A charter's articles, numbered, in large readable type. */
export function ArticleList({ articles }: { articles: readonly CharterArticle[] }) {
  return (
    <View className="charter-articles">
      {articles.map((article, i) => (
        <View key={article.title} className="charter-article">
          <Text className="charter-article-title lz-block">
            第 {i + 1} 条 {article.title}
          </Text>
          <Text className="charter-article-text lz-block">{article.text}</Text>
        </View>
      ))}
    </View>
  )
}

/** The changes against the version before, article by article: what is new, what changed (with the old words), what went. */
export function ArticleChanges({ changes }: { changes: readonly ArticleChange[] }) {
  return (
    <View className="charter-articles">
      {changes.map((change) => (
        <View key={`${change.kind}-${change.title}`} className={`charter-article change-${change.kind}`}>
          <View className="lz-row">
            <Text className="charter-article-title">{change.title}</Text>
            <Text className={`lz-tag charter-change-tag ${change.kind === 'same' ? '' : 'warn'}`}>
              {CHANGE_NAMES[change.kind]}
            </Text>
          </View>
          {change.previousTitle ? <Text className="lz-muted lz-block">原标题：{change.previousTitle}</Text> : null}
          <Text className="charter-article-text lz-block">{change.text}</Text>
          {change.previousText ? (
            <Text className="charter-previous lz-block">原来写的是：{change.previousText}</Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}
