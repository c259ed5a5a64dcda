import type { ScriptEnv } from './script-deps'
import type { UserDoc } from '../../cloudfunctions/core/account/account.docs'
import type { DocumentStore } from '../../cloudfunctions/core/shared/document-store'
import type { Deps } from '../../cloudfunctions/core/shared/ports'
import { PERSONAS } from '../../cloudfunctions/seed/neighbourhood'

/** What the bootstrap script does around the import itself. */
export const afterBootstrap = {
  /** A database that holds the demo neighbourhood is for trying the product, not for real households. */
  async refuseTarget(store: DocumentStore): Promise<string | null> {
    const [persona] = await store.find<UserDoc>('users', { openid: PERSONAS[0].openid }, { limit: 1 })
    return persona ? '这个数据库装的是演示小区（有演示身份），不能导入真实住户。请换一个空的数据库（LOUZU_DB=… npm start -- --no-demo）。' : null
  },

  async run(_deps: Deps, _env: ScriptEnv): Promise<string[]> {
    return []
  },
}
