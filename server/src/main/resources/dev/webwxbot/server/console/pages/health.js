// #/health: each account's send governor (rate in force, queued sends, a throttle's pause), its recent 1205
// throttles, receive errors and reconnects; the process's memory and uptime. Refreshed every few seconds.
import { el, clear, time } from '../dom.js';
import { useStyles, badge, facts, failure, duration, bytes } from './insight.js';

const EVERY_MS = 5000;

export async function render(root, ctx) {
  useStyles();
  const body = el('div', { id: 'health-body' });
  root.append(el('h1', {}, 'Health'), body);
  let stopped = false;

  async function refresh() {
    let health;
    try {
      health = await ctx.api.get('/health');
    } catch (e) {
      if (!stopped) clear(body).append(failure('The health could not be read', e));
      return;
    }
    if (stopped) return;
    const memory = health.memory;
    clear(body).append(
      el('div', { class: 'cards' },
        el('article', { class: 'card', id: 'health-process' },
          el('h2', {}, 'The daemon'),
          facts([
            ['Up for', duration(health.uptimeSeconds)],
            ['Started', time(health.startedAt)],
            ['Heap', bytes(memory.heapUsedBytes) + ' used of ' + bytes(memory.heapMaxBytes)],
            ['Other memory', bytes(memory.nonHeapUsedBytes)],
            ['Plugins', health.plugins.active + ' of ' + health.plugins.total + ' active'
              + (health.plugins.tripped ? ', ' + health.plugins.tripped + ' with the breaker open' : '')],
            ['Conversations waiting', String(health.plugins.waitingConversations)],
            ['Scheduled jobs', String(health.plugins.jobs)],
          ])),
        health.accounts.map(account)),
      el('p', { class: 'muted' }, 'Refreshed every ' + EVERY_MS / 1000 + ' s; counts since the daemon started.'));
  }

  function account(a) {
    const send = a.send;
    const percent = send ? Math.round(send.rateFraction * 100) : null;
    return el('article', { class: 'card', id: 'health-' + a.id },
      el('h2', {}, a.id, badge(a.state)),
      facts([
        ['Send rate', send ? el('span', {}, el('progress', { class: 'rate', max: '100', value: String(percent) }),
          percent + '% of the configured rate') : 'no session yet'],
        ['Queued sends', send ? send.queued + ' waiting, ' + send.inFlight + ' in flight' : '—'],
        ['Paused', send && send.pausedMillis > 0 ? 'every send, ' + duration(send.pausedMillis / 1000) + ' more'
          + ' (' + send.throttlesInARow + ' throttle(s) in a row)' : 'no'],
        ['1205 throttles', a.throttles === 0 ? 'none'
          : a.throttles + ', latest ' + a.recentThrottles.slice(-3).map(time).join(', ')],
        ['Receive errors', a.syncErrors === 0 ? 'none'
          : a.syncErrors + ', last ' + time(a.lastSyncErrorAt) + ': ' + a.lastSyncError],
        ['Reconnects', a.reconnects === 0 ? 'none' : a.reconnects + ', last ' + time(a.lastReconnectAt)],
      ]));
  }

  await refresh();
  const timer = setInterval(refresh, EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
