// Conversation: every account's messages in and out as they happen (the live stream), each kind rendered, a chat
// filter, and a send form. A received message links to its dispatch trace (#/trace/<account>/<msgId>).
import { el, clear, append, time } from '../dom.js';

const KEEP = 500; // messages kept on the page
const KINDS = {
  'message.text': 'text', 'message.image': 'image', 'message.voice': 'voice', 'message.video': 'video',
  'message.file': 'file', 'message.card': 'card', 'message.emoticon': 'emoticon', 'message.location': 'location',
  'message.link': 'link', 'message.mini-program': 'mini-program', 'message.music': 'music', 'message.quote': 'quote',
  'message.transfer': 'transfer', 'message.unknown': 'unknown', system: 'system', 'friend-request': 'friend-request',
};

export async function render(root, { api, events, navigate }) {
  const messages = []; // oldest first
  const chats = new Map(); // chat id → name, of the chosen account
  let account = '';

  const accountSelect = el('select', { id: 'chat-account', onchange: () => choose(accountSelect.value) });
  const filter = el('input', { id: 'chat-filter', class: 'filter', type: 'search', placeholder: 'Filter by chat', list: 'chat-names',
    oninput: redraw });
  const names = el('datalist', { id: 'chat-names' });
  const list = el('ul', { class: 'messages', id: 'messages' });
  const to = el('input', { id: 'send-to', placeholder: 'To: chat name or id', list: 'chat-names', required: true });
  const text = el('input', { id: 'send-text', placeholder: 'Message', required: true, autocomplete: 'off' });
  const sendError = el('p', { class: 'error', id: 'send-error', role: 'alert' });
  const form = el('form', { class: 'send-form', id: 'send-form', onsubmit: send },
    to, text, el('button', { type: 'submit', id: 'send-button' }, 'Send'));
  append(root,
    el('h1', {}, 'Conversation'),
    el('div', { class: 'toolbar' }, el('label', { for: 'chat-account' }, 'Account'), accountSelect, filter, names,
      el('span', { class: 'muted' }, 'Click a received message to see why the bot did or did not answer.')),
    el('div', { class: 'chat-layout' }, list, form, sendError));

  // Subscribed before the first read, so nothing in between is missed.
  events.on('message.*', envelope => add(fromEvent(envelope)));
  events.on('system', envelope => add(fromEvent(envelope)));
  events.on('friend-request', envelope => add(fromEvent(envelope)));
  events.on('revoke', envelope => revoked(envelope.account, envelope.event.revokedMsgId, envelope));
  events.on('revoked', envelope => revoked(envelope.account, envelope.event.revokedMsgId, null));
  events.on('account.state', envelope => {
    if (![...accountSelect.options].some(o => o.value === envelope.account)) {
      accountSelect.append(el('option', { value: envelope.account }, envelope.account));
    }
  });

  try {
    const answer = await api.get('/accounts');
    for (const a of answer.accounts) accountSelect.append(el('option', { value: a.id }, a.id + ' (' + a.state.toLowerCase() + ')'));
    const first = answer.accounts.find(a => a.state === 'ONLINE') ?? answer.accounts[0];
    if (first) {
      accountSelect.value = first.id;
      await choose(first.id);
    }
  } catch (e) {
    sendError.textContent = e.message;
  }

  async function choose(id) {
    account = id;
    chats.clear();
    // What the message store kept of this account, when it is on; the page works without it.
    try {
      const stored = await api.get('/messages?account=' + encodeURIComponent(id) + '&limit=50');
      const known = new Set(messages.map(m => m.account + '/' + (m.msgId || m.key)));
      const older = stored.messages.map(fromStored).filter(m => !known.has(m.account + '/' + (m.msgId || m.key))).reverse();
      messages.unshift(...older);
    } catch {
      // 404 STORE_DISABLED or 503: live messages only
    }
    redraw();
  }

  function add(message) {
    if (!message) return;
    // A send arrives twice: as message.sent, and as the server's echo of the bot's own message (fromSelf).
    if (message.msgId && messages.some(m => m.account === message.account && m.msgId === message.msgId)) return;
    messages.push(message);
    if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
    if (message.account !== account || !matches(message)) {
      noteChat(message);
      return;
    }
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    list.append(item(message));
    noteChat(message);
    if (nearBottom) list.scrollTop = list.scrollHeight;
  }

  function revoked(accountId, msgId, envelope) {
    const original = messages.find(m => m.account === accountId && m.msgId === msgId);
    if (original) {
      original.revoked = true;
      const node = document.getElementById(domId(original));
      if (node) node.replaceWith(item(original));
    }
    if (envelope) add(fromEvent(envelope));
  }

  function noteChat(message) {
    if (message.account !== account || !message.chatId || chats.has(message.chatId)) return;
    chats.set(message.chatId, message.chatName);
    names.append(el('option', { value: message.chatName || message.chatId }));
  }

  function matches(message) {
    const wanted = filter.value.trim().toLowerCase();
    if (!wanted) return true;
    return (message.chatName ?? '').toLowerCase().includes(wanted) || (message.chatId ?? '').toLowerCase() === wanted;
  }

  function redraw() {
    clear(names);
    chats.clear();
    clear(list);
    const shown = messages.filter(m => m.account === account);
    shown.forEach(noteChat);
    const visible = shown.filter(matches);
    if (visible.length === 0) list.append(el('li', { class: 'muted empty' }, 'No messages yet.'));
    for (const message of visible) list.append(item(message));
    list.scrollTop = list.scrollHeight;
  }

  async function send(event) {
    event.preventDefault();
    sendError.textContent = '';
    if (!account) {
      sendError.textContent = 'No account to send from.';
      return;
    }
    const button = document.getElementById('send-button');
    button.disabled = true;
    try {
      // The sent message shows up through the live stream (message.sent), like every other send of the bot.
      await api.post('/accounts/' + encodeURIComponent(account) + '/messages', { to: to.value.trim(), text: text.value });
      text.value = '';
    } catch (e) {
      sendError.textContent = 'Not sent: ' + e.message;
    } finally {
      button.disabled = false;
    }
  }

  function item(message) {
    const received = message.dir === 'in' && message.msgId && message.kind !== 'revoke';
    const chatButton = el('button', { class: 'chat-name linkish', type: 'button', title: 'Show only this chat', onclick: e => {
      e.stopPropagation();
      filter.value = message.chatName || message.chatId;
      to.value = message.chatName || message.chatId;
      redraw();
    } }, message.chatName || message.chatId || '');
    const meta = el('div', { class: 'meta' },
      chatButton,
      message.dir === 'in' && message.sender && message.sender !== message.chatName ? el('span', { class: 'sender' }, message.sender) : null,
      message.dir === 'out' ? el('span', { class: 'sender' }, 'bot') : null,
      el('span', { class: 'time' }, time(message.time)),
      el('span', { class: 'tag' }, message.kind),
      message.revoked ? el('span', { class: 'tag revoke' }, 'withdrawn') : null,
      message.status === 'failed' ? el('span', { class: 'tag failed', title: message.failure }, 'not sent: ' + message.failure) : null);
    const node = el('li', {
      id: domId(message),
      class: ['message', message.dir, received ? 'clickable' : '', message.revoked ? 'revoked' : '', 'kind-' + message.kind],
      dataset: { msgId: message.msgId ?? '', kind: message.kind },
      title: received ? 'Why did (or didn\'t) the bot answer?' : null,
      onclick: received ? () => navigate('#/trace/' + encodeURIComponent(message.account) + '/' + encodeURIComponent(message.msgId)) : null,
    }, meta, el('div', { class: 'body' }, content(message)));
    return node;
  }

  function mediaUrl(message) {
    return api.url('/accounts/' + encodeURIComponent(message.account) + '/messages/' + encodeURIComponent(message.msgId) + '/media');
  }

  function download(message, label) {
    return el('a', { href: mediaUrl(message), class: 'download', download: '', onclick: e => e.stopPropagation() }, label);
  }

  function content(m) {
    const e = m.event;
    if (m.dir === 'out' && m.sentKind) {
      if (m.sentKind === 'text' || m.sentKind === 'quote') return e.text;
      return [m.sentKind + ': ', e.fileName || ''];
    }
    switch (m.kind) {
      case 'text':
      case 'system':
        return e.text ?? '';
      case 'quote':
        return [el('blockquote', { class: 'quoted' }, (e.quotedSenderName ?? '') + ': ' + (e.quotedText ?? '')), e.text ?? ''];
      case 'image':
        return m.stored ? ['image ', e.fileName ?? ''] : el('a', { href: mediaUrl(m), onclick: ev => ev.stopPropagation() },
          el('img', { class: 'thumb', src: mediaUrl(m), alt: 'image ' + (e.width ?? '') + '×' + (e.height ?? ''), loading: 'lazy' }));
      case 'emoticon':
        return m.stored ? 'sticker' : el('img', { class: 'thumb', src: mediaUrl(m), alt: 'sticker', loading: 'lazy' });
      case 'voice':
        return ['voice message, ' + Math.round((e.durationMillis ?? 0) / 1000) + ' s · ', download(m, 'download')];
      case 'video':
        return ['video, ' + Math.round((e.durationMillis ?? 0) / 1000) + ' s · ', download(m, 'download')];
      case 'file':
        return ['file ', download(m, e.fileName || 'download'), e.size ? ' (' + size(e.size) + ')' : ''];
      case 'card':
        return el('div', { class: 'card' }, 'Contact card: ', el('strong', {}, e.nickName ?? ''),
          e.alias ? ' (' + e.alias + ')' : '', e.province || e.city ? ' · ' + [e.province, e.city].filter(Boolean).join(' ') : '');
      case 'link':
      case 'music':
        return el('div', { class: 'card' }, el('a', { href: e.url, target: '_blank', rel: 'noopener noreferrer',
          onclick: ev => ev.stopPropagation() }, e.title || e.url || 'link'), e.description ? el('div', { class: 'muted' }, e.description) : null);
      case 'location':
        return el('div', { class: 'card' }, 'Location: ', el('strong', {}, e.poiName || e.label || ''),
          e.poiName && e.label ? ' · ' + e.label : '', ' (' + e.latitude + ', ' + e.longitude + ')',
          e.mapUrl ? [' · ', el('a', { href: e.mapUrl, target: '_blank', rel: 'noopener noreferrer', onclick: ev => ev.stopPropagation() }, 'map')] : null);
      case 'mini-program':
        return el('div', { class: 'card' }, 'Mini program: ', e.title ?? '', e.appName ? ' (' + e.appName + ')' : '');
      case 'transfer':
        return 'Transfer: ' + (e.description ?? '');
      case 'friend-request':
        return 'Friend request from ' + (e.nickName ?? '') + (e.greeting ? ': ' + e.greeting : '');
      case 'revoke':
        return el('span', { class: 'tag revoke' }, (m.sender || 'someone') + ' withdrew message ' + (e.revokedMsgId ?? ''));
      case 'unknown':
        return 'A message of a kind this bot does not know (type ' + (e.msgType ?? '?') + ')';
      default:
        return e.text ?? '';
    }
  }
}

