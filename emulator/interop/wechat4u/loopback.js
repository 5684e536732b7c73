'use strict'
// Preload (node --require ./loopback.js): sends every HTTP(S) request of this process to one origin, the
// emulator's, with method, path, query, headers and body untouched, the way any client can be pointed at a local
// test server. Nothing of wechat4u is changed, and no WeChat host name reaches the emulator: Node sets Host from the
// emulator's own address, so the emulator serves it as a loopback client (routing by path, its own origin in
// redirect_uri, host-only cookies).
//
//   WECHAT_EMULATOR_URL   the emulator's origin, e.g. http://127.0.0.1:8080 (required). For https:// trust the
//                         emulator's CA through NODE_EXTRA_CA_CERTS: certificates are still fully verified.
const http = require('http')
const https = require('https')

let target
try {
  target = new URL(process.env.WECHAT_EMULATOR_URL || '')
} catch (e) {
  throw new Error('loopback.js: set WECHAT_EMULATOR_URL to the emulator\'s origin, e.g. http://127.0.0.1:8080')
}
if (target.protocol !== 'http:' && target.protocol !== 'https:') {
  throw new Error('loopback.js: WECHAT_EMULATOR_URL must be http:// or https://')
}
const transport = target.protocol === 'https:' ? https : http
const send = transport.request
const port = target.port || (target.protocol === 'https:' ? 443 : 80)

// http.request(options[, cb]) or http.request(url[, options][, cb]) → one options object aimed at the emulator.
function aimed (args) {
  let options
  let callback
  if (typeof args[0] === 'string' || args[0] instanceof URL) {
    const url = new URL(args[0])
    const extra = typeof args[1] === 'object' && args[1] !== null ? args[1] : {}
    options = Object.assign({ method: 'GET', path: url.pathname + url.search }, extra)
    callback = typeof args[1] === 'function' ? args[1] : args[2]
  } else {
    options = Object.assign({}, args[0])
    callback = args[1]
  }
  const schemeChanged = options.protocol && options.protocol !== target.protocol
  Object.assign(options, { protocol: target.protocol, hostname: target.hostname, host: target.hostname, port })
  delete options.servername // chosen from the original host; the emulator's address is what is verified now
  if (schemeChanged && options.agent) {
    delete options.agent // an https.Agent cannot carry plain HTTP and vice versa
  }
  return [options, callback]
}

for (const module of [http, https]) {
  module.request = function loopbackRequest (...args) {
    const [options, callback] = aimed(args)
    return send.call(transport, options, callback)
  }
  module.get = function loopbackGet (...args) {
    const request = module.request(...args)
    request.end()
    return request
  }
}
