import { Text, View } from '@tarojs/components'
import './council.css'

/** One big button per option: the whole vote is one tap. The household's current choice is marked. */
export function VoteButtons({
  options,
  chosen,
  busy,
  onChoose,
}: {
  options: readonly string[]
  chosen: string | null
  busy: number | null
  onChoose(choice: number): void
}) {
  return (
    <View className="vote-buttons">
      {options.map((option, i) => (
        <View
          key={option}
          className={`vote-button vote-option-${i} ${chosen === option ? 'chosen' : ''}`}
          role="button"
          aria-pressed={chosen === option}
          onClick={() => busy === null && onChoose(i)}
        >
          <Text>{busy === i ? '请稍候…' : option}</Text>
        </View>
      ))}
    </View>
  )
}
