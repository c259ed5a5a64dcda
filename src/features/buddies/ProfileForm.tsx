import { Input, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import {
  AGE_BAND_NAMES,
  AGE_BANDS,
  AVAILABILITY,
  AVAILABILITY_NAMES,
  BUDDY_LIMITS,
  INTERESTS,
  SKILLS,
  type AgeBand,
  type Availability,
  type BuddyProfileFields,
  type BuddyProfileView,
  type Interest,
  type Skill,
} from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { MultiChips, SingleChips } from '../../components/Chips'

/** What the form hands back: the profile fields as contracts/buddies.ts declares them. */
export type ProfileDraft = BuddyProfileFields

interface ProfileFormProps {
  initial: BuddyProfileView | null
  defaultNickname: string
  /** Sign-up asks for consent; editing does not. */
  mode: 'signUp' | 'edit'
  busy: boolean
  error: { field?: string; message: string } | null
  onSubmit(draft: ProfileDraft): void
}

/** One question of the form: what it is, why we ask, the answer, and its error if any. */
function Field({
  title,
  why,
  field,
  error,
  children,
}: {
  title: string
  why: string
  field: string
  error: ProfileFormProps['error']
  children: ReactNode
}) {
  const mine = error?.field === field || error?.field?.startsWith(`${field}.`)
  return (
    <View className={`buddy-field field-${field}`}>
      <Text className="lz-subtitle">{title}</Text>
      <Text className="buddy-why">{why}</Text>
      {children}
      {mine ? <Text className="lz-error">{error?.message}</Text> : null}
    </View>
  )
}

/**
 * The sign-up (and edit) form: short, every item says what it is used for. The same schema as
 * the server checks it when sent (services/api), so a mistake shows the same message here.
 */
export function ProfileForm({ initial, defaultNickname, mode, busy, error, onSubmit }: ProfileFormProps) {
  const [nickname, setNickname] = useState(initial?.nickname ?? defaultNickname)
  const [ageBand, setAgeBand] = useState<AgeBand | null>(initial?.ageBand ?? null)
  const [interests, setInterests] = useState<Interest[]>(initial?.interests ?? [])
  const [tags, setTags] = useState<string[]>(initial?.tags ?? [])
  const [tagDraft, setTagDraft] = useState('')
  const [skills, setSkills] = useState<Skill[]>(initial?.skills ?? [])
  const [workplace, setWorkplace] = useState(initial?.workplace ?? '')
  const [availability, setAvailability] = useState<Availability[]>(initial?.availability ?? [])
  const [consent, setConsent] = useState(false)
  const [hint, setHint] = useState<string | null>(null)

  const addTag = () => {
    const tag = tagDraft.trim()
    if (!tag || tags.includes(tag) || tags.length >= BUDDY_LIMITS.tagsMax) return
    setTags([...tags, tag])
    setTagDraft('')
  }

  const submit = () => {
    if (!ageBand) return setHint('请选择年龄段')
    if (!interests.length) return setHint('请至少选一个兴趣')
    if (!availability.length) return setHint('请选择您一般什么时候有空')
    if (mode === 'signUp' && !consent) return setHint('请先阅读并勾选同意说明')
    setHint(null)
    onSubmit({
      nickname: nickname.trim(),
      ageBand,
      interests,
      tags,
      skills,
      ...(workplace.trim() ? { workplace: workplace.trim() } : {}),
      availability,
    })
  }

  return (
    <View className="buddy-form">
      <View className="lz-card">
        <Field title="称呼" why="在兴趣小组和帮忙时显示，不需要真实姓名。" field="nickname" error={error}>
          <Input
            className="lz-input buddy-nickname"
            value={nickname}
            maxlength={BUDDY_LIMITS.nicknameMax}
            placeholder="例如 小周"
            onInput={(e) => setNickname(e.detail.value)}
          />
        </Field>
        <Field
          title="年龄段"
          why="网络小伙伴面向 18–45 岁的年轻邻居；居委会只用来了解大家的年龄分布。"
          field="ageBand"
          error={error}
        >
          <SingleChips
            className="age-bands"
            options={AGE_BANDS}
            labels={AGE_BAND_NAMES}
            value={ageBand}
            onChange={(v) => setAgeBand(v)}
          />
        </Field>
        <Field
          title={`兴趣（选 1–${BUDDY_LIMITS.interestsMax} 个）`}
          why="用来给您推荐兴趣小组。"
          field="interests"
          error={error}
        >
          <MultiChips
            className="interests"
            options={INTERESTS}
            value={interests}
            onChange={setInterests}
            max={BUDDY_LIMITS.interestsMax}
          />
        </Field>
        <Field
          title="其他爱好（可不填）"
          why={`列表里没有的，可以自己写，最多 ${BUDDY_LIMITS.tagsMax} 个，每个不超过 ${BUDDY_LIMITS.tagMax} 个字。`}
          field="tags"
          error={error}
        >
          {tags.length ? (
            <View className="group-tags">
              {tags.map((tag) => (
                <Text key={tag} className="lz-tag tag-chip" onClick={() => setTags(tags.filter((t) => t !== tag))}>
                  {tag} ✕
                </Text>
              ))}
            </View>
          ) : null}
          {tags.length < BUDDY_LIMITS.tagsMax ? (
            <View className="lz-row tag-entry">
              <Input
                className="lz-input tag-input"
                value={tagDraft}
                maxlength={BUDDY_LIMITS.tagMax}
                placeholder="例如 咖啡"
                onInput={(e) => setTagDraft(e.detail.value)}
                onConfirm={addTag}
              />
              <Text className="lz-link add-tag" onClick={addTag}>
                添加
              </Text>
            </View>
          ) : null}
        </Field>
      </View>

      <View className="lz-card">
        <Field
          title="我能帮邻居做的事（可不填）"
          why="楼里的长辈需要这项帮忙时，会通知同小区会这项本事的小伙伴；接不接由您决定。"
          field="skills"
          error={error}
        >
          <MultiChips className="skills" options={SKILLS} value={skills} onChange={setSkills} />
        </Field>
        <Field
          title="工作单位（可不填）"
          why="工作单位：用于双楼共建，把同一单位的小伙伴和楼组联系起来。可以写公司名或写字楼名。"
          field="workplace"
          error={error}
        >
          <Input
            className="lz-input buddy-workplace"
            value={workplace}
            maxlength={BUDDY_LIMITS.workplaceMax}
            placeholder="例如 张江科技园"
            onInput={(e) => setWorkplace(e.detail.value)}
          />
        </Field>
        <Field title="一般什么时候有空" why="方便组织者安排活动、长辈约帮忙的时间。" field="availability" error={error}>
          <MultiChips
            className="availability"
            options={AVAILABILITY}
            labels={AVAILABILITY_NAMES}
            value={availability}
            onChange={setAvailability}
          />
        </Field>
      </View>

      {mode === 'signUp' ? (
        <View className="lz-card consent-card">
          <Text className="lz-subtitle">说明</Text>
          <Text className="lz-text lz-block">
            我们会保存您填的以上信息。居委会可以看到网络小伙伴名单（不含门牌号），用于组织活动和双楼共建；兴趣小组的组员能看到您的称呼；您接下邻居的求助时，对方能看到您的称呼。您可以随时在“我的小伙伴档案”里修改或退出，退出后档案和小组成员身份会被删除。
          </Text>
          <View className="consent-check" onClick={() => setConsent(!consent)} role="checkbox" aria-checked={consent}>
            <View className={`check-box ${consent ? 'checked' : ''}`}>{consent ? '✓' : ''}</View>
            <Text className="lz-text">我已阅读并同意以上说明</Text>
          </View>
          {error?.field === 'consent' ? <Text className="lz-error">{error.message}</Text> : null}
        </View>
      ) : null}

      {hint ? <Text className="lz-error form-hint">{hint}</Text> : null}
      {error && !error.field ? <Text className="lz-error">{error.message}</Text> : null}
      <ActionButton className="submit-buddy" loading={busy} onClick={submit}>
        {mode === 'signUp' ? '加入网络小伙伴' : '保存'}
      </ActionButton>
    </View>
  )
}
