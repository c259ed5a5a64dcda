/** A finished recording: a Blob in the browser, a temporary file path in WeChat. */
export interface VoiceRecording {
  durationMs: number
  file: Blob | string
}

/** Hold to talk: start on press, stop (to send) or cancel on release. */
export interface VoiceRecorder {
  /** Rejects with an ApiError to show (no microphone permission, no microphone). */
  start(): Promise<void>
  /** The recording, or null when nothing was recording. */
  stop(): Promise<VoiceRecording | null>
  cancel(): void
}

/** Plays one voice message at a time; starting another stops the one playing. */
export interface VoicePlayer {
  play(url: string, events: { onEnded(): void; onError(): void }): void
  stop(): void
}
