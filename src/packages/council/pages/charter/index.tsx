import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { CharterOverview } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { ArticleList } from '../../../../features/charter/ArticleList'
import { DraftStarter } from '../../../../features/charter/DraftStarter'
import { effectiveLabel, signedLine, STATUS_NAMES } from '../../../../features/charter/format'
import { useCharter, useNotSigned } from '../../../../features/charter/hooks'
import { charterPosterUrl, charterVersionUrl } from '../../../../features/charter/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/charter/charter.css'

/** 自治公约: the building's current charter in large type, signing it for the household, and the leader's tools. */
export default function CharterPage() {
  return (
    <PageShell className="charter-page">
      <Gate>
        <Charter />
      </Gate>
    </PageShell>
  )
}

function Charter() {
  const buildingId = useRouter().params.buildingId || undefined
  const { remote, sign, draft, busy, error } = useCharter(buildingId)
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const charter = remote.data
  const current = charter.current

  async function startDraft(templateId?: string) {
    const version = await draft(templateId)
    if (version) openPage(charterVersionUrl(version.versionId))
  }

  return (
    <View>
      <Text className="lz-title lz-block">{charter.buildingName} 自治公约</Text>
      {current ? (
        <View className="lz-card charter-current">
          <Text className="lz-subtitle lz-block">
            第 {current.number} 版 · {effectiveLabel(current.effectiveAt)}
          </Text>
          {current.resultSentence ? (
            <Text className="lz-muted lz-block charter-result">全楼表决{current.resultSentence}</Text>
          ) : null}
          <ArticleList articles={current.articles} />
        </View>
      ) : (
        <EmptyState
          title="本楼还没有自治公约"
          hint={charter.canManage ? '可以从居委会的范本起草，交全楼表决。' : '楼组长起草以后，会请各户表决。'}
        />
      )}

      {current ? <SignCard charter={charter} busy={busy} onSign={() => void sign(current.versionId)} /> : null}
      {error ? <Text className="lz-error lz-block">{error}</Text> : null}

      {charter.draft ? (
        <View
          className="lz-card charter-draft"
          onClick={() => openPage(charterVersionUrl(charter.draft?.versionId ?? ''))}
        >
          <Text className={`lz-tag ${charter.draft.status === 'voting' ? 'warn' : ''}`}>
            {STATUS_NAMES[charter.draft.status]}
          </Text>
          <Text className="lz-subtitle lz-block">第 {charter.draft.number} 版草案</Text>
          <Text className="lz-link lz-block">看草案{charter.draft.status === 'voting' ? '、去投票' : ''} ›</Text>
        </View>
      ) : charter.canManage ? (
        <DraftStarter hasCurrent={!!current} busy={busy} onDraft={(id) => void startDraft(id)} />
      ) : null}

      {current && charter.canFollowUp ? <FollowUp buildingId={charter.buildingId} /> : null}

      {charter.history.length ? (
        <View className="lz-card charter-history">
          <Text className="lz-subtitle lz-block">历次版本</Text>
          {charter.history.map((v) => (
            <View
              key={v.versionId}
              className="charter-list-item lz-row"
              onClick={() => openPage(charterVersionUrl(v.versionId))}
            >
              <Text className="lz-text">
                第 {v.number} 版 · {effectiveLabel(v.effectiveAt)}
              </Text>
              <Text className="lz-link">看改了什么 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function SignCard({ charter, busy, onSign }: { charter: CharterOverview; busy: boolean; onSign(): void }) {
  const mine = charter.mySignature
  return (
    <View className="lz-card charter-sign">
      <Text className="charter-signed lz-block">{signedLine(charter.signedCount, charter.householdCount)}</Text>
      {mine ? (
        <Text className="lz-text lz-block my-signature">
          我家已签约：{mine.signedByName} · {dayjs(mine.signedAt).format('M月D日 HH:mm')}
        </Text>
      ) : charter.canSign ? (
        <View>
          <Text className="lz-text lz-block">读过了、同意遵守，就替全家签个约（每户签一次）。</Text>
          <ActionButton className="sign-charter" loading={busy} onClick={onSign}>
            我家同意并签约
          </ActionButton>
        </View>
      ) : null}
    </View>
  )
}

/** The leader's (and the committee's) follow-up: rooms not yet signed, and the lobby poster. */
function FollowUp({ buildingId }: { buildingId: string }) {
  const [open, setOpen] = useState(false)
  const list = useNotSigned(buildingId, open)
  return (
    <View className="lz-card charter-follow-up">
      <ActionButton className="print-charter-poster" onClick={() => openPage(charterPosterUrl(buildingId))}>
        大堂海报（打印张贴）
      </ActionButton>
      <ActionButton tone="plain" className="show-not-signed" onClick={() => setOpen(!open)}>
        {open ? '收起敲门名单' : '还没签约的户（敲门名单）'}
      </ActionButton>
      {open && list.data ? (
        <View className="charter-not-signed">
          <Text className="lz-text lz-block">
            还有 {list.data.rooms.length} 户没有签第 {list.data.number} 版：
          </Text>
          <View className="charter-knock-rooms">
            {list.data.rooms.map((room) => (
              <View key={room} className="charter-knock-room">
                <Text>{room}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {open && list.error ? <Text className="lz-error lz-block">{list.error}</Text> : null}
    </View>
  )
}
