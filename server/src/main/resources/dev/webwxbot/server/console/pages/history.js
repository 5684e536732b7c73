// #/history: a search over the message store (words, account, chat, sender, kind, time), newest first; a received
// message whose dispatch trace is still kept links to it.
import { el, clear, time } from '../dom.js';
import { useStyles, badge, failure, traceHash } from './insight.js';

export async function render(root, ctx) {
  useStyles();
  const field = (name, placeholder, type) => el('input', { name, placeholder, type: type ?? 'text', id: 'history-' + name });
  const form = el('form', { class: 'search', id: 'history-form' },
    field('q', 'words (every one must occur)'), field('account', 'account'), field('chat', 'chat'),
    field('sender', 'sender'), field('kind', 'kind, e.g. message.image'),
    el('select', { name: 'limit', id: 'history-limit' }, ['50', '200', '1000'].map(n => el('option', { value: n }, n + ' newest'))),
    el('button', { type: 'submit', id: 'history-search' }, 'Search'));
  const results = el('div', { id: 'history-results' });
  root.append(el('h1', {}, 'History'), form, results);
  form.addEventListener('submit', event => {
    event.preventDefault();
    search();
  });

  async function search() {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (String(value).trim()) query.set(name, String(value).trim());
    clear(results).append(el('p', { class: 'muted' }, 'Searching…'));
    let answer;
    let kept;
    try {
      [answer, kept] = await Promise.all([ctx.api.get('/messages?' + query), keptTraces(ctx)]);
    } catch (e) {
      clear(results).append(failure(e.reason === 'STORE_DISABLED' ? 'The daemon keeps no messages'
        : 'The search failed', e));
      return;
    }
    clear(results);
    if (answer.messages.length === 0) {
      results.append(el('p', { class: 'muted', id: 'history-none' }, 'No stored message matches.'));
      return;
    }
    results.append(el('p', { class: 'muted' }, answer.messages.length + ' message(s), newest first.'),
      el('table', { class: 'insight-table', id: 'history-table' },
        el('thead', {}, el('tr', {}, ['Time', 'Account', 'Chat', 'From', 'Kind', 'Text', 'Status', 'Why'].map(h => el('th', {}, h)))),
        el('tbody', {}, answer.messages.map(m => row(m, kept)))));
  }

  function row(m, kept) {
    const traced = m.direction === 'IN' && kept.has(m.account + '/' + m.msgId);
    const what = m.text || (m.media ? '[' + (m.media.fileName || m.kind) + ']' : '');
    return el('tr', { dataset: { msgId: m.msgId } },
      el('td', {}, time(m.time)), el('td', {}, m.account), el('td', {}, m.chat.name || m.chat.id),
      el('td', {}, m.direction === 'OUT' ? 'the bot' : (m.sender.groupName || m.sender.name)),
      el('td', {}, m.kind), el('td', { class: 'detail' }, what),
      el('td', {}, m.direction === 'OUT' ? badge(m.status, m.status === 'failed' ? 'FAILED' : 'ACTIVE') : ''),
      el('td', {}, traced ? el('a', { href: traceHash(m.account, m.msgId), class: 'trace-link' }, 'trace')
        : m.direction === 'IN' ? el('span', { class: 'muted' }, 'not kept') : ''));
  }

  await search();
}

/** "account/msgId" of every message whose trace the daemon still keeps. */
async function keptTraces(ctx) {
  const answer = await ctx.api.get('/traces?limit=10000');
  return new Set(answer.traces.filter(t => t.msgId).map(t => t.account + '/' + t.msgId));
}
