import { createHash, createHmac } from 'node:crypto'

/**
 * A minimal TencentCloud API 3.0 client (signature v3, TC3-HMAC-SHA256), for the handful of
 * management calls deploy.ts makes: tcb DescribeEnvs / ModifySafeRule and flexdb
 * DescribeTable / CreateTable / UpdateTable — the same calls @cloudbase/manager-node (inside the
 * CloudBase CLI) makes for collections, indexes and security rules. Written here with
 * node:crypto and fetch so deploying needs no extra package.
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
  /** Base URL per service; defaults to https://<service>.tencentcloudapi.com. Tests point it at a local server. */
  endpoint?: (service: string) => string
  fetch?: typeof fetch
  /** Epoch ms, injectable for signing tests. */
  now?: () => number
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

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()

export interface SignInput {
  secretId: string
  secretKey: string
  service: string
  host: string
  path: string
  payload: string
  contentType: string
  timestamp: number
}

/** The Authorization header for a POST with a JSON body (signature v3). */
export function signTc3({
  secretId,
  secretKey,
  service,
  host,
  path,
  payload,
  contentType,
  timestamp,
}: SignInput): string {
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
  const signedHeaders = 'content-type;host'
  const canonicalRequest = [
    'POST',
    path,
    '',
    `content-type:${contentType}\nhost:${host}\n`,
    signedHeaders,
    sha256(payload),
  ].join('\n')
  const scope = `${date}/${service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonicalRequest)].join('\n')
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request')
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex')
  return `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}

export interface CloudApiClient {
  call<T = Record<string, unknown>>(
    service: string,
    version: string,
    action: string,
    params: Record<string, unknown>,
  ): Promise<T>
}

export function createCloudApiClient(options: CloudApiOptions): CloudApiClient {
  const doFetch = options.fetch ?? fetch
  const now = options.now ?? Date.now
  const region = options.region ?? 'ap-shanghai'
  const endpoint = options.endpoint ?? ((service: string) => `https://${service}.tencentcloudapi.com/`)
  return {
    async call<T>(service: string, version: string, action: string, params: Record<string, unknown>): Promise<T> {
      const url = new URL(endpoint(service))
      const payload = JSON.stringify(params)
      const contentType = 'application/json; charset=utf-8'
      const timestamp = Math.floor(now() / 1000)
      const authorization = signTc3({
        ...options.credentials,
        service,
        host: url.host,
        path: url.pathname,
        payload,
        contentType,
        timestamp,
      })
      const response = await doFetch(url, {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': contentType, // fetch sets Host from the URL, the same host that was signed
          'X-TC-Action': action,
          'X-TC-Version': version,
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': region,
          ...(options.credentials.token ? { 'X-TC-Token': options.credentials.token } : {}),
        },
        body: payload,
      })
      const text = await response.text()
      let body: {
        Response?: Record<string, unknown> & { Error?: { Code?: string; Message?: string }; RequestId?: string }
      }
      try {
        body = JSON.parse(text)
      } catch {
        throw new CloudApiError(action, `HTTP${response.status}`, text.slice(0, 200))
      }
      const reply = body.Response
      if (!reply) throw new CloudApiError(action, `HTTP${response.status}`, 'reply without Response')
      if (reply.Error)
        throw new CloudApiError(action, reply.Error.Code ?? 'Unknown', reply.Error.Message ?? '', reply.RequestId)
      return reply as T
    },
  }
}
