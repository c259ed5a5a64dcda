import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/Buttons'
import { openPage } from '../account/navigation'
import { useCharterTemplates } from './hooks'
import { CHARTER_ROUTES } from './routes'
import './charter.css'

/** The leader starts the next version: from the current one, or from one of the committee's templates. */
export function DraftStarter({
  hasCurrent,
  busy,
  onDraft,
}: {
  hasCurrent: boolean
  busy: boolean
  onDraft(templateId?: string): void
}) {
  const { remote } = useCharterTemplates()
  const templates = remote.data ?? []
  return (
    <View className="lz-card draft-starter">
      <Text className="lz-subtitle lz-block">起草新版本</Text>
      <Text className="lz-muted lz-block">起草后可以修改，改好了交全楼表决；三分之二以上同意才生效。</Text>
      {hasCurrent ? (
        <ActionButton className="draft-from-current" loading={busy} onClick={() => onDraft()}>
          在现行公约上修改
        </ActionButton>
      ) : null}
      {templates.map((t) => (
        <ActionButton
          key={t.templateId}
          tone={hasCurrent ? 'plain' : 'primary'}
          className="draft-from-template charter-wrap-button"
          loading={busy}
          onClick={() => onDraft(t.templateId)}
        >
          从范本「{t.title}」起草
        </ActionButton>
      ))}
      {templates.length ? (
        <Text className="lz-link lz-block read-templates" onClick={() => openPage(CHARTER_ROUTES.templates)}>
          先读一读范本全文 ›
        </Text>
      ) : null}
      {!hasCurrent && !templates.length && !remote.loading ? (
        <Text className="lz-muted lz-block">居委会还没有发布公约范本。</Text>
      ) : null}
    </View>
  )
}
