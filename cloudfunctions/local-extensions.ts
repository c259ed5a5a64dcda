import type { FastifyInstance } from 'fastify'
import type { RealtimeHub } from './adapters/local/realtime-hub'
import type { Deps } from './core/shared/ports'
import type { ServerHelpers } from './runtime/local-server'
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

export const LOCAL_PLUGINS: readonly LocalPlugin[] = []

export const LOCAL_JOBS: readonly LocalJob[] = []
