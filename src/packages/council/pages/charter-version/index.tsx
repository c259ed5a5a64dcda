import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { ArticleChanges, ArticleList } from '../../../../features/charter/ArticleList'
import { ArticleEditor } from '../../../../features/charter/ArticleEditor'
import { CharterVoteForm } from '../../../../features/charter/CharterVoteForm'
import { effectiveLabel, STATUS_NAMES } from '../../../../features/charter/format'
import { useCharterVersion } from '../../../../features/charter/hooks'
import { voteUrl } from '../../../../features/council/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/charter/charter.css'

/** One version of a building's charter: what it says, what changed against the version before; the leader edits a draft and puts it to the vote here. */
export default function CharterVersionPage() {
  return (
    <PageShell className="charter-version-page">
      <Gate>
        <Version />
      </Gate>
    </PageShell>
  )
}

function Version() {
  const versionId = useRouter().params.id ?? ''
  const { remote, save, openVote, busy, error } = useCharterVersion(versionId)
  const [editing, setEditing] = useState(false)
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const version = remote.data

  async function saveArticles(articles: Parameters<typeof save>[0]) {
    if (await save(articles)) {
      setEditing(false)
      void Taro.showToast({ title: '草案已保存', icon: 'success' })
    }
  }
  async function putToVote(input: Parameters<typeof openVote>[0]) {
    const voteId = await openVote(input)
    if (voteId) openPage(voteUrl(voteId))
  }

  return (
    <View>
      <View className="lz-card">
        <Text className="lz-muted lz-block">{version.buildingName} 自治公约</Text>
        <Text className="lz-title lz-block charter-version-title">
          第 {version.number} 版 · {STATUS_NAMES[version.status]}
        </Text>
        <Text className="lz-muted lz-block">起草自{version.basedOn}</Text>
        {version.status === 'adopted' ? (
          <Text className="lz-text lz-block">
            {effectiveLabel(version.effectiveAt)}。全楼表决{version.resultSentence ?? ''}
          </Text>
        ) : null}
      </View>

      {version.status === 'voting' && version.voteId ? (
        <ActionButton className="go-vote" onClick={() => openPage(voteUrl(version.voteId ?? ''))}>
          正在表决：去投票
        </ActionButton>
      ) : null}

      {editing ? (
        <ArticleEditor
          initial={version.articles}
          busy={busy}
          saveLabel="保存草案"
          onSave={(a) => void saveArticles(a)}
        />
      ) : (
        <View className="lz-card charter-text">
          {version.comparedWith ? (
            <View>
              <Text className="lz-subtitle lz-block">与第 {version.comparedWith} 版相比</Text>
              <ArticleChanges changes={version.changes} />
            </View>
          ) : (
            <ArticleList articles={version.articles} />
          )}
        </View>
      )}
      {error ? <Text className="lz-error lz-block">{error}</Text> : null}

      {version.canEdit && !editing ? (
        <ActionButton tone="plain" className="edit-draft" onClick={() => setEditing(true)}>
          修改草案
        </ActionButton>
      ) : null}
      {version.canOpenVote && !editing ? <CharterVoteForm busy={busy} onOpen={(i) => void putToVote(i)} /> : null}
    </View>
  )
}
