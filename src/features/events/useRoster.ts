import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { RosterEntry, RosterView } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { handOverFile } from '../../platform/files'
import { eventsApi, messageOf } from './api'

/**
 * An event's roster for its organiser: who comes (and who waits), ticking attendance by hand, and
 * the CSV. `busy` is 'export' or the user id being ticked; `exported` is the CSV's name when it
 * was copied rather than downloaded.
 */
export function useRoster(eventId: string) {
  const remote = useRemote(() => eventsApi.roster({ eventId }), [eventId], { enabled: !!eventId })
  const [exported, setExported] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  async function toggle(entry: RosterEntry) {
    setBusy(entry.userId)
    setError(null)
    try {
      const updated = await eventsApi.markAttendance({
        eventId,
        userId: entry.userId,
        attended: entry.attendedAt === undefined,
      })
      const current = remote.data as RosterView
      const confirmed = current.confirmed.map((e) => (e.userId === updated.userId ? updated : e))
      const attended = confirmed.filter((e) => e.attendedAt !== undefined)
      remote.setData({
        ...current,
        confirmed,
        attendedParties: attended.length,
        attendedPeople: attended.reduce((n, e) => n + e.partySize, 0),
      })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  async function exportCsv() {
    setBusy('export')
    setError(null)
    try {
      const { filename, csv } = await eventsApi.rosterCsv({ eventId })
      if ((await handOverFile(filename, csv, 'text/csv;charset=utf-8', 'copy')) === 'downloaded')
        void Taro.showToast({ title: '已下载名单', icon: 'none' })
      else setExported(filename)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  return { remote, busy, error, exported, toggle, exportCsv }
}
