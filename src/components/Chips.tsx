import { Text, View } from '@tarojs/components'
import './chips.css'

interface ChipsProps<T extends string> {
  options: readonly T[]
  /** How each option reads (default: the option itself). */
  labels?: Partial<Record<T, string>>
  className?: string
}

/** Tap to pick several (interests, skills). At `max`, further taps do nothing until one is removed. */
export function MultiChips<T extends string>({
  options,
  labels,
  value,
  onChange,
  max,
  className,
}: ChipsProps<T> & { value: readonly T[]; onChange(next: T[]): void; max?: number }) {
  const toggle = (option: T) => {
    if (value.includes(option)) onChange(value.filter((v) => v !== option))
    else if (!max || value.length < max) onChange([...value, option])
  }
  return (
    <View className={`lz-chips ${className ?? ''}`}>
      {options.map((option) => {
        const chosen = value.includes(option)
        return (
          <View
            key={option}
            className={`lz-chip ${chosen ? 'chosen' : ''} ${!chosen && max && value.length >= max ? 'full' : ''}`}
            onClick={() => toggle(option)}
            role="checkbox"
            aria-checked={chosen}
          >
            <Text>
              {chosen ? '✓ ' : ''}
              {labels?.[option] ?? option}
            </Text>
          </View>
        )
      })}
    </View>
  )
}

/** Tap to pick one; with `allowNone`, tapping the chosen one again clears it. */
export function SingleChips<T extends string>({
  options,
  labels,
  value,
  onChange,
  allowNone,
  className,
}: ChipsProps<T> & { value: T | null; onChange(next: T | null): void; allowNone?: boolean }) {
  return (
    <View className={`lz-chips ${className ?? ''}`}>
      {options.map((option) => {
        const chosen = value === option
        return (
          <View
            key={option}
            className={`lz-chip ${chosen ? 'chosen' : ''}`}
            onClick={() => onChange(chosen && allowNone ? null : option)}
            role="radio"
            aria-checked={chosen}
          >
            <Text>{labels?.[option] ?? option}</Text>
          </View>
        )
      })}
    </View>
  )
}
