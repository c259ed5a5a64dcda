import { createHash } from 'node:crypto'
import type { Metadata, Sharp, SharpOptions } from 'sharp'
import { IMAGE_LIMITS } from '../../../contracts'
import { AppError } from '../../core/shared/errors'
import type { ImageProcessor, NormalizedImage } from '../../core/shared/ports'

const FORMATS = new Set(['jpeg', 'png', 'webp'])

/**
 * Photos through sharp (libvips), the same in a CloudBase function and locally. Every photo is
 * decoded and encoded anew as JPEG: nothing of the original file survives but its pixels, so EXIF
 * (GPS position, camera, time), XMP and comments are gone — sharp writes no metadata unless asked.
 * The EXIF orientation is applied first, so the picture stays upright without it.
 */
type SharpFactory = (input: Buffer, options?: SharpOptions) => Sharp

let loaded: Promise<SharpFactory> | null = null
/** sharp (a native addon) is loaded on the first photo, not when a function starts. */
function loadSharp(): Promise<SharpFactory> {
  loaded ??= import('sharp').then(
    (m) => (m as unknown as { default?: SharpFactory }).default ?? (m as unknown as SharpFactory),
  )
  return loaded
}

export class SharpImageProcessor implements ImageProcessor {
  async normalize(bytes: Uint8Array): Promise<NormalizedImage> {
    const sharp = await loadSharp()
    if (bytes.byteLength > IMAGE_LIMITS.maxUploadBytes) throw new AppError('MEDIA.TOO_LARGE')
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let meta: Metadata
    try {
      meta = await sharp(input).metadata()
    } catch {
      throw new AppError('MEDIA.UNREADABLE')
    }
    if (!meta.format || !FORMATS.has(meta.format)) throw new AppError('MEDIA.UNSUPPORTED_TYPE')
    if (!meta.width || !meta.height) throw new AppError('MEDIA.UNREADABLE')
    // Checked from the header before anything is decoded: a small file can claim a huge picture.
    if (meta.width * meta.height > IMAGE_LIMITS.maxPixels) throw new AppError('MEDIA.TOO_MANY_PIXELS')
    try {
      const upright = sharp(input, { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: 'error' }).rotate()
      const side = (long: number) => ({ width: long, height: long, fit: 'inside' as const, withoutEnlargement: true })
      const image = await upright
        .clone()
        .resize(side(IMAGE_LIMITS.storedLongSide))
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 82 })
        .toBuffer({ resolveWithObject: true })
      const thumb = await upright
        .clone()
        .resize(side(IMAGE_LIMITS.thumbLongSide))
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 75 })
        .toBuffer()
      return {
        image: new Uint8Array(image.data),
        thumb: new Uint8Array(thumb),
        width: image.info.width,
        height: image.info.height,
        sourceDigest: createHash('sha256').update(input).digest('hex'),
      }
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('MEDIA.UNREADABLE')
    }
  }
}
