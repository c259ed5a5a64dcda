import { useState } from 'react'
import { useRemote } from '../../hooks/useRemote'
import { handOverFile } from '../../platform/files'
import { accountApi, messageOf } from './api'
import { exportFileName } from './my-data'

/** 导出我的数据: everything kept about me, and handing the whole of it over as a JSON file. */
export function useMyData() {
  const exported = useRemote(() => accountApi.exportMyData(), [])
  const [handed, setHanded] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const handOver = async () => {
    const result = exported.data
    if (!result) return
    setError(null)
    try {
      const how = await handOverFile(
        exportFileName(result.exportedAt),
        JSON.stringify(result, null, 2),
        'application/json',
        'share-or-copy',
      )
      setHanded(how === 'downloaded' ? '已下载' : how === 'shared' ? '已发送' : '已复制')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return { exported, handed, error, handOver }
}
