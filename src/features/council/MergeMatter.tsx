import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MatterSummary } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import './council.css'

/**
 * The leader folds a duplicate into another matter of the building: tap 合并到…, tap the matter
 * that carries on, confirm. Big targets, one choice at a time.
 */
export function MergeMatter({
  matter,
  targets,
  busy,
  onMerge,
}: {
  matter: MatterSummary
  /** The building's other matters it may be merged into (not merged themselves). */
  targets: MatterSummary[]
  busy: boolean
  onMerge(intoMatterId: string): void
}) {
  const [picking, setPicking] = useState(false)
  const [into, setInto] = useState<string | null>(null)
  if (matter.status !== 'open' || !targets.length) return null
  if (!picking)
    return (
      <Text className="lz-link lz-block merge-link" onClick={() => setPicking(true)}>
        和别的议题重复？合并到… ›
      </Text>
    )
  return (
    <View className="merge-picker">
      <Text className="council-label">合并到哪个议题（这条会关闭，附议算到那一条）</Text>
      <View className="council-choices">
        {targets.map((t) => (
          <View
            key={t.matterId}
            className={`council-choice merge-target ${into === t.matterId ? 'chosen' : ''}`}
            role="button"
            aria-pressed={into === t.matterId}
            onClick={() => setInto(t.matterId)}
          >
            <Text>{t.title}</Text>
          </View>
        ))}
      </View>
      <ActionButton className="confirm-merge" loading={busy} disabled={!into} onClick={() => into && onMerge(into)}>
        确认合并
      </ActionButton>
      <ActionButton tone="plain" onClick={() => setPicking(false)}>
        取消
      </ActionButton>
    </View>
  )
}
