import Button from '@nutui/nutui-react-taro/dist/es/packages/button'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { PropsWithChildren } from 'react'

interface ActionButtonProps {
  onClick?: () => void
  /** primary: the one thing to do on this screen; plain: everything else; danger: destructive. */
  tone?: 'primary' | 'plain' | 'danger'
  loading?: boolean
  disabled?: boolean
  className?: string
}

/** A full-width, tall button: easy to hit for older hands (≥ 44 px), one clear label. */
export function ActionButton({
  children,
  onClick,
  tone = 'primary',
  loading,
  disabled,
  className,
}: PropsWithChildren<ActionButtonProps>) {
  return (
    <Button
      className={`lz-action ${className ?? ''}`}
      block
      size="large"
      type={tone === 'plain' ? 'default' : tone === 'danger' ? 'danger' : 'primary'}
      fill={tone === 'plain' ? 'outline' : 'solid'}
      // Not NutUI's `loading`: its spinner is an <i> element, which the mini-program cannot render.
      disabled={disabled || loading}
      onClick={() => onClick?.()}
    >
      {loading ? '请稍候…' : children}
    </Button>
  )
}
