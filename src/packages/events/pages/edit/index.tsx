import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { PageShell } from '../../../../features/layout/PageShell'
import { EventForm } from '../../../../features/events/EventForm'
import { useEventToEdit, usePublishableAudiences } from '../../../../features/events/useEvents'
import '../../../../features/events/choices.css'
import './index.css'

export default function EditEventPage() {
  return (
    <PageShell className="edit-event-page">
      <Gate>
        <EditEvent />
      </Gate>
    </PageShell>
  )
}

function EditEvent() {
  const params = useRouter().params
  const eventId = params.id
  /** From a group's page: publish for that group. */
  const groupId = params.groupId
  const existing = useEventToEdit(eventId)
  const audiences = usePublishableAudiences(!eventId)

  useEffect(() => {
    if (eventId) void Taro.setNavigationBarTitle({ title: '修改活动' })
  }, [eventId])

  if (eventId) {
    if (existing.loading && !existing.data) return <Loading />
    if (existing.error) return <ErrorState message={existing.error} onRetry={() => void existing.reload()} />
    if (!existing.data) return null
    if (!existing.data.canManage) return <EmptyState title="只有活动的组织者可以修改" />
    return <EventForm event={existing.data} />
  }
  if (audiences.loading && !audiences.data) return <Loading />
  if (audiences.error) return <ErrorState message={audiences.error} onRetry={() => void audiences.reload()} />
  if (!audiences.data?.options.length)
    return <EmptyState title="您还不能发起活动" hint="楼组长、兴趣小组组织者和居委会可以发起活动。" />
  return <EventForm options={audiences.data.options} preselect={groupId} />
}
