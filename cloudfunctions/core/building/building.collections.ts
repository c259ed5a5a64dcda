import { defineCollections } from '../shared/collections'

export const buildingCollections = defineCollections([
  {
    name: 'building_tags',
    description: '楼组特色清单：居委会维护（学习楼组、健康楼组……），楼组长从中选择',
    personalData: {
      links: [
        {
          field: 'createdBy',
          export: { as: 'buildingTagsCreated', fields: ['_id', 'name', 'createdAt'] },
          erase: { keep: '特色清单属于居委会；添加人显示为已注销用户' },
        },
      ],
      text: ['name'],
    },
    indexes: [{ name: 'created', fields: [['createdAt', 'asc']] }],
  },
  {
    name: 'building_profiles',
    description: '楼组主页的设置（_id = 楼号）：楼组长选的特色',
    personalData: {
      links: [
        {
          field: 'updatedBy',
          export: { as: 'buildingProfilesEdited', fields: ['buildingId', 'tagIds', 'updatedAt'] },
          erase: { keep: '主页设置属于全楼；修改的楼组长显示为已注销用户' },
        },
      ],
    },
    indexes: [{ name: 'tags', fields: [['tagIds', 'asc']] }],
  },
])
