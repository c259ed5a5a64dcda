/**
 * `npm run signin-code -- <name or openid>`: a one-time sign-in code for a real deployment of the
 * local runtime (started with `npm start -- --no-demo`), printed here to hand over on paper or by
 * phone. The person types it on the login page. 3 days, single use.
 *
 * Who: an existing account by its openid, or by its exact nickname (several with that name are
 * listed, and the openid decides); anything else makes a new account with that name. The
 * committee can make codes on its own page too (角色管理 → 登录码). Local database only (LOUZU_DB):
 * in WeChat, WeChat signs people in.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { signInCodeFor } from '../cloudfunctions/core/account/signin-codes'
import { AppError } from '../cloudfunctions/core/shared/errors'
import { isEntryPoint } from './lib/entry'
import { openScriptTarget, type ScriptEnv } from './lib/script-deps'

const USAGE = '用法：npm run signin-code -- <昵称或 openid>'
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

export async function signinCode(
  argv: string[],
  env: ScriptEnv = process.env,
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  let who: string
  try {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} })
    const [given] = positionals
    if (positionals.length !== 1 || !given?.trim()) throw new Error('need exactly one name or openid')
    who = given.trim()
  } catch (error) {
    printError(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (env.TCB_ENV_ID) {
    printError('登录码只用于本地部署（LOUZU_DB）。在微信小程序里，微信会自动登录，不需要登录码。')
    return 2
  }
  if (who.length > 64 || (!OPENID.test(who) && who.length > 20)) {
    printError('昵称最多 20 个字（openid 只含字母、数字、- 和 _）')
    return 2
  }
  const target = await openScriptTarget(env, path.resolve(__dirname, '..'))
  try {
    const result = await signInCodeFor(target.deps, who, 'console').catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'ACCOUNT.DELETED') return null
      throw error
    })
    if (!result) {
      printError(`账号 ${who} 已注销`)
      return 1
    }
    if (!result.ok) {
      printError(
        [
          `有 ${result.sameName.length} 个账号叫「${who}」，请用 openid 指定：`,
          ...result.sameName.map((u) => `  ${u.openid}`),
        ].join('\n'),
      )
      return 1
    }
    const until = new Date(result.expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
    print(
      [
        `${result.created ? '新账号' : '账号'}：${result.user.nickname}（${result.user.openid}）`,
        `登录码：${result.code}`,
        `  在登录页输入即可登录。只能用一次，有效到 ${until}。`,
      ].join('\n'),
    )
    return 0
  } finally {
    await target.close()
  }
}

if (isEntryPoint(__filename)) {
  signinCode(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code
    })
    .catch((error) => {
      console.error(`signin-code failed: ${error instanceof Error ? error.stack : String(error)}`)
      process.exitCode = 1
    })
}
