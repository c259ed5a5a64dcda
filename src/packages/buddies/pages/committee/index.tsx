import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  AGE_BAND_NAMES,
  AGE_BANDS,
  AVAILABILITY_NAMES,
  INTERESTS,
  SKILLS,
  type AgeBand,
  type Interest,
  type Skill,
} from '../../../../../contracts'
import { BarChart } from '../../../../components/BarChart'
import { ActionButton } from '../../../../components/Buttons'
import { SingleChips } from '../../../../components/Chips'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { BuildingPicker } from '../../../../features/account/BuildingPicker'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { isCommittee } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { minutesLabel } from '../../../../features/buddies/format'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { useRemote } from '../../../../hooks/useRemote'
import { handOverFile } from '../../../../platform/files'
import { fullDate } from '../../../../utils/time'
import { buddiesApi, messageOf } from '../../../../features/buddies/api'
import '../../../../features/buddies/buddies.css'

export default function BuddiesCommitteePage() {
  return (
    <PageShell className="buddy-committee-page">
      <Gate>
        <CommitteeOnly />
      </Gate>
    </PageShell>
  )
}

function CommitteeOnly() {
  const { me } = useSession()
  if (!isCommittee(me)) return <EmptyState title="这一页只对居委会开放" />
  return <Committee />
}

/** The building chart starts with the ten with most sign-ups; the rest are one tap away. */
const BUILDINGS_SHOWN = 10

interface Filters {
  buildingId?: string
  interest?: Interest
  skill?: Skill
  ageBand?: AgeBand
}

const HANDED_OVER = { downloaded: '已下载', shared: '已发送', copied: '已复制到剪贴板', kept: '' } as const

/** Save the CSV where a committee worker can use it: a download in the browser; in WeChat, a file to send to a chat (then open on a computer). */
async function saveCsv(filename: string, csv: string): Promise<string> {
  return HANDED_OVER[await handOverFile(filename, csv, 'text/csv;charset=utf-8', 'share-or-copy')]
}

