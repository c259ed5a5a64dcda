import { Text, View } from '@tarojs/components'
import './bar-chart.css'

export interface BarRow {
  key: string
  label: string
  value: number
}

interface BarChartProps {
  rows: readonly BarRow[]
  /** After each number, e.g. 人. */
  unit?: string
  /** Shown when there is nothing to draw. */
  emptyText?: string
  className?: string
}

/** Bar length in % of the longest bar, to one decimal; a non-zero value always shows a sliver. */
export function barWidth(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0
  return Math.max(2, Math.round((value / max) * 1000) / 10)
}

/**
 * Horizontal bars made of plain Views with widths in %: the same markup and look in WeChat and
 * in the browser, no canvas. Each row: the label and the number on one line, the bar beneath,
 * so long labels and large text never squeeze the bar.
 */
export function BarChart({ rows, unit = '', emptyText = '还没有数据', className }: BarChartProps) {
  if (!rows.length) return <Text className="lz-muted lz-block">{emptyText}</Text>
  const max = Math.max(...rows.map((r) => r.value))
  return (
    <View className={`lz-bar-chart ${className ?? ''}`}>
      {rows.map((row) => (
        <View key={row.key} className="lz-bar-row" data-key={row.key}>
          <View className="lz-bar-head">
            <Text className="lz-bar-label">{row.label}</Text>
            <Text className="lz-bar-value">
              {row.value}
              {unit}
            </Text>
          </View>
          <View className="lz-bar-track">
            <View className="lz-bar-fill" style={{ width: `${barWidth(row.value, max)}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}
