import fastifyCompress from '@fastify/compress'
import type { FastifyInstance } from 'fastify'

/**
 * What the local runtime serves goes out compressed — brotli where the browser takes it, else
 * gzip — so the app's JavaScript crosses a phone network in a fraction of its size. Replies under
 * 1 KB go as they are (compressing them costs more than it saves); the realtime stream writes to
 * the socket itself and is never compressed or buffered.
 *
 * The plugin hooks each route as it is declared. `app.register` would load it only when the
 * server starts — after the routes of local-server.ts were declared, which would then go out
 * uncompressed — so it is applied to the root instance at once, before any route.
 */
export function applyCompression(app: FastifyInstance): void {
  fastifyCompress(app, { global: true, threshold: 1024, encodings: ['br', 'gzip'] }, (error?: Error) => {
    if (error) throw error
  })
}
