import { defineCollections } from '../shared/collections'

export const accountCollections = defineCollections([
  { name: 'estates', description: '小区（居民区下的各个小区）', indexes: [{ name: 'order', fields: [['order', 'asc']] }] },
  {
    name: 'buildings',
    description: '楼组：每栋楼一个',
    indexes: [{ name: 'estate_order', fields: [['estateId', 'asc'], ['order', 'asc']] }],
  },
  {
    name: 'join_codes',
    description: '各楼大堂海报上的入楼码（_id = buildingId），只有楼组长和居委会能读',
    indexes: [],
  },
  {
    name: 'households',
    description: '户：楼组里的每个房号',
    indexes: [{ name: 'building_room', fields: [['buildingId', 'asc'], ['room', 'asc']], unique: true }],
  },
  {
    name: 'users',
    description: '用户：微信 openid 对应一个账号',
    indexes: [{ name: 'openid', fields: [['openid', 'asc']], unique: true }],
  },
  {
    name: 'role_grants',
    description: '角色授予（与 users.roles 同步），用于按角色查人：某楼的楼组长、所有专栏作者',
    indexes: [{ name: 'role_building', fields: [['role', 'asc'], ['buildingId', 'asc']] }],
  },
  {
    name: 'memberships',
    description: '入楼申请与认证记录',
    indexes: [
      { name: 'building_status', fields: [['buildingId', 'asc'], ['status', 'asc'], ['createdAt', 'asc']] },
      { name: 'user', fields: [['userId', 'asc'], ['createdAt', 'desc']] },
      // Everyone verified, paged by _id: the audience of a neighbourhood-wide notice in a few queries.
      { name: 'status_id', fields: [['status', 'asc'], ['_id', 'asc']] },
    ],
  },
])