function Committee() {
  const [filters, setFilters] = useState<Filters>({})
  const stats = useRemote(() => buddiesApi.memberStats(), [])
  const members = useRemote(
    () => buddiesApi.listMembers(filters),
    [filters.buildingId, filters.interest, filters.skill, filters.ageBand],
  )
  const workplaces = useRemote(() => buddiesApi.workplacePairs(), [])
  const [exporting, setExporting] = useState(false)
  const [exportNote, setExportNote] = useState<string | null>(null)
  const [allBuildings, setAllBuildings] = useState(false)

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }))

  async function exportCsv() {
    setExporting(true)
    setExportNote(null)
    try {
      const result = await buddiesApi.exportMembers(filters)
      const how = await saveCsv(result.filename, result.csv)
      setExportNote(`${how}：${result.filename}（${result.rows} 人）`)
    } catch (e) {
      setExportNote(messageOf(e))
    } finally {
      setExporting(false)
    }
  }

  return (
    <View>
      <Text className="lz-title">网络小伙伴</Text>
      {stats.loading && !stats.data ? <Loading /> : null}
      {stats.error ? <ErrorState message={stats.error} onRetry={() => void stats.reload()} /> : null}
      {stats.data ? (
        <View>
          <View className="lz-card">
            <View className="lz-row">
              <Text className="lz-text">报名人数</Text>
              <Text className="big-number buddy-total">{stats.data.total}</Text>
            </View>
            <View className="lz-row">
              <Text className="lz-text">累计志愿时长</Text>
              <Text className="lz-text">{minutesLabel(stats.data.totalMinutes)}</Text>
            </View>
            <Text className="lz-link lz-block" onClick={() => openPage(BUDDY_ROUTES.proposals)}>
              兴趣小组申请 ›
            </Text>
          </View>
          <View className="lz-card chart-buildings">
            <Text className="lz-subtitle">各楼报名人数</Text>
            <BarChart
              rows={stats.data.byBuilding
                .slice(0, allBuildings ? undefined : BUILDINGS_SHOWN)
                .map((r) => ({ key: r.key, label: r.label, value: r.count }))}
              unit=" 人"
            />
            {stats.data.byBuilding.length > BUILDINGS_SHOWN ? (
              <Text className="lz-link lz-block show-all-buildings" onClick={() => setAllBuildings(!allBuildings)}>
                {allBuildings ? '只看前 10 栋' : `显示全部 ${stats.data.byBuilding.length} 栋 ›`}
              </Text>
            ) : null}
          </View>
          <View className="lz-card chart-interests">
            <Text className="lz-subtitle">兴趣分布</Text>
            <BarChart
              rows={stats.data.byInterest
                .filter((r) => r.count > 0)
                .map((r) => ({ key: r.key, label: r.label, value: r.count }))}
              unit=" 人"
            />
          </View>
          <View className="lz-card chart-ages">
            <Text className="lz-subtitle">年龄段</Text>
            <BarChart
              rows={stats.data.byAgeBand.map((r) => ({ key: r.key, label: r.label, value: r.count }))}
              unit=" 人"
            />
          </View>
        </View>
      ) : null}

      <View className="lz-card filters">
        <Text className="lz-subtitle">筛选名单</Text>
        <BuildingPicker value={filters.buildingId ?? null} onChange={(buildingId) => set({ buildingId })} />
        {filters.buildingId ? (
          <Text className="lz-link lz-block" onClick={() => set({ buildingId: undefined })}>
            看全部楼组
          </Text>
        ) : null}
        <Text className="buddy-why">年龄段</Text>
        <SingleChips
          options={AGE_BANDS}
          labels={AGE_BAND_NAMES}
          value={filters.ageBand ?? null}
          onChange={(v) => set({ ageBand: v ?? undefined })}
          allowNone
        />
        <Text className="buddy-why">兴趣</Text>
        <SingleChips
          className="filter-interest"
          options={INTERESTS}
          value={filters.interest ?? null}
          onChange={(v) => set({ interest: v ?? undefined })}
          allowNone
        />
        <Text className="buddy-why">技能</Text>
        <SingleChips
          className="filter-skill"
          options={SKILLS}
          value={filters.skill ?? null}
          onChange={(v) => set({ skill: v ?? undefined })}
          allowNone
        />
      </View>

      <ActionButton tone="plain" className="export-csv" loading={exporting} onClick={() => void exportCsv()}>
        导出名单（CSV，可用 Excel/WPS 打开）
      </ActionButton>
      {exportNote ? <Text className="lz-muted lz-block export-note">{exportNote}</Text> : null}

      {members.loading && !members.data ? <Loading /> : null}
      {members.error ? <ErrorState message={members.error} onRetry={() => void members.reload()} /> : null}
      {members.data ? (
        <View className="member-list">
          <Text className="lz-subtitle member-total">共 {members.data.total} 人</Text>
          {!members.data.members.length ? <EmptyState title="没有符合条件的小伙伴" /> : null}
          {members.data.members.map((m) => (
            <View key={m.userId} className="lz-card member-card">
              <View className="lz-row">
                <Text className="lz-text">
                  {m.nickname} · {AGE_BAND_NAMES[m.ageBand]}
                </Text>
                <Text className="lz-muted">{m.buildingLabel}</Text>
              </View>
              <Text className="lz-muted lz-block">兴趣：{[...m.interests, ...m.tags].join('、')}</Text>
              {m.skills.length ? <Text className="lz-muted lz-block">能帮：{m.skills.join('、')}</Text> : null}
              {m.workplace ? <Text className="lz-muted lz-block">工作单位：{m.workplace}</Text> : null}
              <Text className="lz-muted lz-block">
                空闲：{m.availability.map((a) => AVAILABILITY_NAMES[a]).join('、')} · {m.groupCount} 个小组 · 志愿{' '}
                {minutesLabel(m.totalMinutes)} · {fullDate(m.signedUpAt)}报名
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="lz-card workplaces">
        <Text className="lz-subtitle">双楼共建：工作单位</Text>
        <Text className="buddy-why">同一单位的小伙伴住在哪些楼，方便单位和楼组结对。</Text>
        {workplaces.loading && !workplaces.data ? <Loading /> : null}
        {workplaces.error ? <ErrorState message={workplaces.error} onRetry={() => void workplaces.reload()} /> : null}
        {workplaces.data?.workplaces.map((w) => (
          <View key={w.workplace} className="workplace">
            <View className="lz-row">
              <Text className="lz-text">{w.workplace}</Text>
              <Text className="lz-text">{w.count} 人</Text>
            </View>
            <Text className="lz-muted lz-block">{w.buildings.map((b) => `${b.label} ${b.count} 人`).join('；')}</Text>
          </View>
        ))}
        {workplaces.data ? (
          <Text className="lz-muted lz-block">未填写工作单位：{workplaces.data.withoutWorkplace} 人</Text>
        ) : null}
      </View>
    </View>
  )
}
