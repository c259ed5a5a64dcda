/**
 * NutUI's Button and Switch as plain DOM for the ui tier (its ES modules are built for Taro).
 * jest.config.js maps the two packages the app uses here.
 */
import { createElement, type ReactNode } from 'react'

interface ButtonProps {
  className?: string
  disabled?: boolean
  onClick?: () => void
  children?: ReactNode
}

export function Button({ className, disabled, onClick, children }: ButtonProps) {
  return createElement('button', { className, disabled, onClick: disabled ? undefined : onClick }, children)
}

interface SwitchProps {
  className?: string
  checked?: boolean
  disabled?: boolean
  onChange?: (value: boolean) => void
}

export function Switch({ className, checked, disabled, onChange }: SwitchProps) {
  return createElement('input', {
    type: 'checkbox',
    role: 'switch',
    className,
    checked: !!checked,
    disabled,
    onChange: () => onChange?.(!checked),
  })
}
