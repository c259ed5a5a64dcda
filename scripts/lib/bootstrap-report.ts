import type { BootstrapPlan } from '../../cloudfunctions/core/account/bootstrap/bootstrap'

const MAX_LISTED = 20

function listed(items: readonly string[]): string[] {
  const shown = items.slice(0, MAX_LISTED).map((item) => `    ${item}`)
  return items.length > MAX_LISTED ? [...shown, `    …另外 ${items.length - MAX_LISTED} 项`] : shown
}

/** The plan as the committee reads it: the sheet's totals, then what will be new, changed and removed. */
export function renderPlan(plan: BootstrapPlan): string {
  const { totals } = plan
  const lines = [`表中：${totals.estates} 个小区，${totals.buildings} 栋楼，${totals.households} 户`]
  const nothing =
    !plan.newEstates.length &&
    !plan.newBuildings.length &&
    !plan.newHouseholds.length &&
    !plan.changedBuildings.length &&
    !plan.removedHouseholds.length
  if (nothing) lines.push('数据库已与表格一致，没有要改的。')
  if (plan.newEstates.length)
    lines.push(`新建小区 ${plan.newEstates.length} 个：${plan.newEstates.map((e) => e.name).join('、')}`)
  if (plan.newBuildings.length) {
    lines.push(
      `新建楼栋 ${plan.newBuildings.length} 栋，每栋一个楼组群和一个入楼码：楼组群 ${plan.newGroups.length} 个，入楼码 ${plan.newJoinCodes.length} 个`,
    )
  }
  if (plan.newHouseholds.length) lines.push(`新建住户 ${plan.newHouseholds.length} 户`)
  if (plan.changedBuildings.length) {
    lines.push(`修改楼栋 ${plan.changedBuildings.length} 栋：`)
    lines.push(...listed(plan.changedBuildings.map((c) => `${c.label}：${c.what.join('；')}`)))
  }
  if (plan.removedHouseholds.length) {
    const occupied = plan.removedHouseholds.filter((r) => r.residents.length)
    lines.push(`删除住户 ${plan.removedHouseholds.length} 户（表里没有了），其中 ${occupied.length} 户有居民：`)
    lines.push(
      ...listed(plan.removedHouseholds.map((r) => `${r.label}${r.residents.length ? `：${residentsOf(r)}` : ''}`)),
    )
  }
  if (plan.notInSheet.length) {
    lines.push(`数据库里有、表里没有的楼栋 ${plan.notInSheet.length} 栋：保持不动（本工具不删除楼栋）`)
    lines.push(...listed(plan.notInSheet))
  }
  return lines.join('\n')
}

export function residentsOf(removal: BootstrapPlan['removedHouseholds'][number]): string {
  return removal.residents.map((r) => `${r.nickname}（${r.status === 'verified' ? '已认证' : '待审核'}）`).join('、')
}
