import { View } from '@tarojs/components'

/** A thick, high-contrast bar: how much of something is done (0…1). */
export function ProgressBar({ value, className }: { value: number; className?: string }) {
  const percent = Math.max(0, Math.min(100, Math.round(value * 100)))
  return (
    <View
      className={`lz-progress ${className ?? ''}`}
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <View className="lz-progress-fill" style={{ width: `${percent}%` }} />
    </View>
  )
}
