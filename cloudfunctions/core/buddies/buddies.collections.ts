import { defineCollections } from '../shared/collections'

export const buddyCollections = defineCollections([
  {
    name: 'buddies',
    description: '网络小伙伴档案（_id = userId）：年龄段、兴趣、技能、工作单位、空闲时间，以及同意说明的时间',
    personalData: {
      links: [
        {
          field: '_id',
          export: {
            as: 'profile',
            fields: [
              'nickname',
              'ageBand',
              'interests',
              'tags',
              'skills',
              'workplace',
              'availability',
              'consentVersion',
              'consentAt',
              'createdAt',
              'updatedAt',
            ],
          },
          erase: { delete: true },
        },
        { field: 'userId', notExported: '与档案编号相同（见上）', erase: { delete: true } },
      ],
      text: ['nickname', 'tags', 'workplace'],
    },
    indexes: [{ name: 'created', fields: [['createdAt', 'asc']] }],
  },
  {
    name: 'group_proposals',
    description: '小伙伴提议成立的兴趣小组，等待居委会审核',
    personalData: {
      links: [
        {
          field: 'proposerId',
          export: {
            as: 'mine',
            fields: ['name', 'description', 'interests', 'status', 'reason', 'groupId', 'createdAt', 'reviewedAt'],
          },
          erase: { delete: true },
        },
        {
          field: 'reviewedBy',
          export: { as: 'reviewedByMe', fields: ['name', 'status', 'reason', 'reviewedAt'] },
          erase: { keep: '居委会的审核记录；审核人注销后显示为已注销用户' },
        },
      ],
      text: ['name', 'description', 'reason'],
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
        name: 'proposer',
        fields: [
          ['proposerId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'help_requests',
    description: '求助（教老人用手机、陪同就医……）：同一小区有这项技能的小伙伴可见；接受帮忙后才向帮忙人显示房号',
    personalData: {
      links: [
        {
          field: 'requesterId',
          export: {
            as: 'asked',
            fields: [
              '_id',
              'skill',
              'when',
              'note',
              'onBehalf',
              'buildingId',
              'room',
              'status',
              'minutes',
              'createdAt',
              'completedAt',
              'cancelledAt',
            ],
          },
          // Still-active help was cancelled by the ending (the helper is told); the record stays for the helper's hours, without address or note.
          erase: {
            blank: { room: null, householdId: null, note: '' },
            only: { onBehalf: false },
            othersKept: '楼组长代邻居提的求助属于那户人家：楼里其他楼组长和居委会接着办，提出人显示为已注销用户',
          },
        },
        {
          field: 'helperId',
          // Help given: what and when, never the other household's room or note.
          export: {
            as: 'helped',
            fields: ['_id', 'skill', 'when', 'status', 'minutes', 'offeredAt', 'acceptedAt', 'completedAt'],
          },
          erase: {
            keep: '帮过的忙留作求助人的记录（志愿时长的依据）；帮忙人显示为已注销用户。进行中的已由结束处理重新开放',
          },
        },
        {
          field: 'declinedHelperIds[]',
          notExported: '别人的求助里"不再推荐给谁"的名单',
          erase: { keep: '只用来不再把这条求助推荐给此人；注销后无人可推荐' },
        },
        {
          field: 'confirmedBy',
          export: { as: 'confirmedByMe', fields: ['_id', 'skill', 'minutes', 'completedAt'] },
          erase: { keep: '完成确认的记录；确认人显示为已注销用户' },
        },
        {
          field: 'cancelledBy',
          export: { as: 'cancelledByMe', fields: ['_id', 'skill', 'cancelledAt'] },
          erase: { keep: '取消的记录；取消人显示为已注销用户' },
        },
      ],
      text: ['when', 'note'],
    },
    indexes: [
      {
        name: 'estate_status_skill',
        fields: [
          ['estateId', 'asc'],
          ['status', 'asc'],
          ['skill', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
      {
        name: 'requester',
        fields: [
          ['requesterId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
      {
        name: 'helper',
        fields: [
          ['helperId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
      {
        name: 'building',
        fields: [
          ['buildingId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'volunteer_hours',
    description: '志愿时长记录（_id = help:<求助编号>）：求助人或楼组长确认完成后才记入',
    personalData: {
      links: [
        {
          field: 'userId',
          export: { as: 'mine', fields: ['requestId', 'skill', 'minutes', 'confirmedAt'] },
          erase: { keep: '居民区志愿时长合计的依据；不含姓名，帮忙人显示为已注销用户' },
        },
        {
          field: 'confirmedBy',
          export: { as: 'confirmedByMe', fields: ['requestId', 'minutes', 'confirmedAt'] },
          erase: { keep: '同上：确认人的记录' },
        },
      ],
    },
    indexes: [
      {
        name: 'user_confirmed',
        fields: [
          ['userId', 'asc'],
          ['confirmedAt', 'desc'],
        ],
      },
    ],
  },
])
