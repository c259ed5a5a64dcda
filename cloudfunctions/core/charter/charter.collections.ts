import { defineCollections } from '../shared/collections'

export const charterCollections = defineCollections([
  {
    name: 'charter_versions',
    description: '自治公约的版本：条目、状态（草案/表决中/已通过）、生效时间、通过它的表决；已通过的版本不再修改',
    personalData: {
      links: [
        {
          field: 'draftedBy',
          export: { as: 'charterDraftsWritten', fields: ['_id', 'buildingId', 'number', 'status', 'draftedAt'] },
          erase: { keep: '公约属于全楼；起草的楼组长显示为已注销用户' },
        },
      ],
      text: ['articles'],
    },
    indexes: [
      {
        name: 'building_number',
        fields: [
          ['buildingId', 'asc'],
          ['number', 'desc'],
        ],
      },
    ],
  },
  {
    name: 'charter_templates',
    description: '公约范本：居委会编写，各楼可以从它起草',
    personalData: {
      links: [
        {
          field: 'createdBy',
          export: { as: 'charterTemplatesCreated', fields: ['_id', 'title', 'updatedAt'] },
          erase: { keep: '范本属于居委会；编写人显示为已注销用户' },
        },
        {
          field: 'updatedBy',
          export: { as: 'charterTemplatesEdited', fields: ['_id', 'title', 'updatedAt'] },
          erase: { keep: '范本属于居委会；修改人显示为已注销用户' },
        },
      ],
      text: ['title', 'articles'],
    },
    indexes: [{ name: 'updated', fields: [['updatedAt', 'desc']] }],
  },
  {
    name: 'charter_signatures',
    description: '签约：每户每个版本一份（_id = versionId:householdId），谁签的、什么时候',
    personalData: {
      links: [
        {
          field: 'signedBy',
          export: { as: 'charterSignatures', fields: ['versionId', 'room', 'signedAt'] },
          erase: { keep: '这一户的签约仍然有效；签约人显示为已注销用户' },
        },
      ],
    },
    indexes: [
      {
        name: 'version_household',
        fields: [
          ['versionId', 'asc'],
          ['householdId', 'asc'],
        ],
        unique: true,
      },
    ],
  },
])
