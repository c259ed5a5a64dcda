/**
 * Draws the tab-bar icons (81×81 PNG, WeChat's recommended size) from simple shapes, so they are
 * reproducible and need no design tool: `tsx scripts/make-tab-icons.ts`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'

const SIZE = 81
type Shape = (x: number, y: number) => number // signed distance in px: < 0 inside

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r
const box =
  (x0: number, y0: number, x1: number, y1: number, r = 0): Shape =>
  (x, y) => {
    const qx = Math.abs(x - (x0 + x1) / 2) - (x1 - x0) / 2 + r
    const qy = Math.abs(y - (y0 + y1) / 2) - (y1 - y0) / 2 + r
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  }
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)))
const subtract =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    Math.max(a(x, y), -b(x, y))
const triangle =
  (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape =>
  (x, y) => {
    const edge = (px: number, py: number, qx: number, qy: number) =>
      ((qx - px) * (y - py) - (qy - py) * (x - px)) / Math.hypot(qx - px, qy - py)
    // Flip so that inside is positive whatever the winding; then the SDF of a convex shape is the
    // largest outward distance over its edges.
    const winding = Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))
    return -Math.min(winding * edge(ax, ay, bx, by), winding * edge(bx, by, cx, cy), winding * edge(cx, cy, ax, ay))
  }

const ICONS = {
  home: subtract(union(triangle(40.5, 10, 8, 38, 73, 38), box(16, 36, 65, 72, 3)), box(33, 50, 48, 72.5)),
  group: union(circle(28, 26, 10), box(12, 40, 44, 70, 10), circle(55, 30, 8), box(43, 43, 69, 70, 8)),
  events: subtract(
    union(box(10, 16, 71, 72, 6), box(22, 8, 28, 22, 2), box(53, 8, 59, 22, 2)),
    union(box(16, 32, 65, 66, 2)),
  ),
  me: union(circle(40.5, 26, 14), box(16, 46, 65, 74, 14)),
}
// A little detail for the calendar: three date squares inside.
const eventsDots = union(box(22, 40, 32, 50, 2), box(36, 40, 46, 50, 2), box(50, 40, 60, 50, 2), box(22, 54, 32, 62, 2))
ICONS.events = union(ICONS.events, eventsDots)

function render(shape: Shape, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE })
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const d = shape(x + 0.5, y + 0.5)
      const alpha = Math.max(0, Math.min(1, 0.5 - d)) // one-pixel anti-aliased edge
      const i = (y * SIZE + x) * 4
      png.data[i] = rgb[0]
      png.data[i + 1] = rgb[1]
      png.data[i + 2] = rgb[2]
      png.data[i + 3] = Math.round(alpha * 255)
    }
  }
  return PNG.sync.write(png)
}

const out = path.resolve(__dirname, '..', 'src', 'assets', 'tab')
fs.mkdirSync(out, { recursive: true })
for (const [name, shape] of Object.entries(ICONS)) {
  fs.writeFileSync(path.join(out, `${name}.png`), render(shape, [0x5a, 0x5a, 0x5a]))
  fs.writeFileSync(path.join(out, `${name}-active.png`), render(shape, [0xb8, 0x3a, 0x2a]))
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${path.relative(process.cwd(), out)}`)
