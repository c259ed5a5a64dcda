import { Text, View } from '@tarojs/components'
import { AUTHOR_ROLE_NAMES, type AnnouncementSummary } from '../../../contracts'
import { excerptOf } from '../../utils/text'
import { fromNow } from '../../utils/time'
import { openPage, ROUTES } from '../account/navigation'
import './announcements.css'

/** Who said it and when: 金上海家园 5号楼 · 张阿姨（楼组长）· 2 小时前 */
export function byline(
  item: Pick<AnnouncementSummary, 'audienceName' | 'authorName' | 'authorRole' | 'publishedAt'>,
): string {
  return `${item.audienceName} · ${item.authorName}（${AUTHOR_ROLE_NAMES[item.authorRole]}）· ${fromNow(item.publishedAt)}`
}

/** The start of the body in a list: a few words ending in …, never a line cut in half (large text too). */
const LIST_EXCERPT_CHARS = 36

/** One notice in a list; tapping opens it. Unread ones are bold and say 未读; urgent unread ones are red. */
export function AnnouncementItem({ item }: { item: AnnouncementSummary }) {
  const urgentUnread = item.urgent && !item.read
  return (
    <View
      className={`announcement-item ${item.read ? 'read' : 'unread'} ${urgentUnread ? 'urgent' : ''}`}
      data-id={item.announcementId}
      onClick={() => openPage(`${ROUTES.announcement}?id=${item.announcementId}`)}
    >
      <View className="announcement-head">
        <Text className="announcement-title">
          {item.urgent ? <Text className="announcement-urgent-mark">【紧急】</Text> : null}
          {item.title}
        </Text>
        {!item.read ? <Text className="lz-tag bad announcement-unread">未读</Text> : null}
      </View>
      {item.pinned || item.expired ? (
        <View className="announcement-tags">
          {item.pinned ? <Text className="lz-tag warn">置顶</Text> : null}
          {item.expired ? <Text className="lz-tag">已过期</Text> : null}
        </View>
      ) : null}
      <Text className="lz-text lz-block announcement-excerpt">{excerptOf(item.excerpt, LIST_EXCERPT_CHARS)}</Text>
      <Text className="lz-muted lz-block">{byline(item)}</Text>
    </View>
  )
}