function domId(message) {
  return 'message-' + message.account + '-' + (message.msgId || message.key);
}

function size(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KiB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MiB';
}

let counter = 0;

/** A live event as a message of the page; null for events that are not shown here. */
function fromEvent(envelope) {
  const e = envelope.event;
  if (envelope.type === 'message.sent') {
    return {
      key: 'sent-' + (e.localId || e.msgId || ++counter), account: envelope.account, dir: 'out', kind: e.kind, sentKind: e.kind,
      msgId: e.msgId, chatId: e.chat?.id, chatName: e.chat?.remark || e.chat?.name, sender: '', time: e.time,
      status: e.status, failure: e.failure, event: e,
    };
  }
  const kind = envelope.type === 'revoke' ? 'revoke' : KINDS[envelope.type];
  if (!kind) return null;
  return {
    key: envelope.type + '-' + (e.msgId || ++counter), account: envelope.account, dir: e.fromSelf ? 'out' : 'in', kind,
    msgId: e.msgId, chatId: e.chat?.id, chatName: e.chat?.remark || e.chat?.name, sender: e.sender?.remark || e.sender?.name,
    time: e.time ?? envelope.time, status: 'received', failure: '', event: e,
  };
}

/** A message of the store (GET /messages) as a message of the page. */
function fromStored(s) {
  const kind = KINDS[s.kind] ?? s.kind;
  return {
    key: (s.direction === 'OUT' ? 'sent-' + (s.localId || s.msgId) : s.kind + '-' + s.msgId),
    account: s.account, dir: s.direction === 'OUT' ? 'out' : 'in', kind, sentKind: s.direction === 'OUT' && kind === 'text' ? 'text' : null,
    msgId: s.msgId, chatId: s.chat?.id, chatName: s.chat?.name, sender: s.sender?.groupName || s.sender?.name, time: s.time,
    status: s.status, failure: s.failure, stored: true,
    event: { text: s.text, fileName: s.media?.fileName ?? '', size: s.media?.size ?? 0 },
  };
}
