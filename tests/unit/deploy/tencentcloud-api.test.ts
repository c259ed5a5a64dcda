import { Signer } from '@cloudbase/signature-nodejs'
import { CloudApiError, createCloudApiClient } from '../../../scripts/lib/tencentcloud-api'
import { signTc3 } from '../../support/tc3-signature'
import { FakeTencentCloudApi } from '../../support/fake-tencentcloud-api'

describe("the fake TencentCloud API's signature check (signature v3)", () => {
  test('when a request is signed, then the Authorization equals the one @cloudbase/signature-nodejs computes for cloud API', () => {
    // Arrange: an independent implementation of the same algorithm, shipped inside node-sdk.
    const input = {
      secretId: 'AKIDexample',
      secretKey: 'example-secret-key',
      service: 'flexdb',
      host: 'flexdb.tencentcloudapi.com',
      path: '/',
      payload: JSON.stringify({ Tag: 'tnt-1', TableName: 'users', CreateIndexes: [{ IndexName: 'openid' }] }),
      contentType: 'application/json; charset=utf-8',
      timestamp: 1764295200,
    }
    const reference = new Signer({ secretId: input.secretId, secretKey: input.secretKey }, input.service).tc3sign(
      'POST',
      `https://${input.host}${input.path}`,
      { host: input.host, 'content-type': input.contentType },
      JSON.parse(input.payload),
      input.timestamp,
      { isCloudApi: true },
    )
    // Act
    const ours = signTc3(input)
    // Assert
    expect(ours).toBe(reference.authorization)
  })

  test('when the date changes at UTC midnight, then the credential scope follows the UTC date', () => {
    const at = (timestamp: number) =>
      signTc3({
        secretId: 'id',
        secretKey: 'k',
        service: 'tcb',
        host: 'h',
        path: '/',
        payload: '{}',
        contentType: 'application/json',
        timestamp,
      })
    expect(at(Date.UTC(2026, 10, 27, 23, 59, 59) / 1000)).toContain('Credential=id/2026-11-27/tcb/tc3_request')
    expect(at(Date.UTC(2026, 10, 28, 0, 0, 0) / 1000)).toContain('Credential=id/2026-11-28/tcb/tc3_request')
  })
})

describe('TencentCloud API client', () => {
  const api = new FakeTencentCloudApi('louzu-prod', 'the-secret')
  let base: string
  beforeAll(async () => {
    base = await api.start()
  })
  afterAll(() => api.close())

  test('when a call succeeds, then the action, version and region headers are sent and Response is returned', async () => {
    const client = createCloudApiClient({
      credentials: { secretId: 'AKID1', secretKey: 'the-secret' },
      region: 'ap-guangzhou',
      localApi: base,
    })
    const reply = await client.call<{ EnvList: unknown[] }>('tcb', '2018-06-08', 'DescribeEnvs', {
      EnvId: 'louzu-prod',
    })
    expect(reply.EnvList).toHaveLength(1)
    expect(api.calls.at(-1)).toMatchObject({
      service: 'tcb',
      action: 'DescribeEnvs',
      version: '2018-06-08',
      region: 'ap-guangzhou',
      params: { EnvId: 'louzu-prod' },
    })
  })

  test('when the key is wrong, then the signature is refused and a CloudApiError names the action and code', async () => {
    const client = createCloudApiClient({
      credentials: { secretId: 'AKID1', secretKey: 'wrong' },
      localApi: base,
    })
    const call = client.call('tcb', '2018-06-08', 'DescribeEnvs', { EnvId: 'louzu-prod' })
    await expect(call).rejects.toBeInstanceOf(CloudApiError)
    await expect(call).rejects.toMatchObject({ action: 'DescribeEnvs', code: 'AuthFailure.SignatureFailure' })
  })
})
