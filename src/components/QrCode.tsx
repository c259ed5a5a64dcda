import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * A real, scannable QR code, drawn as a GIF data URL (works as an <Image> in WeChat and the
 * browser alike; no canvas needed). Error correction M survives a slightly dirty lobby poster.
 */
export function QrCode({ value, size = 480, className }: { value: string; size?: number; className?: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(value)
    qr.make()
    const modules = qr.getModuleCount()
    const margin = 4
    // Whole pixels per module keep the code crisp; the image is scaled to `size` by CSS.
    const cell = Math.max(2, Math.floor(256 / (modules + margin * 2)))
    return qr.createDataURL(cell, cell * margin)
  }, [value])
  return (
    <Image
      className={`lz-qr ${className ?? ''}`}
      src={src}
      style={{ width: `${size / 2}px`, height: `${size / 2}px` }}
      mode="scaleToFill"
    />
  )
}
