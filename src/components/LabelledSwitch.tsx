import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { Text, View } from '@tarojs/components'
import './labelled-switch.css'

interface LabelledSwitchProps {
  /** The words beside the switch; tapping them toggles it too. */
  label: string
  checked: boolean
  onChange(next: boolean): void
  disabled?: boolean
  /** Words on the switch itself, e.g. 开 / 关. */
  activeText?: string
  inactiveText?: string
  /** On the switch (tests and styles find it by this). */
  className?: string
  /** On the whole row. */
  rowClassName?: string
}

/**
 * A switch with its label as one tap target (MIIT 适老化: a whole row, at least 44 px tall, not a
 * 58×28 pill). A tap on the words or anywhere in the row toggles it; a tap on the switch itself
 * toggles it through the switch, which keeps that tap from reaching the row (else it would toggle
 * twice).
 */
export function LabelledSwitch({
  label,
  checked,
  onChange,
  disabled,
  activeText,
  inactiveText,
  className,
  rowClassName,
}: LabelledSwitchProps) {
  return (
    <View
      className={`lz-switch-row ${disabled ? 'disabled' : ''} ${rowClassName ?? ''}`}
      role="switch"
      aria-checked={checked}
      aria-label={label}
      onClick={() => {
        if (!disabled) onChange(!checked)
      }}
    >
      <Text className="lz-text lz-switch-label">{label}</Text>
      <View className="lz-switch-holder" onClick={(e) => e.stopPropagation()}>
        <Switch
          className={className}
          checked={checked}
          disabled={disabled}
          activeText={activeText}
          inactiveText={inactiveText}
          // NutUI's spinner is an HTML element the mini-program cannot render; our own busy state suffices.
          loadingIcon={null}
          onChange={(next) => onChange(next)}
        />
      </View>
    </View>
  )
}
