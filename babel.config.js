// Taro's preset compiles src/ (and contracts/, see config/index.ts) for weapp and h5.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
