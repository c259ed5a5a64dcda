import { defineCollections } from '../shared/collections'

export const notificationCollections = defineCollections([
  {
    name: 'notifications',
    description: '站内通知（通知中心）',
    personalData: {
      links: [
        {
          field: 'recipientId',
          export: { as: 'received', fields: ['kind', 'title', 'body', 'link', 'urgent', 'createdAt', 'readAt'] },
          erase: { delete: true },
        },
      ],
    },
    indexes: [
      {
        name: 'recipient_id',
        fields: [
          ['recipientId', 'asc'],
          ['_id', 'desc'],
        ],
      },
      {
        name: 'recipient_unread',
        fields: [
          ['recipientId', 'asc'],
          ['readAt', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'subscription_grants',
    description: '微信订阅消息授权次数（_id = userId:templateKey），每次发送消耗一次',
    personalData: {
      links: [
        {
          field: 'userId',
          export: { as: 'wechatSubscriptions', fields: ['templateKey', 'remaining', 'updatedAt'] },
          erase: { delete: true },
        },
      ],
      idEmbeds: { field: 'userId' },
    },
    indexes: [
      {
        name: 'template_user',
        fields: [
          ['templateKey', 'asc'],
          ['userId', 'asc'],
        ],
      },
      { name: 'user', fields: [['userId', 'asc']] },
    ],
  },
  {
    name: 'outbox',
    description: '待发送和已发送的微信订阅消息（_id = 站内通知编号），由定时函数分批发送，每条最多发一次',
    personalData: {
      links: [
        {
          field: 'recipientId',
          export: {
            as: 'wechatMessages',
            fields: ['templateKey', 'page', 'data', 'status', 'reason', 'createdAt', 'sentAt'],
          },
          erase: { delete: true },
        },
      ],
    },
    indexes: [
      {
        name: 'status_created',
        fields: [
          ['status', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
      {
        name: 'about_status',
        fields: [
          ['about', 'asc'],
          ['status', 'asc'],
        ],
      },
      {
        name: 'recipient',
        fields: [
          ['recipientId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
    ],
  },
])
