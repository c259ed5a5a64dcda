import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { isCommittee } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { BuddyStats } from '../../../../features/buddies/committee/BuddyStats'
import { MemberFilters } from '../../../../features/buddies/committee/MemberFilters'
import { MemberList } from '../../../../features/buddies/committee/MemberList'
import { Workplaces } from '../../../../features/buddies/committee/Workplaces'
import { useMemberExport, type MemberFilters as Filters } from '../../../../features/buddies/useBuddyCommittee'
import { PageShell } from '../../../../features/layout/PageShell'
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

function Committee() {
  const [filters, setFilters] = useState<Filters>({})
  const exporting = useMemberExport(filters)
  return (
    <View>
      <Text className="lz-title">网络小伙伴</Text>
      <BuddyStats />
      <MemberFilters filters={filters} onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))} />
      <ActionButton tone="plain" className="export-csv" loading={exporting.busy} onClick={() => void exporting.run()}>
        导出名单（CSV，可用 Excel/WPS 打开）
      </ActionButton>
      {exporting.note ? <Text className="lz-muted lz-block export-note">{exporting.note}</Text> : null}
      <MemberList filters={filters} />
      <Workplaces />
    </View>
  )
}
