// What tsc and jest see; Taro's build replaces it with device.h5.ts or device.weapp.ts.
export * from './device.h5'
