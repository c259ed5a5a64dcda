/**
 * `@tarojs/components` as plain DOM for the ui tier: View → div, Text → span, Input → input
 * (its `onInput` gets `{ detail: { value } }` as in Taro). Class names and text are what tests
 * query. jest.config.js maps `@tarojs/components` here for the ui project only.
 */
import { createElement, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode; className?: string }

function passThrough(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(props)) {
    if (
      key === 'className' ||
      key === 'onClick' ||
      key === 'children' ||
      key === 'id' ||
      key === 'role' ||
      key.startsWith('aria-') ||
      key.startsWith('data-')
    )
      out[key] = value
  }
  return out
}

const tag = (name: string) => (props: Props) => createElement(name, passThrough(props), props.children)

export const View = tag('div')
export const Text = tag('span')
export const ScrollView = tag('div')
export const Swiper = tag('div')
export const SwiperItem = tag('div')
export const Label = tag('label')
export const Form = tag('form')
export const RichText = tag('div')
export const Image = (props: Props) => createElement('img', { ...passThrough(props), src: props.src as string })
export const Button = (props: Props) =>
  createElement('button', { ...passThrough(props), disabled: props.disabled as boolean }, props.children)

function field(name: 'input' | 'textarea') {
  return (props: Props) =>
    createElement(name, {
      ...passThrough(props),
      value: (props.value as string) ?? '',
      placeholder: props.placeholder as string,
      maxLength: props.maxlength as number,
      onChange: (e: { target: { value: string } }) =>
        (props.onInput as ((e: { detail: { value: string } }) => void) | undefined)?.({
          detail: { value: e.target.value },
        }),
    })
}
export const Input = field('input')

/** A selector picker as a <select>: `onChange` gets `{ detail: { value: index } }` as in Taro. */
export const Picker = (props: Props) =>
  createElement(
    'label',
    passThrough(props),
    props.children,
    createElement(
      'select',
      {
        value: String(props.value ?? 0),
        onChange: (e: { target: { value: string } }) =>
          (props.onChange as ((e: { detail: { value: number } }) => void) | undefined)?.({
            detail: { value: Number(e.target.value) },
          }),
      },
      ((props.range as unknown[]) ?? []).map((item, i) =>
        createElement(
          'option',
          { key: i, value: String(i) },
          String(
            props.rangeKey && item && typeof item === 'object'
              ? (item as Record<string, unknown>)[props.rangeKey as string]
              : item,
          ),
        ),
      ),
    ),
  )
export const Textarea = field('textarea')

export const Switch = (props: Props) =>
  createElement('input', {
    ...passThrough(props),
    type: 'checkbox',
    checked: !!props.checked,
    onChange: (e: { target: { checked: boolean } }) =>
      (props.onChange as ((e: { detail: { value: boolean } }) => void) | undefined)?.({
        detail: { value: e.target.checked },
      }),
  })
export default { View, Text, ScrollView, Image, Button, Input, Textarea, Switch }
