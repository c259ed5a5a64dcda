import { DELETED_USER_NAME } from './account.docs'
import { defineCollections, noPersonalData } from '../shared/collections'

export const accountCollections = defineCollections([
  {
    name: 'estates',
    description: '小区（居民区下的各个小区）',
    indexes: [{ name: 'order', fields: [['order', 'asc']] }],
    personalData: noPersonalData('小区名称与顺序'),
  },
  {
    name: 'buildings',
    description: '楼组：每栋楼一个',
    // leaderNote: the name the committee wrote in its sheet beside a building (its own note, shown to no resident);
    // it names no account, so there is nothing to export or erase for a user. The committee edits it by re-importing the sheet.
    personalData: noPersonalData('楼组名称与户数；居委会名单里的楼组长姓名备注不关联任何账号'),
    indexes: [
      {
        name: 'estate_order',
        fields: [
          ['estateId', 'asc'],
          ['order', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'join_codes',
    description: '各楼大堂海报上的入楼码（_id = buildingId），只有楼组长和居委会能读',
    personalData: noPersonalData('各楼当前的入楼码'),
    indexes: [],
  },
  {
    name: 'households',
    description: '户：楼组里的每个房号',
    personalData: noPersonalData('楼里的房号，不记住户是谁'),
    indexes: [
      {
        name: 'building_room',
        fields: [
          ['buildingId', 'asc'],
          ['room', 'asc'],
        ],
        unique: true,
      },
    ],
  },
  {
    name: 'users',
    description: '用户：微信 openid 对应一个账号',
    personalData: {
      links: [
        {
          field: '_id',
          export: {
            as: 'profile',
            fields: [
              '_id',
              'nickname',
              'avatarUrl',
              'largeText',
              'roles',
              'privacyAcceptedVersion',
              'privacyAcceptedAt',
              'createdAt',
            ],
          },
          // The account stays as a tombstone so shared content reads 已注销用户; nothing personal remains, and the openid is released.
          erase: {
            blank: {
              openid: ({ userId }) => `deleted:${userId}`,
              nickname: DELETED_USER_NAME,
              largeText: false,
              roles: [],
              membership: null,
              privacyAcceptedVersion: null,
              deletedAt: ({ now }) => now,
              avatarUrl: undefined,
              privacyAcceptedAt: undefined,
            },
          },
        },
      ],
      text: ['nickname'],
    },
    indexes: [{ name: 'openid', fields: [['openid', 'asc']], unique: true }],
  },
  {
    name: 'role_grants',
    description: '角色授予（与 users.roles 同步），用于按角色查人：某楼的楼组长、所有专栏作者',
    personalData: {
      links: [
        {
          field: 'userId',
          export: { as: 'held', fields: ['role', 'buildingId', 'grantedAt'] },
          erase: { delete: true },
        },
        {
          field: 'grantedBy',
          export: { as: 'granted', fields: ['role', 'buildingId', 'grantedAt'] },
          erase: { keep: '谁在何时被授予角色是居委会的记录；授予人注销后显示为已注销用户' },
        },
      ],
      idEmbeds: { field: 'userId' },
    },
    indexes: [
      {
        name: 'role_building',
        fields: [
          ['role', 'asc'],
          ['buildingId', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'memberships',
    description: '入楼申请与认证记录',
    personalData: {
      links: [
        {
          field: 'userId',
          export: {
            as: 'mine',
            fields: ['buildingId', 'room', 'status', 'verifiedBy', 'createdAt', 'reviewedAt', 'reason', 'endedAt'],
          },
          erase: { delete: true },
        },
        {
          field: 'reviewedBy',
          // A leader's decisions: which building, what, when and the reason they wrote; not the applicant's room.
          export: { as: 'reviewedByMe', fields: ['buildingId', 'status', 'reviewedAt', 'endedAt', 'reason'] },
          erase: { keep: '楼组的入楼审核记录；审核人注销后显示为已注销用户' },
        },
      ],
      text: ['reason'],
    },
    indexes: [
      {
        name: 'building_status',
        fields: [
          ['buildingId', 'asc'],
          ['status', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
      // The review queue pages by _id within a building and status.
      {
        name: 'building_status_id',
        fields: [
          ['buildingId', 'asc'],
          ['status', 'asc'],
          ['_id', 'asc'],
        ],
      },
      // Pending applications per room (at most APPLICATION_LIMITS.pendingPerRoom).
      {
        name: 'household_status',
        fields: [
          ['householdId', 'asc'],
          ['status', 'asc'],
        ],
      },
      {
        name: 'user',
        fields: [
          ['userId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
      // Everyone verified, paged by _id: the audience of a neighbourhood-wide notice in a few queries.
      {
        name: 'status_id',
        fields: [
          ['status', 'asc'],
          ['_id', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'endings',
    description:
      '成员身份或角色结束的待处理记录：与结束在同一事务中写入，各功能收回相关权限后删除；进程中断留下的由定时任务补做',
    indexes: [{ name: 'at', fields: [['at', 'asc']] }],
    personalData: {
      links: [{ field: 'userId', notExported: '处理中的内部记录，几秒内处理完即删除', erase: { delete: true } }],
    },
  },
  {
    name: 'committee_claims',
    description: '居委会认领码（_id = committee）：只存哈希，24 小时有效，用一次，输错 10 次作废',
    indexes: [],
    personalData: {
      links: [
        {
          field: 'usedBy',
          export: { as: 'committeeClaim', fields: ['createdAt', 'usedAt'] },
          erase: { keep: '谁认领了居委会是居委会的记录；认领人注销后显示为已注销用户' },
        },
      ],
    },
  },
  {
    name: 'audit_log',
    description: '居委会操作记录：认领、脚本指定管理员、授予与撤销角色、生成登录码；只有居委会能读',
    indexes: [{ name: 'at', fields: [['at', 'desc']] }],
    personalData: {
      links: [
        {
          field: 'actorId',
          export: { as: 'byMe', fields: ['at', 'action', 'detail'] },
          erase: { keep: '居委会的权限变更记录；操作人注销后显示为已注销用户' },
        },
        {
          field: 'subjectId',
          export: { as: 'aboutMe', fields: ['at', 'action', 'detail'] },
          erase: { keep: '居委会的权限变更记录；当事人注销后显示为已注销用户' },
        },
      ],
      text: ['detail'],
    },
  },
  {
    name: 'signin_codes',
    description: '本地部署的一次性登录码（_id = 登录码的哈希）：3 天有效，用一次即删除',
    indexes: [],
    personalData: {
      links: [
        { field: 'userId', notExported: '一次性的登录凭据，用后即删，不是关于您的信息', erase: { delete: true } },
        {
          field: 'createdBy',
          notExported: '为别人生成的登录码属于对方',
          erase: { keep: '登录码几天内过期；生成人注销后显示为已注销用户' },
        },
      ],
    },
  },
  {
    name: 'signin_failures',
    description: '每小时输错登录码的次数（_id = 小时），超过上限则暂停用登录码登录到下一小时',
    indexes: [],
    personalData: noPersonalData('只有次数，不记是谁输的'),
  },
])
