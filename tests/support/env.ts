// Never let @cloudbase/node-sdk look for Tencent's metadata server from a test.
process.env.TENCENTCLOUD = 'true'
process.env.TZ = process.env.TZ ?? 'Asia/Shanghai'
