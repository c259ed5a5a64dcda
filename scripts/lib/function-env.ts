import { CloudApiError, type CloudApiClient } from './tencentcloud-api'

/**
 * `tcb fn deploy` replaces a function's environment variables with those in cloudbaserc.json.
 * A deploy from a shell that lacks one (say LOUZU_TEMPLATE_IDS, set by hand in the console last
 * time) would silently delete it — and every WeChat message would stop. So before anything is
 * deployed, each function's current variables are read (SCF GetFunction; a CloudBase function is
 * an SCF function in the namespace named after the environment) and compared with the plan.
 */

const SCF = ['scf', '2018-04-16'] as const

/** The function's variables now, or null when it has never been deployed. */
export async function consoleVariables(
  api: CloudApiClient,
  envId: string,
  functionName: string,
): Promise<Record<string, string> | null> {
  try {
    const reply = await api.call<{ Environment?: { Variables?: Array<{ Key?: string; Value?: string }> } }>(
      ...SCF,
      'GetFunction',
      {
        FunctionName: functionName,
        Namespace: envId,
      },
    )
    return Object.fromEntries(
      (reply.Environment?.Variables ?? []).filter((v) => v.Key).map((v) => [v.Key as string, v.Value ?? '']),
    )
  } catch (error) {
    if (error instanceof CloudApiError && error.code.startsWith('ResourceNotFound')) return null
    throw error
  }
}

export interface EnvWipe {
  functionName: string
  variable: string
}

export interface EnvMerge {
  /** What the function will have after the deploy. */
  variables: Record<string, string>
  /** Our settings (`managed`) the console holds but the deploy lacks: the deploy refuses. */
  wipes: EnvWipe[]
  /** Variables someone added in the console that we do not manage: carried over as they are. */
  kept: string[]
}

/**
 * Merge the planned variables with what the console holds. A variable we manage must come from
 * the deploying shell (it is the source of truth, so a missing one is a mistake, not a wish);
 * anything else found in the console is kept.
 */
export function mergeWithConsole(
  functionName: string,
  current: Record<string, string> | null,
  planned: Record<string, string>,
  managed: readonly string[],
): EnvMerge {
  const variables = { ...planned }
  const wipes: EnvWipe[] = []
  const kept: string[] = []
  for (const [variable, value] of Object.entries(current ?? {})) {
    if (value === '' || planned[variable]) continue
    if (managed.includes(variable)) wipes.push({ functionName, variable })
    else {
      variables[variable] = value
      kept.push(variable)
    }
  }
  return { variables, wipes, kept }
}

export function wipeMessage(wipes: readonly EnvWipe[]): string {
  const byVariable = new Map<string, string[]>()
  for (const wipe of wipes) byVariable.set(wipe.variable, [...(byVariable.get(wipe.variable) ?? []), wipe.functionName])
  return [
    '部署已停止：这次部署会删除云函数上已有的环境变量 / Deploy stopped: it would delete environment variables the functions have now:',
    ...[...byVariable].map(([variable, functions]) => `  - ${variable} (on ${functions.join(', ')})`),
    '',
    'Set each of them in the deploying shell or .env.production.local (copy the value from 云开发控制台 → 云函数 → 函数配置),',
    'then deploy again. Nothing has been changed.',
  ].join('\n')
}
