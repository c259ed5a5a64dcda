import http from 'node:http'
import { CommonClient } from 'tencentcloud-sdk-nodejs-common'

/**
 * TencentCloud API 3.0 for the handful of management calls the deploy and smoke scripts make:
 * tcb DescribeEnvs / ModifySafeRule and flexdb DescribeTable / CreateTable / UpdateTable — the
 * same calls @cloudbase/manager-node (inside the CloudBase CLI) makes for collections, indexes and
 * security rules. Signing (TC3-HMAC-SHA256) and transport are the official common SDK's
 * (tencentcloud-sdk-nodejs-common); this module only picks the endpoint and turns the SDK's
 * exception into a CloudApiError that names the action.
 */

export interface CloudApiCredentials {
  secretId: string
  secretKey: string
  /** For temporary keys. */
  token?: string
}

export interface CloudApiOptions {
  credentials: CloudApiCredentials
  region?: string
  /**
   * Tests only: a loopback server (`http://127.0.0.1:<port>`) that stands in for every service.
   * Each service is then called as `<service>.tencentcloud.invalid:<port>` over plain HTTP, its
   * name resolved to that address, so the SDK signs for the service exactly as it would in
   * production and the stand-in tells services apart by the Host header.
   */
  localApi?: string
}

export class CloudApiError extends Error {
  constructor(
    readonly action: string,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(`${action}: ${code}: ${message}${requestId ? ` (RequestId ${requestId})` : ''}`)
    this.name = 'CloudApiError'
  }
}

export interface CloudApiClient {
  call<T = Record<string, unknown>>(
    service: string,
    version: string,
    action: string,
    params: Record<string, unknown>,
  ): Promise<T>
}

/** Where the stand-in's service names resolve: its own loopback address, never the network. */
function loopbackAgent(address: string): http.Agent {
  return new http.Agent({
    lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
      options.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4)) as never,
  })
}

function endpointFor(options: CloudApiOptions): (service: string) => { endpoint: string; profile: object } {
  if (!options.localApi) return (service) => ({ endpoint: `${service}.tencentcloudapi.com`, profile: {} })
  const local = new URL(options.localApi)
  if (local.protocol !== 'http:') throw new Error('localApi must be an http:// URL on this machine')
  const agent = loopbackAgent(local.hostname)
  return (service) => {
    const endpoint = `${service}.tencentcloud.invalid:${local.port}`
    return { endpoint, profile: { httpProfile: { endpoint, protocol: 'http://', agent } } }
  }
}

export function createCloudApiClient(options: CloudApiOptions): CloudApiClient {
  const region = options.region ?? 'ap-shanghai'
  const endpoint = endpointFor(options)
  const clients = new Map<string, CommonClient>()
  const clientFor = (service: string, version: string) => {
    const key = `${service}@${version}`
    let client = clients.get(key)
    if (!client) {
      const where = endpoint(service)
      client = new CommonClient(where.endpoint, version, {
        credential: options.credentials,
        region,
        profile: where.profile,
      })
      clients.set(key, client)
    }
    return client
  }
  return {
    async call<T>(service: string, version: string, action: string, params: Record<string, unknown>): Promise<T> {
      try {
        return (await clientFor(service, version).request(action, params)) as T
      } catch (error) {
        const e = error as { code?: string; httpCode?: number; message?: string; requestId?: string }
        throw new CloudApiError(
          action,
          e.code || (e.httpCode ? `HTTP${e.httpCode}` : 'Unknown'),
          e.message ?? String(error),
          e.requestId || undefined,
        )
      }
    },
  }
}
