'use strict'
// Preload (node --require ./redirect.js): sends every TLS connection for a WeChat host name to the emulator,
// keeping the real host name as the TLS server name (SNI) and in the Host header. Nothing of wechat4u is changed;
// the emulator's CA comes in through NODE_EXTRA_CA_CERTS, so certificates are still fully verified.
//
//   WECHAT_EMULATOR_PORT   the emulator's port (required)
//   WECHAT_EMULATOR_HOST   the emulator's address (default 127.0.0.1)
const tls = require('tls')

const port = Number.parseInt(process.env.WECHAT_EMULATOR_PORT || '', 10)
const address = process.env.WECHAT_EMULATOR_HOST || '127.0.0.1'
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  throw new Error('redirect.js: set WECHAT_EMULATOR_PORT to the emulator\'s port')
}
const WECHAT_HOST = /(^|\.)(qq\.com|wechat\.com|wechatapp\.com)$/i

const connect = tls.connect
tls.connect = function redirectedConnect (...args) {
  const options = args[0]
  if (options && typeof options === 'object' && typeof options.host === 'string' && WECHAT_HOST.test(options.host)) {
    // https.Agent has already chosen servername from the URL's host; keep it so the certificate is checked for it.
    args[0] = Object.assign({}, options, { host: address, port, servername: options.servername || options.host })
  }
  return connect.apply(this, args)
}
