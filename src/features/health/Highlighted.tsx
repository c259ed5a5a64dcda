import { Text } from '@tarojs/components'
import type { HighlightedText } from '../../../contracts'
import './health.css'

/** Search-result text with the matched words in bold red. */
export function Highlighted({ value, className }: { value: HighlightedText; className?: string }) {
  const parts: Array<{ text: string; marked: boolean }> = []
  let at = 0
  for (const [start, end] of value.marks) {
    if (start > at) parts.push({ text: value.text.slice(at, start), marked: false })
    parts.push({ text: value.text.slice(start, end), marked: true })
    at = end
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), marked: false })
  return (
    <Text className={className}>
      {parts.map((part, i) =>
        part.marked ? (
          <Text key={i} className="hl-mark">
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  )
}
