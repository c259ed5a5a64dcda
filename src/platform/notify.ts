// What tsc and jest see; Taro's build replaces it with notify.h5.ts or notify.weapp.ts.
export * from './notify.h5'
