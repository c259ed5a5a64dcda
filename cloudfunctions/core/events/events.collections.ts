import { defineCollections } from '../shared/collections'

export const eventCollections = defineCollections([
  {
    name: 'events',
    description:
      '活动场次：每次活动一条（重复活动每次一条，seriesId 相同）；名额与候补计数在文档里，候补队列在 event_waitlists',
    personalData: {
      links: [
        {
          field: 'organiserId',
          export: {
            as: 'organised',
            fields: ['_id', 'title', 'description', 'place', 'startAt', 'endAt', 'status', 'capacity'],
          },
          erase: { keep: '活动留给报名的邻居；发起人显示为已注销用户' },
        },
        {
          field: 'cancelledBy',
          export: { as: 'cancelledByMe', fields: ['_id', 'title', 'cancelledAt', 'cancelReason'] },
          erase: { keep: '取消活动的记录；取消人显示为已注销用户' },
        },
      ],
      text: ['title', 'description', 'place', 'cancelReason'],
    },
    indexes: [
      {
        name: 'audience_end',
        fields: [
          ['audienceKey', 'asc'],
          ['endAt', 'asc'],
        ],
      },
      {
        name: 'kind_end',
        fields: [
          ['audienceKind', 'asc'],
          ['endAt', 'asc'],
        ],
      },
      { name: 'end', fields: [['endAt', 'asc']] },
      {
        name: 'status_start',
        fields: [
          ['status', 'asc'],
          ['startAt', 'asc'],
        ],
      },
      {
        name: 'series',
        fields: [
          ['seriesId', 'asc'],
          ['sessionIndex', 'asc'],
        ],
      },
      {
        name: 'organiser_end',
        fields: [
          ['organiserId', 'asc'],
          ['endAt', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'event_waitlists',
    description: '各场活动的候补队列（_id = eventId），按报名先后排列；只在报名事务中读写',
    personalData: {
      links: [
        {
          field: 'parties[].userId',
          notExported: '候补位置已在自己的报名记录里',
          erase: { ending: '注销的结束处理会撤回报名，候补队列随之移除此人' },
        },
      ],
    },
    indexes: [],
  },
  {
    name: 'event_rsvps',
    description: '活动报名（_id = eventId:userId，每人每场只有一条）',
    personalData: {
      links: [
        {
          field: 'userId',
          export: {
            as: 'mine',
            fields: [
              'eventId',
              'state',
              'partySize',
              'answers',
              'respondedAt',
              'confirmedAt',
              'cancelledAt',
              'attendedAt',
              'attendedVia',
            ],
            context: {
              via: 'eventId',
              from: 'events',
              fields: ['title', 'startAt', 'place', 'questions'],
              as: 'event',
            },
          },
          // Live RSVPs were withdrawn by the ending first, so the seats went to the waitlist.
          erase: { delete: true },
        },
      ],
      idEmbeds: { field: 'userId' },
      text: ['answers'],
    },
    indexes: [
      // The _id already makes (event, user) unique; the index says so to the database as well.
      {
        name: 'event_user',
        fields: [
          ['eventId', 'asc'],
          ['userId', 'asc'],
        ],
        unique: true,
      },
      {
        name: 'event_state_seq',
        fields: [
          ['eventId', 'asc'],
          ['state', 'asc'],
          ['seq', 'asc'],
        ],
      },
      {
        name: 'user_state',
        fields: [
          ['userId', 'asc'],
          ['state', 'asc'],
          ['respondedAt', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'event_reminders',
    description: '已发出的活动提醒（_id = eventId:userId:24h|2h:startAt），保证每条提醒只发一次',
    personalData: {
      links: [
        {
          field: 'userId',
          export: { as: 'remindersSent', fields: ['eventId', 'kind', 'sentAt'] },
          erase: { delete: true },
        },
      ],
      idEmbeds: { field: 'userId' },
    },
    indexes: [
      { name: 'event', fields: [['eventId', 'asc']] },
      { name: 'user', fields: [['userId', 'asc']] },
    ],
  },
])
