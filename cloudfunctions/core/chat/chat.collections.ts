import { defineCollections, noPersonalData } from '../shared/collections'

/**
 * The WeChat client reads `messages` directly only to `watch()` one group:
 * `db.collection('messages').where({ groupId, version: _.gt(cursor) }).watch(…)`. The rule lets a
 * user read a group's messages while they hold an unexpired reader lease for it. Leases are
 * granted (15 minutes, renewed) by the chat function after it has checked membership live, so
 * the rule needs no membership query (CloudBase rules cannot run one). `doc.groupId` appears in
 * the `get()` path, so CloudBase requires every client query to name `groupId` with `==`.
 * Clients never write. See docs/REALTIME.md for what is and is not verified.
 */
export const MESSAGES_CLIENT_RULE = {
  read: 'get(`database.chat_readers.${doc.groupId}~${auth.openid}`).until > now',
  write: 'false',
}

export const chatCollections = defineCollections([
  {
    name: 'messages',
    description: '群聊消息（_id = groupId:senderId:clientId，重发不重复）；撤回或隐藏后不再保存原文',
    personalData: {
      links: [
        // Neighbours replied to what they wrote: it stays in the conversation, signed 已注销用户 (names are resolved when read).
        {
          field: 'senderId',
          export: { as: 'sent', fields: ['groupId', 'text', 'createdAt', 'recalledAt', 'hiddenAt'] },
          erase: { keep: '群里的发言留在对话里，署名显示为已注销用户' },
        },
        {
          field: 'recalledBy',
          export: { as: 'recalledByMe', fields: ['groupId', 'recalledAt'] },
          erase: { keep: '撤回记录；撤回人显示为已注销用户' },
        },
        {
          field: 'hiddenBy',
          export: { as: 'hiddenByMe', fields: ['groupId', 'hiddenAt'] },
          erase: { keep: '隐藏（处理举报）的记录；处理人显示为已注销用户' },
        },
        {
          field: 'mentions[]',
          notExported: '别人发的消息里@了此人',
          erase: { keep: '@ 的名字在读取时解析，注销后显示为已注销用户' },
        },
      ],
      idEmbeds: { field: 'senderId', keep: '消息编号含发送人编号；发言本身保留（见上）' },
      text: ['text'],
    },
    indexes: [
      {
        name: 'group_seq',
        fields: [
          ['groupId', 'asc'],
          ['seq', 'desc'],
        ],
      },
      {
        name: 'group_version',
        fields: [
          ['groupId', 'asc'],
          ['version', 'asc'],
        ],
      },
      {
        name: 'sender_created',
        fields: [
          ['senderId', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
      // The content check answers by its trace id.
      { name: 'review_trace', fields: [['reviewTrace', 'asc']] },
      // Retention and storage use read photos and voice messages by age.
      {
        name: 'kind_created',
        fields: [
          ['kind', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
    ],
    clientRule: MESSAGES_CLIENT_RULE,
  },
  {
    name: 'chat_state',
    description: '每个群的消息计数器与最后一条消息（_id = groupId），发送时在事务里更新',
    personalData: noPersonalData('每个群的计数器和最后一条消息的编号'),
    indexes: [],
  },
  {
    name: 'chat_reads',
    description: '每人每群的已读位置（_id = groupId:userId）',
    personalData: {
      links: [
        { field: 'userId', export: { as: 'readMarks', fields: ['groupId', 'upTo', 'at'] }, erase: { delete: true } },
      ],
      idEmbeds: { field: 'userId' },
    },
    indexes: [{ name: 'user', fields: [['userId', 'asc']] }],
  },
  {
    name: 'chat_mutes',
    description: '群内禁言（_id = groupId:userId），到期自动失效',
    personalData: {
      links: [
        { field: 'userId', export: { as: 'mutedMe', fields: ['groupId', 'until', 'at'] }, erase: { delete: true } },
        {
          field: 'by',
          export: { as: 'mutedByMe', fields: ['groupId', 'until', 'at'] },
          erase: { keep: '禁言到期自动失效；处理人显示为已注销用户' },
        },
      ],
      idEmbeds: { field: 'userId' },
    },
    indexes: [
      {
        name: 'group_until',
        fields: [
          ['groupId', 'asc'],
          ['until', 'asc'],
        ],
      },
      { name: 'user', fields: [['userId', 'asc']] },
    ],
  },
  {
    name: 'chat_reports',
    description: '举报待处理队列：每条被举报的消息一项（_id = messageId），保存被举报时的原文供管理员判断',
    personalData: {
      links: [
        {
          field: 'senderId',
          // Reports about what they wrote: theirs to see (not who reported). On erasure the queue item stays for the moderators, naming nobody.
          export: {
            as: 'aboutMyMessages',
            fields: [
              'groupId',
              'messageId',
              'excerpt',
              'reasons',
              'reporterCount',
              'status',
              'firstReportedAt',
              'resolvedAt',
            ],
          },
          erase: { blank: { senderId: '', excerpt: '' } },
        },
        {
          field: 'resolvedBy',
          export: { as: 'resolvedByMe', fields: ['groupId', 'messageId', 'status', 'resolvedAt'] },
          erase: { keep: '处理举报的记录；处理人显示为已注销用户' },
        },
      ],
      idEmbeds: { field: 'senderId', keep: '举报项的编号就是消息编号；消息本身保留，署名显示为已注销用户' },
      text: ['excerpt', 'reasons'],
    },
    indexes: [
      {
        name: 'group_status',
        fields: [
          ['groupId', 'asc'],
          ['status', 'asc'],
          ['firstReportedAt', 'asc'],
        ],
      },
      {
        name: 'status',
        fields: [
          ['status', 'asc'],
          ['firstReportedAt', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'chat_report_filings',
    description: '每人对每条消息的举报（_id = messageId~reporterId）',
    personalData: {
      links: [
        {
          field: 'reporterId',
          export: { as: 'filed', fields: ['messageId', 'groupId', 'reason', 'at'] },
          // The report stays, anonymous: its count must not drop when the reporter leaves, or the moderator could tell who it was.
          erase: { blank: { reporterId: '' } },
        },
      ],
      idEmbeds: { field: 'reporterId' },
      text: ['reason'],
    },
    indexes: [
      { name: 'message', fields: [['messageId', 'asc']] },
      { name: 'reporter', fields: [['reporterId', 'asc']] },
    ],
  },
  {
    name: 'chat_readers',
    description: '小程序端直接监听（watch）群消息的短期许可（_id = groupId~openid），由云函数核实成员身份后发放',
    personalData: {
      links: [{ field: 'userId', notExported: '实时监听的短期许可（15 分钟），不是个人资料', erase: { delete: true } }],
    },
    indexes: [{ name: 'user', fields: [['userId', 'asc']] }],
  },
])
