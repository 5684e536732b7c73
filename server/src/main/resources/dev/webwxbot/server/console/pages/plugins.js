// #/plugins: the chain in the order it runs (phase, priority), each plugin's state (active, disabled, breaker
// open with its latest failures), enable / disable / reload, and its effective configuration with secrets masked.
import { el, clear, time } from '../dom.js';
import { useStyles, badge, failure } from './insight.js';

const STATE_WORDS = {
  ACTIVE: 'active',
  DISABLED: 'disabled',
  DISABLED_BY_CONFIG: 'disabled by its configuration',
  MISCONFIGURED: 'misconfigured',
  TRIPPED: 'breaker open',
  FAILED_TO_LOAD: 'failed to load',
};

export async function render(root, ctx) {
  useStyles();
  const status = el('p', { class: 'muted', id: 'plugins-status', role: 'status' });
  const body = el('div', { id: 'plugins-body' });
  root.append(el('h1', {}, 'Plugins'), status, body);
  const openConfigs = new Set();

  async function refresh(message) {
    let answer;
    try {
      answer = await ctx.api.get('/plugins');
    } catch (e) {
      clear(body).append(failure('The plugins could not be listed', e));
      return;
    }
    status.textContent = message ?? '';
    clear(body).append(chainTable(answer), el('div', { class: 'cards' }, answer.plugins.map(card)));
  }

  function chainTable(answer) {
    const states = new Map(answer.plugins.map(p => [p.id, p.state]));
    const rows = (answer.chain ?? []).map((link, i) => {
      const state = states.get(link.plugin) ?? 'ACTIVE';
      return el('tr', { class: state === 'ACTIVE' ? '' : 'not-run', dataset: { plugin: link.plugin } },
        el('td', {}, String(i + 1)), el('td', {}, link.phase), el('td', {}, String(link.priority)),
        el('td', {}, link.plugin), el('td', {}, link.handler), el('td', {}, badge(STATE_WORDS[state] ?? state, state)));
    });
    return el('section', {},
      el('h2', { class: 'section-title' }, 'The chain, in the order it runs'),
      rows.length === 0
        ? el('p', { class: 'muted' }, 'No plugin is loaded: put plugin jars into the plugins folder.')
        : el('table', { class: 'insight-table', id: 'chain' },
          el('thead', {}, el('tr', {}, ['#', 'Phase', 'Priority', 'Plugin', 'Handler', 'State'].map(h => el('th', {}, h)))),
          el('tbody', {}, rows)));
  }

  function card(plugin) {
    const config = el('div', { class: 'config-slot' });
    const actions = el('div', { class: 'actions' });
    const act = verb => async () => {
      for (const button of actions.querySelectorAll('button')) button.disabled = true;
      try {
        const now = await ctx.api.post('/plugins/' + encodeURIComponent(plugin.id) + '/' + verb);
        await refresh('Plugin ' + now.id + ' is now ' + (STATE_WORDS[now.state] ?? now.state) + '.');
      } catch (e) {
        await refresh();
        status.textContent = '';
        body.prepend(failure('Could not ' + verb + ' ' + plugin.id, e));
      }
    };
    const running = plugin.state === 'ACTIVE';
    if (plugin.state !== 'FAILED_TO_LOAD') {
      if (running) actions.append(el('button', { class: 'secondary', id: 'disable-' + plugin.id, onclick: act('disable') }, 'Disable'));
      else actions.append(el('button', { id: 'enable-' + plugin.id, onclick: act('enable') },
        plugin.state === 'TRIPPED' ? 'Enable (close the breaker)' : 'Enable'));
      actions.append(el('button', { class: 'secondary', id: 'reload-' + plugin.id, onclick: act('reload') }, 'Reload'));
      const toggle = el('button', { class: 'secondary', id: 'config-' + plugin.id }, 'Configuration');
      toggle.addEventListener('click', () => {
        if (openConfigs.has(plugin.id)) {
          openConfigs.delete(plugin.id);
          clear(config);
        } else {
          openConfigs.add(plugin.id);
          showConfig(plugin.id, config);
        }
      });
      actions.append(toggle);
      if (openConfigs.has(plugin.id)) showConfig(plugin.id, config);
    }
    const failures = plugin.recentFailures ?? [];
    return el('article', { class: 'card plugin', id: 'plugin-' + plugin.id, dataset: { state: plugin.state } },
      el('h2', {}, plugin.id, el('span', { class: 'muted' }, plugin.version), badge(STATE_WORDS[plugin.state] ?? plugin.state, plugin.state)),
      plugin.reason ? el('p', { class: 'why' }, plugin.reason) : null,
      plugin.warning ? el('p', { class: 'why warning' }, '⚠ ' + plugin.warning) : null,
      el('p', { class: 'muted' }, (plugin.handlers ?? 0) + ' handler(s) · ' + plugin.handled + ' handled · '
        + plugin.failures + ' failed · ' + (plugin.timeouts ?? 0) + ' timed out'),
      failures.length === 0 ? null : el('div', {},
        el('strong', {}, 'Latest failures'),
        el('ul', { class: 'failures' }, failures.map(f => el('li', {},
          time(f.time) + ' · ' + f.account + ' · ' + f.event + ' · ' + f.outcome + ': ' + f.detail)))),
      (plugin.jobs ?? []).length === 0 ? null : el('p', { class: 'muted' }, 'Jobs: ' + plugin.jobs.map(j => j.name + ' (' + j.schedule + ')').join(', ')),
      actions, config);
  }

  async function showConfig(id, slot) {
    clear(slot).append(el('p', { class: 'muted' }, 'Loading the configuration…'));
    try {
      const answer = await ctx.api.get('/plugins/' + encodeURIComponent(id) + '/config');
      clear(slot).append(
        el('pre', { class: 'config', id: 'config-of-' + id }, JSON.stringify(answer.config, null, 2)),
        answer.masked.length === 0 ? null
          : el('p', { class: 'muted' }, 'Masked (secrets): ' + answer.masked.join(', ')));
    } catch (e) {
      clear(slot).append(failure('The configuration could not be read', e));
    }
  }

  await refresh();
}
