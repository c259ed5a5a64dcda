import { defineCollections } from '../shared/collections'

export const announcementCollections = defineCollections([
  {
    name: 'announcements',
    description: '楼组公告（audienceKey = 楼组编号，或 * 表示全居民区）；撤回的公告保留，status=unpublished',
    indexes: [
      { name: 'feed', fields: [['audienceKey', 'asc'], ['status', 'asc'], ['pinned', 'asc'], ['_id', 'desc']] },
      { name: 'author', fields: [['authorId', 'asc'], ['_id', 'desc']] },
    ],
  },
  {
    name: 'announcement_reads',
    description: '谁看过哪条公告（_id = announcementId:userId），记下阅读时的户和楼，用于统计每户是否已读',
    indexes: [
      { name: 'announcement_building', fields: [['announcementId', 'asc'], ['buildingId', 'asc'], ['householdId', 'asc']] },
      { name: 'user', fields: [['userId', 'asc'], ['readAt', 'desc']] },
    ],
  },
])
