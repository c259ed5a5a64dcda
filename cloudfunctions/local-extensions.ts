import type { FastifyInstance } from 'fastify'
import { groupTopicSource } from './core/chat/realtime'
import type { RealtimeHub } from './adapters/local/realtime-hub'
import type { Deps } from './core/shared/ports'
import type { ServerHelpers } from './runtime/local-server'
import { realtimeRoute } from './runtime/realtime-sse'
import type { Router } from './runtime/router'

export interface LocalWiring {
  deps: Deps
  hub: RealtimeHub
  router: Router
}

/** Extra HTTP routes of the local runtime (e.g. the realtime stream). */
export type LocalPlugin = (wiring: LocalWiring) => (app: FastifyInstance, helpers: ServerHelpers) => void

/** Background work of the local runtime (e.g. event reminders); returns how to stop it. */
export type LocalJob = (wiring: LocalWiring) => () => void

export const LOCAL_PLUGINS: readonly LocalPlugin[] = [
  // GET /api/realtime: chat messages as Server-Sent Events (WeChat uses database watch instead).
  ({ deps, hub }) => realtimeRoute({ deps, hub, sources: { group: groupTopicSource } }),
]

export const LOCAL_JOBS: readonly LocalJob[] = []
