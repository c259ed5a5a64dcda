import { defineCollections } from '../shared/collections'

export const healthCollections = defineCollections([
  {
    name: 'health_questions',
    description: '健康答疑的提问（敏感个人信息：只有提问人和专栏作者能读，提问人只以化名出现在作者的待回复列表里）',
    personalData: {
      links: [
        {
          field: 'askerId',
          export: {
            as: 'asked',
            fields: [
              'question',
              'category',
              'allowPublish',
              'status',
              'emergencySigns',
              'createdAt',
              'withdrawnAt',
              'answer',
              'answeredAt',
              'publishedEntryId',
              'urgentRemindedAt',
            ],
          },
          // The published, anonymised copy (health_entries) holds nothing of the asker and stays.
          erase: { delete: true },
        },
        {
          field: 'answeredBy',
          // A columnist's answers: their own words and the category, not the asker's question or pseudonym.
          export: { as: 'answeredByMe', fields: ['category', 'answer', 'answeredAt', 'publishedEntryId'] },
          erase: { keep: '提问人仍能看到回复；回复人显示为已注销用户' },
        },
      ],
      text: ['question', 'answer', 'alias'],
    },
    indexes: [
      {
        name: 'asker_created',
        fields: [
          ['askerId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
      {
        name: 'status_created',
        fields: [
          ['status', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'health_aliases',
    description: '提问人在专栏作者处显示的化名（_id = userId），随机生成，每人一个且不重复',
    personalData: {
      links: [
        {
          field: '_id',
          export: { as: 'pseudonymShownToColumnists', fields: ['alias', 'createdAt'] },
          erase: { delete: true },
        },
      ],
    },
    indexes: [{ name: 'alias', fields: [['alias', 'asc']], unique: true }],
  },
  {
    name: 'health_tips',
    description: '健康小贴士（专栏作者发布）',
    personalData: {
      links: [
        {
          field: 'authorId',
          export: {
            as: 'written',
            fields: ['_id', 'title', 'body', 'tags', 'status', 'publishedAt', 'updatedAt', 'unpublishedAt'],
          },
          erase: { keep: '专栏内容留给邻居；作者显示为已注销用户' },
        },
        {
          field: 'updatedBy',
          export: { as: 'edited', fields: ['_id', 'title', 'updatedAt'] },
          erase: { keep: '同上：修改记录' },
        },
      ],
      text: ['title', 'body', 'tags'],
    },
    indexes: [
      {
        name: 'status_published',
        fields: [
          ['status', 'asc'],
          ['publishedAt', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'health_entries',
    description:
      '专栏公开内容：已发布的小贴士和匿名公开的问答（不含提问人任何信息），供列表和搜索；本地有 FTS5 trigram 索引',
    personalData: {
      links: [
        {
          field: 'authorId',
          export: { as: 'published', fields: ['_id', 'kind', 'title', 'body', 'category', 'publishedAt'] },
          erase: { keep: '公开的小贴士和匿名问答留给邻居；作者显示为已注销用户' },
        },
      ],
      text: ['title', 'body', 'tagText'],
    },
    indexes: [
      {
        name: 'kind_published',
        fields: [
          ['kind', 'asc'],
          ['publishedAt', 'desc'],
        ],
      },
      {
        name: 'kind_category_published',
        fields: [
          ['kind', 'asc'],
          ['category', 'asc'],
          ['publishedAt', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'health_followers',
    description: '关注健康专栏的人（_id = userId），新小贴士发布时通知',
    personalData: {
      links: [{ field: '_id', export: { as: 'following', fields: ['followedAt'] }, erase: { delete: true } }],
    },
    indexes: [],
  },
])
