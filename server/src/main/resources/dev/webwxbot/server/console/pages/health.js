// #/health: each account's send governor (rate in force, queued sends, a throttle's pause), its recent 1205
// throttles, receive errors and reconnects; the process's memory and uptime; in a cluster, its daemons and who holds
// which account. Refreshed every few seconds.
import { el, append, clear, time } from '../dom.js';
import { useStyles, badge, facts, failure, duration, bytes } from './insight.js';
import { readCluster, clusterLine } from '../cluster.js';

const EVERY_MS = 5000;

export async function render(root, ctx) {
  useStyles();
  const body = el('div', { id: 'health-body' });
  root.append(el('h1', {}, 'Health'), body);
  let stopped = false;
  let clustered = true; // false once the daemon answered NOT_A_CLUSTER: then it is not asked again

  async function refresh() {
    let health;
    let cluster = null;
    try {
      [health, cluster] = await Promise.all([ctx.api.get('/health'), clustered ? readCluster(ctx.api).catch(e => e) : null]);
    } catch (e) {
      if (!stopped) clear(body).append(failure('The health could not be read', e));
      return;
    }
    if (stopped) return;
    if (cluster === null) clustered = false;
    const memory = health.memory;
    clear(body).append(
      cluster === null ? null : clusterSection(cluster),
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
        health.accounts.map(a => account(a, cluster))),
      el('p', { class: 'muted' }, 'Refreshed every ' + EVERY_MS / 1000 + ' s; counts since the daemon started.'));
  }

  function account(a, cluster) {
    if (a.state === 'ELSEWHERE') {
      // Its session, sends and errors are the other daemon's: that daemon's health page has them.
      const lease = cluster && !(cluster instanceof Error)
        ? cluster.accounts.find(l => l.account === a.id) : undefined;
      const where = lease === undefined ? 'Runs on another daemon of the cluster.'
        : lease.owner ? 'Runs on daemon ' + lease.owner + ': its health is on that daemon\'s page.'
          : 'Runs on no daemon right now: waiting for one to take it.';
      return el('article', { class: 'card', id: 'health-' + a.id },
        el('h2', {}, a.id, badge(a.state)),
        el('p', { class: 'muted elsewhere' }, where));
    }
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

  /** This daemon, every live daemon of the cluster and every account's owner, lease and saved state; or the failure. */
  function clusterSection(cluster) {
    const section = el('section', { id: 'health-cluster', class: 'cluster' },
      el('h2', { class: 'section-title' }, 'Cluster'));
    if (cluster instanceof Error) return append(section, failure('The cluster could not be read', cluster));
    return append(section,
      el('p', { id: 'cluster-self' }, clusterLine(cluster) + ', as Redis saw it at ' + time(cluster.at) + '.'),
      el('h3', {}, 'Daemons'),
      el('table', { class: 'insight-table', id: 'cluster-nodes' },
        el('thead', {}, el('tr', {}, ['Daemon', 'Last seen', 'Draining', 'Accounts held'].map(h => el('th', {}, h)))),
        el('tbody', {}, cluster.nodes.map(node => el('tr', { dataset: { node: node.name } },
          el('td', {}, node.name, node.name === cluster.node ? ' (this daemon)' : ''),
          el('td', {}, time(node.lastSeen)),
          el('td', {}, node.draining ? 'draining' : 'no'),
          el('td', {}, String(node.held)))))),
      el('h3', {}, 'Who runs which account'),
      el('table', { class: 'insight-table', id: 'cluster-accounts' },
        el('thead', {}, el('tr', {}, ['Account', 'Runs on', 'Lease left', 'State saved'].map(h => el('th', {}, h)))),
        el('tbody', {}, cluster.accounts.map(lease => el('tr', { dataset: { account: lease.account } },
          el('td', {}, lease.account),
          el('td', { class: 'owner' }, lease.owner ?? 'no daemon: waiting for a takeover'),
          el('td', {}, lease.owner ? duration(lease.leaseLeftMillis / 1000) : '—'),
          el('td', {}, lease.stateSavedAt ? time(lease.stateSavedAt) : 'never'))))));
  }

  await refresh();
  const timer = setInterval(refresh, EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
