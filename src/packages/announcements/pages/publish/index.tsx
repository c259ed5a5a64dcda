import { useRouter } from '@tarojs/taro'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { isCommittee, managedBuildingIds } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { NoticeForm } from '../../../../features/announcements/NoticeForm'
import { useAudienceChoices, useNoticeToEdit } from '../../../../features/announcements/usePublish'
import { PageShell } from '../../../../features/layout/PageShell'
import './index.css'

export default function PublishPage() {
  return (
    <PageShell className="publish-page">
      <Gate>
        <Publish />
      </Gate>
    </PageShell>
  )
}

function Publish() {
  const { me } = useSession()
  const params = useRouter().params
  const editingId = params.id ?? null
  const led = managedBuildingIds(me)
  const committee = isCommittee(me)
  const existing = useNoticeToEdit(editingId)

  if (!committee && !led.length)
    return <EmptyState title="只有楼组长和居委会可以发布公告" hint="有事想告诉邻居，可以在楼组群里说。" />
  if (editingId) {
    if (existing.loading && !existing.data) return <Loading />
    if (existing.error || !existing.data)
      return <ErrorState message={existing.error ?? '加载失败'} onRetry={() => void existing.reload()} />
    return <NoticeForm editing={existing.data} choices={[]} />
  }
  return <AudienceAndForm committee={committee} led={led} preferred={params.buildingId ?? null} />
}

/** Leaders choose among the buildings they lead; the committee among all, or the whole neighbourhood. */
function AudienceAndForm({
  committee,
  led,
  preferred,
}: {
  committee: boolean
  led: string[]
  preferred: string | null
}) {
  const { buildings, choices } = useAudienceChoices(committee, led)
  if (buildings.loading && !buildings.data) return <Loading />
  if (buildings.error) return <ErrorState message={buildings.error} onRetry={() => void buildings.reload()} />
  const initial = Math.max(
    0,
    choices.findIndex((c) => c.audience !== 'neighbourhood' && c.audience.buildingId === preferred),
  )
  return <NoticeForm choices={choices} initialChoice={initial} />
}
