import type { Deps } from './ports'

/**
 * One feature's share of a person's data, for 导出我的数据 and 注销账号 (PIPL rights). Each
 * feature that stores personal data contributes a section; `core/personal-data.ts` lists them.
 */
export interface PersonalDataSection {
  /** Key in the export, e.g. `health`. */
  name: string
  export(deps: Deps, userId: string): Promise<unknown>
  /**
   * Remove what is personal. What the person wrote in shared spaces may stay, but it must no
   * longer say who they were (names are resolved at read time and show 已注销用户).
   */
  erase(deps: Deps, userId: string): Promise<void>
}
