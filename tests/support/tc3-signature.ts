import { createHash, createHmac } from 'node:crypto'

/**
 * TencentCloud API signature v3 (TC3-HMAC-SHA256) for a POST with a JSON body, written out here so
 * that the fake TencentCloud API checks the signatures the official SDK sends against an
 * implementation of its own (itself checked against @cloudbase/signature-nodejs).
 */
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

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()

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
