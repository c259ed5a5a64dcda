import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { ActionButton } from './Buttons'

export function Loading({ label = '正在加载…' }: { label?: string }) {
  return (
    <View className="lz-state lz-loading" aria-busy="true">
      <Text className="lz-muted">{label}</Text>
    </View>
  )
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <View className="lz-state lz-empty">
      <Text className="lz-text">{title}</Text>
      {hint ? <Text className="lz-muted lz-block">{hint}</Text> : null}
      {action}
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="lz-state lz-error-state" role="alert">
      <Text className="lz-text">{message}</Text>
      {onRetry ? (
        <ActionButton tone="plain" onClick={onRetry}>
          重试
        </ActionButton>
      ) : null}
    </View>
  )
}
