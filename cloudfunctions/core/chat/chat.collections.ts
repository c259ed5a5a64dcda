import { defineCollections } from '../shared/collections'

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
    indexes: [
      { name: 'group_seq', fields: [['groupId', 'asc'], ['seq', 'desc']] },
      { name: 'group_version', fields: [['groupId', 'asc'], ['version', 'asc']] },
      { name: 'sender_created', fields: [['senderId', 'asc'], ['createdAt', 'asc']] },
    ],
    clientRule: MESSAGES_CLIENT_RULE,
  },
  {
    name: 'chat_state',
    description: '每个群的消息计数器与最后一条消息（_id = groupId），发送时在事务里更新',
    indexes: [],
  },
  {
    name: 'chat_reads',
    description: '每人每群的已读位置（_id = groupId:userId）',
    indexes: [{ name: 'user', fields: [['userId', 'asc']] }],
  },
  {
    name: 'chat_mutes',
    description: '群内禁言（_id = groupId:userId），到期自动失效',
    indexes: [
      { name: 'group_until', fields: [['groupId', 'asc'], ['until', 'asc']] },
      { name: 'user', fields: [['userId', 'asc']] },
    ],
  },
  {
    name: 'chat_reports',
    description: '举报待处理队列：每条被举报的消息一项（_id = messageId），保存被举报时的原文供管理员判断',
    indexes: [
      { name: 'group_status', fields: [['groupId', 'asc'], ['status', 'asc'], ['firstReportedAt', 'asc']] },
      { name: 'status', fields: [['status', 'asc'], ['firstReportedAt', 'asc']] },
    ],
  },
  {
    name: 'chat_report_filings',
    description: '每人对每条消息的举报（_id = messageId~reporterId）',
    indexes: [
      { name: 'message', fields: [['messageId', 'asc']] },
      { name: 'reporter', fields: [['reporterId', 'asc']] },
    ],
  },
  {
    name: 'chat_readers',
    description: '小程序端直接监听（watch）群消息的短期许可（_id = groupId~openid），由云函数核实成员身份后发放',
    indexes: [{ name: 'user', fields: [['userId', 'asc']] }],
  },
])
