import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { signTc3 } from './tc3-signature'

/**
 * A stand-in for *.tencentcloudapi.com, for the deploy and smoke scripts: every service's requests
 * arrive here, told apart by the Host header `<service>.…` (see `localApi` in
 * scripts/lib/tencentcloud-api.ts and LOUZU_TENCENTCLOUD_API in scripts/deploy.ts). It checks each request's
 * TC3 signature with the expected key, keeps a small model of one environment's document
 * database (collections, indexes, security rules) and records every call.
 */

export interface ApiCall {
  service: string
  action: string
  version: string
  region: string
  params: Record<string, any>
}

interface Index {
  Name: string
  Keys: Array<{ Name: string; Direction: string }>
  Unique: boolean
}

export class FakeTencentCloudApi {
  readonly calls: ApiCall[] = []
  readonly tables = new Map<string, Index[]>()
  readonly rules = new Map<string, { AclTag: string; Rule?: string }>()
  /** Deployed functions (SCF, namespace = the environment) and their environment variables. */
  readonly functions = new Map<string, Record<string, string>>()
  private server: http.Server | null = null

  constructor(
    readonly envId: string,
    readonly secretKey: string,
    readonly tag = 'tnt-louzu-test',
  ) {}

  actions(): string[] {
    return this.calls.map((c) => `${c.service}.${c.action}`)
  }

  private handle(service: string, action: string, params: Record<string, any>): Record<string, unknown> {
    const table = params.TableName as string
    switch (`${service}.${action}`) {
      case 'tcb.DescribeEnvs':
        return params.EnvId === this.envId
          ? { EnvList: [{ EnvId: this.envId, Databases: [{ InstanceId: this.tag, Status: 'RUNNING' }] }] }
          : { EnvList: [] }
      case 'flexdb.DescribeTable':
        if (params.Tag !== this.tag) return { Error: { Code: 'InvalidParameter', Message: 'bad tag' } }
        if (!this.tables.has(table)) return { Error: { Code: 'ResourceNotFound', Message: `table ${table} not exist` } }
        return { Indexes: this.tables.get(table), IndexNum: this.tables.get(table)!.length }
      case 'flexdb.CreateTable':
        if (this.tables.has(table)) return { Error: { Code: 'ResourceInUse', Message: 'table exists' } }
        this.tables.set(table, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }])
        return {}
      case 'flexdb.UpdateTable': {
        const indexes = this.tables.get(table)
        if (!indexes) return { Error: { Code: 'ResourceNotFound', Message: 'table not exist' } }
        for (const drop of (params.DropIndexes ?? []) as Array<{ IndexName: string }>) {
          const at = indexes.findIndex((i) => i.Name === drop.IndexName)
          if (at >= 0) indexes.splice(at, 1)
        }
        for (const create of (params.CreateIndexes ?? []) as Array<{
          IndexName: string
          MgoKeySchema: { MgoIndexKeys: Index['Keys']; MgoIsUnique: boolean }
        }>) {
          if (indexes.some((i) => i.Name === create.IndexName))
            return { Error: { Code: 'ResourceInUse', Message: `index ${create.IndexName} exists` } }
          indexes.push({
            Name: create.IndexName,
            Keys: create.MgoKeySchema.MgoIndexKeys,
            Unique: create.MgoKeySchema.MgoIsUnique,
          })
        }
        return {}
      }
      case 'tcb.ModifySafeRule':
        this.rules.set(params.CollectionName, { AclTag: params.AclTag, ...(params.Rule ? { Rule: params.Rule } : {}) })
        return {}
      case 'tcb.DescribeSafeRule':
        if (params.EnvId !== this.envId)
          return { Error: { Code: 'ResourceNotFound', Message: `env ${params.EnvId} not found` } }
        // A collection nobody set a rule on has CloudBase's default for new collections.
        return this.rules.get(params.CollectionName) ?? { AclTag: 'PRIVATE' }
      case 'scf.GetFunction': {
        const variables = params.Namespace === this.envId ? this.functions.get(params.FunctionName) : undefined
        if (!variables)
          return { Error: { Code: 'ResourceNotFound.Function', Message: `function ${params.FunctionName} not found` } }
        return {
          FunctionName: params.FunctionName,
          Environment: { Variables: Object.entries(variables).map(([Key, Value]) => ({ Key, Value })) },
        }
      }
      default:
        return { Error: { Code: 'InvalidAction', Message: `${service}.${action}` } }
    }
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const payload = Buffer.concat(chunks).toString('utf8')
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
        const service = String(req.headers.host ?? '').split('.')[0] ?? ''
        const action = String(req.headers['x-tc-action'] ?? '')
        const timestamp = Number(req.headers['x-tc-timestamp'])
        const authorization = String(req.headers.authorization ?? '')
        const secretId = /Credential=([^/]+)\//.exec(authorization)?.[1] ?? ''
        const expected = signTc3({
          secretId,
          secretKey: this.secretKey,
          service,
          // The SDK signs the host name alone: on the real endpoint (port 443) the Host header has no port.
          host: String(req.headers.host).replace(/:\d+$/, ''),
          path: url.pathname,
          payload,
          contentType: String(req.headers['content-type']),
          timestamp,
        })
        let params: Record<string, any> = {}
        try {
          params = JSON.parse(payload)
        } catch {
          params = {}
        }
        this.calls.push({
          service,
          action,
          version: String(req.headers['x-tc-version'] ?? ''),
          region: String(req.headers['x-tc-region'] ?? ''),
          params,
        })
        const reply =
          authorization !== expected
            ? { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' } }
            : this.handle(service, action, params)
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' })
        res.end(JSON.stringify({ Response: { ...reply, RequestId: `rid-${this.calls.length}` } }))
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async close(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
