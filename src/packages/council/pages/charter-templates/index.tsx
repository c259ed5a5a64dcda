import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { CHARTER_LIMITS, type CharterTemplateView } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { isCommittee } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { ArticleEditor } from '../../../../features/charter/ArticleEditor'
import { ArticleList } from '../../../../features/charter/ArticleList'
import { useCharterTemplates } from '../../../../features/charter/hooks'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/charter/charter.css'

/** 公约范本: the committee writes and edits templates; leaders read them here and draft from them on their charter page. */
export default function CharterTemplatesPage() {
  return (
    <PageShell className="charter-templates-page">
      <Gate>
        <Templates />
      </Gate>
    </PageShell>
  )
}

/** What is being edited: a new template (`null` id) or an existing one. */
type Editing = { templateId: string | null; title: string; template: CharterTemplateView | null }

function Templates() {
  const { me } = useSession()
  const committee = isCommittee(me)
  const { remote, save, busy, error } = useCharterTemplates()
  const [editing, setEditing] = useState<Editing | null>(null)
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />

  if (editing)
    return (
      <View>
        <View className="lz-card">
          <Text className="charter-label">范本名称</Text>
          <Input
            className="lz-input template-title-input"
            value={editing.title}
            maxlength={CHARTER_LIMITS.templateTitleMax}
            placeholder="例如：楼组自治公约范本"
            onInput={(e) => setEditing({ ...editing, title: e.detail.value })}
          />
        </View>
        <ArticleEditor
          initial={editing.template?.articles ?? [{ title: '', text: '' }]}
          busy={busy}
          saveLabel="发布范本"
          onSave={(articles) =>
            void save({
              ...(editing.templateId ? { templateId: editing.templateId } : {}),
              title: editing.title,
              articles,
            }).then((saved) => {
              if (!saved) return
              setEditing(null)
              void Taro.showToast({ title: '范本已发布', icon: 'success' })
            })
          }
        />
        {error ? <Text className="lz-error lz-block">{error}</Text> : null}
        <ActionButton tone="plain" onClick={() => setEditing(null)}>
          取消
        </ActionButton>
      </View>
    )

  return (
    <View>
      {committee ? (
        <ActionButton
          className="new-template"
          onClick={() => setEditing({ templateId: null, title: '', template: null })}
        >
          写一份新范本
        </ActionButton>
      ) : null}
      {remote.data.length ? (
        remote.data.map((t) => (
          <View key={t.templateId} className="lz-card charter-template">
            <Text className="lz-subtitle lz-block">{t.title}</Text>
            <ArticleList articles={t.articles} />
            {committee ? (
              <ActionButton
                tone="plain"
                className="edit-template"
                onClick={() => setEditing({ templateId: t.templateId, title: t.title, template: t })}
              >
                修改这份范本
              </ActionButton>
            ) : null}
          </View>
        ))
      ) : (
        <EmptyState
          title="还没有公约范本"
          hint={committee ? '写一份范本，各楼可以从它起草自己的公约。' : '居委会发布范本后会显示在这里。'}
        />
      )}
    </View>
  )
}
