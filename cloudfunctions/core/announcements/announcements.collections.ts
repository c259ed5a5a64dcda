import { defineCollections } from '../shared/collections'

export const announcementCollections = defineCollections([
  {
    name: 'announcements',
    description: '楼组公告（audienceKey = 楼组编号，或 * 表示全居民区）；撤回的公告保留，status=unpublished',
    personalData: {
      links: [
        {
          field: 'authorId',
          export: {
            as: 'published',
            fields: [
              '_id',
              'audienceKey',
              'title',
              'body',
              'pinned',
              'urgent',
              'expiresAt',
              'status',
              'publishedAt',
              'editedAt',
            ],
          },
          erase: { keep: '发给全楼的公告留给邻居；署名显示为已注销用户' },
        },
        {
          field: 'editedBy',
          export: { as: 'edited', fields: ['_id', 'title', 'editedAt'] },
          erase: { keep: '同上：公告的修改记录' },
        },
        {
          field: 'unpublishedBy',
          export: { as: 'unpublished', fields: ['_id', 'title', 'unpublishedAt'] },
          erase: { keep: '同上：公告的撤回记录' },
        },
      ],
      text: ['title', 'body'],
    },
    indexes: [
      {
        name: 'feed',
        fields: [
          ['audienceKey', 'asc'],
          ['status', 'asc'],
          ['pinned', 'asc'],
          ['_id', 'desc'],
        ],
      },
      {
        name: 'author',
        fields: [
          ['authorId', 'asc'],
          ['_id', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'announcement_reads',
    description: '谁看过哪条公告（_id = announcementId:userId），记下阅读时的户和楼，用于统计每户是否已读',
    personalData: {
      links: [
        {
          field: 'userId',
          export: {
            as: 'read',
            fields: ['announcementId', 'readAt', 'householdId'],
            context: { via: 'announcementId', from: 'announcements', fields: ['title'], as: 'announcement' },
          },
          erase: { delete: true },
        },
      ],
      idEmbeds: { field: 'userId' },
    },
    indexes: [
      {
        name: 'announcement_building',
        fields: [
          ['announcementId', 'asc'],
          ['buildingId', 'asc'],
          ['householdId', 'asc'],
        ],
      },
      {
        name: 'user',
        fields: [
          ['userId', 'asc'],
          ['readAt', 'desc'],
        ],
      },
    ],
  },
])
