import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useSession } from '../account/session'
import './page-shell.css'

/**
 * The root of every page: page background, safe spacing, and the large-text switch. Every text
 * inside is sized in `em`, so large-text mode scales the whole page from this one font size.
 */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { largeText } = useSession()
  return <View className={`lz-page ${largeText ? 'lz-large' : ''} ${className ?? ''}`}>{children}</View>
}
