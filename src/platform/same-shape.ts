/**
 * tsc fails here when a platform file's two variants stop exporting the same things (Taro picks
 * one per build, so a name missing from the other would only break that build). Imported by nobody.
 */
import type * as audioH5 from './audio.h5'
import type * as audioWeapp from './audio.weapp'
import type * as deviceH5 from './device.h5'
import type * as deviceWeapp from './device.weapp'
import type * as filesH5 from './files.h5'
import type * as filesWeapp from './files.weapp'
import type * as notifyH5 from './notify.h5'
import type * as notifyWeapp from './notify.weapp'
import type * as photosH5 from './photos.h5'
import type * as photosWeapp from './photos.weapp'
import type * as recorderH5 from './recorder.h5'
import type * as recorderWeapp from './recorder.weapp'
import type * as realtimeH5 from './realtime.h5'
import type * as realtimeWeapp from './realtime.weapp'
import type * as transportH5 from './transport.h5'
import type * as transportWeapp from './transport.weapp'

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

export const platformVariantsAgree: [
  Same<typeof audioH5, typeof audioWeapp>,
  Same<typeof deviceH5, typeof deviceWeapp>,
  Same<typeof filesH5, typeof filesWeapp>,
  Same<typeof notifyH5, typeof notifyWeapp>,
  Same<typeof photosH5, typeof photosWeapp>,
  Same<typeof realtimeH5, typeof realtimeWeapp>,
  Same<typeof recorderH5, typeof recorderWeapp>,
  Same<typeof transportH5, typeof transportWeapp>,
] = [true, true, true, true, true, true, true, true]
