'use strict'
// A small wechat4u bot using only its normal API: it prints the QR uuid, and answers every text message that
// someone else sends with "echo: <text>". Run it through loopback.js to talk to the emulator (see package.json).
// WECHAT4U_QUIET=1 (webwx-bot bench) leaves out the two lines per message, so a benchmark measures the echo alone.
const Wechat = require('wechat4u')

const quiet = process.env.WECHAT4U_QUIET === '1'

const bot = new Wechat()

bot.on('uuid', uuid => console.log('[wechat4u] uuid ' + uuid))
bot.on('login', () => console.log('[wechat4u] login ' + bot.user.NickName))
bot.on('logout', () => console.log('[wechat4u] logout'))
bot.on('error', err => console.error('[wechat4u] error ' + (err && err.message ? err.message : err)))

bot.on('message', msg => {
  if (msg.MsgType !== bot.CONF.MSGTYPE_TEXT || msg.isSendBySelf) {
    return
  }
  if (!quiet) console.log('[wechat4u] text from ' + msg.FromUserName + ': ' + msg.Content)
  bot.sendMsg('echo: ' + msg.Content, msg.FromUserName)
    .then(() => { if (!quiet) console.log('[wechat4u] replied') })
    .catch(err => console.error('[wechat4u] reply failed ' + (err && err.message ? err.message : err)))
})

bot.start()
