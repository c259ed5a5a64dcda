import fs from 'node:fs'
import { renderSecurityDoc, SECURITY_DOC } from '../../scripts/security-matrix'

describe('docs/SECURITY.md', () => {
  test('when its tables are generated again from the matrix and the routes, then nothing changes (run npm run security:matrix if it does)', () => {
    const doc = fs.readFileSync(SECURITY_DOC, 'utf8')
    expect(renderSecurityDoc(doc)).toBe(doc)
  })
})
