import { defineCollections } from '../shared/collections'

export const buddyCollections = defineCollections([
  {
    name: 'buddies',
    description: '网络小伙伴档案（_id = userId）：年龄段、兴趣、技能、工作单位、空闲时间，以及同意说明的时间',
    indexes: [{ name: 'created', fields: [['createdAt', 'asc']] }],
  },
  {
    name: 'group_proposals',
    description: '小伙伴提议成立的兴趣小组，等待居委会审核',
    indexes: [
      { name: 'status_created', fields: [['status', 'asc'], ['createdAt', 'asc']] },
      { name: 'proposer', fields: [['proposerId', 'asc'], ['createdAt', 'desc']] },
    ],
  },
  {
    name: 'help_requests',
    description: '求助（教老人用手机、陪同就医……）：同一小区有这项技能的小伙伴可见；接受帮忙后才向帮忙人显示房号',
    indexes: [
      { name: 'estate_status_skill', fields: [['estateId', 'asc'], ['status', 'asc'], ['skill', 'asc'], ['createdAt', 'asc']] },
      { name: 'requester', fields: [['requesterId', 'asc'], ['createdAt', 'desc']] },
      { name: 'helper', fields: [['helperId', 'asc'], ['createdAt', 'desc']] },
      { name: 'building', fields: [['buildingId', 'asc'], ['createdAt', 'desc']] },
    ],
  },
  {
    name: 'volunteer_hours',
    description: '志愿时长记录（_id = help:<求助编号>）：求助人或楼组长确认完成后才记入',
    indexes: [{ name: 'user_confirmed', fields: [['userId', 'asc'], ['confirmedAt', 'desc']] }],
  },
])
