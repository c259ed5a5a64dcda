import { defineCollections } from '../shared/collections'

export const councilCollections = defineCollections([
  {
    name: 'council_matters',
    description: '议题：居民为本楼提出的事项（标题、内容、状态、最近一次表决）',
    personalData: {
      links: [
        {
          field: 'authorId',
          export: { as: 'mattersRaised', fields: ['_id', 'buildingId', 'title', 'text', 'raisedAt', 'status'] },
          erase: { keep: '议题属于全楼，表决记录要引用它；提出人显示为已注销用户' },
        },
        {
          field: 'mergedBy',
          export: { as: 'mattersMerged', fields: ['_id', 'buildingId', 'title', 'mergedInto', 'mergedAt'] },
          erase: { keep: '合并是议题的记录；合并的楼组长显示为已注销用户' },
        },
      ],
      text: ['title', 'text'],
    },
    indexes: [
      {
        name: 'building_raised',
        fields: [
          ['buildingId', 'asc'],
          ['raisedAt', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'council_votes',
    description: '表决：选项、记名或不记名、截止时间、法定户数比例、通过门槛；结束时从选票重新计票写入结果',
    personalData: {
      links: [
        {
          field: 'openedBy',
          export: {
            as: 'votesOpened',
            fields: ['_id', 'matterId', 'options', 'secret', 'openedAt', 'closesAt', 'status', 'result'],
          },
          erase: { keep: '表决结果属于全楼；发起的楼组长显示为已注销用户' },
        },
      ],
    },
    indexes: [
      {
        name: 'status_closes',
        fields: [
          ['status', 'asc'],
          ['closesAt', 'asc'],
        ],
      },
      {
        name: 'building_status',
        fields: [
          ['buildingId', 'asc'],
          ['status', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'council_ballots',
    description: '选票：每户每次表决一张（_id = voteId:householdId），最后一次有效；不记名表决的选票不含选择',
    personalData: {
      links: [
        {
          field: 'castBy',
          export: { as: 'ballotsCast', fields: ['voteId', 'room', 'choiceLabel', 'castAt', 'via'] },
          erase: { keep: '这一户的选票仍然有效；投票人显示为已注销用户' },
        },
        {
          field: 'recordedBy',
          export: { as: 'paperBallotsRecorded', fields: ['voteId', 'room', 'choiceLabel', 'castAt'] },
          erase: { keep: '代投记录是审计所需；登记人显示为已注销用户' },
        },
      ],
    },
    indexes: [
      {
        name: 'vote_household',
        fields: [
          ['voteId', 'asc'],
          ['householdId', 'asc'],
        ],
        unique: true,
      },
    ],
  },
  {
    name: 'council_secret_choices',
    description: '不记名表决的选择：随机编号，只有表决编号和选项，不含户、人或时间',
    personalData: { links: [], none: '只有表决编号和所选项，无法对应到任何一户或一个人' },
    indexes: [{ name: 'vote', fields: [['voteId', 'asc']] }],
  },
  {
    name: 'council_supports',
    description: '附议（+1）：每户对每个议题一条（_id = matterId:householdId），议题上的 supportCount 同一事务里加一',
    personalData: {
      links: [
        {
          field: 'supportedBy',
          export: { as: 'mattersSupported', fields: ['matterId', 'supportedAt'] },
          erase: { keep: '附议算这一户的；附议人显示为已注销用户' },
        },
      ],
    },
    indexes: [
      {
        name: 'household_matter',
        fields: [
          ['householdId', 'asc'],
          ['matterId', 'asc'],
        ],
      },
      // Merging reads every +1 of the duplicate.
      { name: 'matter', fields: [['matterId', 'asc']] },
    ],
  },
])
