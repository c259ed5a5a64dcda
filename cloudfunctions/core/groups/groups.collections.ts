import { defineCollections } from '../shared/collections'

export const groupCollections = defineCollections([
  {
    name: 'groups',
    description: '群：每栋楼一个楼组群（kind=building），以及兴趣小组（kind=interest）',
    personalData: {
      links: [
        {
          field: 'createdBy',
          export: { as: 'created', fields: ['_id', 'kind', 'name', 'description', 'createdAt'] },
          erase: { keep: '小组属于全体组员；创建人注销后显示为已注销用户' },
        },
      ],
      text: ['name', 'description'],
    },
    indexes: [
      {
        name: 'kind_building',
        fields: [
          ['kind', 'asc'],
          ['buildingId', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'group_members',
    description: '兴趣小组成员（_id = groupId:userId）；楼组群的成员由楼组认证决定，不在此表',
    personalData: {
      links: [
        {
          field: 'userId',
          export: {
            as: 'mine',
            fields: ['groupId', 'role', 'joinedAt'],
            context: { via: 'groupId', from: 'groups', fields: ['name'], as: 'group' },
          },
          erase: { delete: true },
        },
      ],
      idEmbeds: { field: 'userId' },
    },
    indexes: [
      {
        name: 'group_joined',
        fields: [
          ['groupId', 'asc'],
          ['joinedAt', 'asc'],
        ],
      },
      { name: 'user', fields: [['userId', 'asc']] },
    ],
  },
])
