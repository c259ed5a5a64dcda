import { View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, type PropsWithChildren } from 'react'
import { showLargeTextAroundPages } from '../../platform/device'
import { noteShown } from '../account/navigation'
import { useSession } from '../account/session'
import './page-shell.css'

/**
 * The root of every page: page background, safe spacing, and the large-text switch. Every text
 * inside is sized in `em`, so large-text mode scales the whole page from this one font size.
 */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { largeText } = useSession()
  const router = useRouter()
  useDidShow(() => noteShown(router.path))
  useEffect(() => showLargeTextAroundPages(largeText), [largeText])
  return <View className={`lz-page ${largeText ? 'lz-large' : ''} ${className ?? ''}`}>{children}</View>
}
