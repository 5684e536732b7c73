// #/trace/<account>/<msgId>: why the bot did or did not answer one received message: which plugins saw it, what
// each did and how long it took, and what a plugin explained (the auto-reply rule that matched, or why none did).
// #/trace alone lists the recent traces.
import { el, clear, time } from '../dom.js';
import { useStyles, badge, facts, failure, traceHash } from './insight.js';

const NOT_RUN = {
  DISABLED: 'is disabled, so it did not run',
  SKIPPED_BY_SCOPE: 'does not serve this chat or account, so it did not run',
  SKIPPED_AFTER_STOP: 'did not run: an earlier plugin stopped the chain',
  DENIED: 'did not run: the sender lacks the role it needs',
  PAUSED: 'did not run: the chat is paused',
};

export async function render(root, ctx) {
  useStyles();
  const [account, msgId] = ctx.params ?? [];
  if (!account || !msgId) return recent(root, ctx);
  root.append(el('h1', {}, 'Why did or didn\u2019t it answer?'));
  let trace;
  try {
    trace = await ctx.api.get('/traces/' + encodeURIComponent(account) + '/' + encodeURIComponent(msgId));
  } catch (e) {
    root.append(failure(e.status === 404 ? 'No trace of this message is kept' : 'The trace could not be read', e),
      el('p', {}, el('a', { href: '#/trace' }, 'The recent traces')));
    return;
  }
  root.append(
    facts([
      ['Account', trace.account],
      ['Chat', trace.chat],
      ['From', trace.sender ?? ''],
      ['Kind', trace.event],
      ['Received', time(trace.time)],
      ['Message id', trace.msgId ?? msgId],
    ]),
    trace.text !== undefined ? el('div', { class: 'quote', id: 'trace-text' }, trace.text) : null,
    verdict(trace),
    steps(trace));
}

/** The answer in one sentence, then the reasons a person looks for first. */
function verdict(trace) {
  const answered = trace.replied;
  const lines = [];
  for (const step of trace.steps) {
    if (step.replies > 0) {
      lines.push(step.plugin + ' answered (' + step.replies + (step.replies === 1 ? ' message' : ' messages') + ')'
        + (step.detail ? ': ' + step.detail : '') + '.');
    } else if (NOT_RUN[step.outcome]) {
      lines.push(step.plugin + ' ' + NOT_RUN[step.outcome] + (step.detail ? ' (' + step.detail + ')' : '') + '.');
    } else if (step.outcome === 'FAILED' || step.outcome === 'TIMED_OUT') {
      lines.push(step.plugin + (step.outcome === 'FAILED' ? ' failed: ' : ' ran out of time: ') + step.detail + '.');
    } else {
      lines.push(step.plugin + ' ran and sent nothing' + (step.detail ? ': ' + step.detail : '') + '.');
    }
  }
  return el('section', { id: 'trace-verdict' },
    el('p', { class: ['verdict', answered ? 'answered' : 'unanswered'] },
      answered ? 'The bot answered this message.'
        : trace.steps.length === 0 ? 'The bot did not answer: no plugin is loaded.'
          : 'The bot did not answer: no plugin sent anything.'),
    el('ul', { class: 'reasons' }, lines.map(line => el('li', {}, line))));
}

function steps(trace) {
  return el('table', { class: 'insight-table', id: 'trace-steps' },
    el('thead', {}, el('tr', {}, ['#', 'Plugin', 'Handler', 'What it did', 'Time', 'Sent', 'Detail'].map(h => el('th', {}, h)))),
    el('tbody', {}, trace.steps.map((step, i) => el('tr', {
      class: NOT_RUN[step.outcome] ? 'not-run' : '', dataset: { plugin: step.plugin, outcome: step.outcome },
    },
      el('td', {}, String(i + 1)), el('td', {}, step.plugin), el('td', {}, step.handler),
      el('td', {}, badge(step.outcome)), el('td', {}, NOT_RUN[step.outcome] ? '—' : step.millis + ' ms'),
      el('td', {}, String(step.replies ?? 0)),
      el('td', { class: 'detail' }, step.detail ?? '')))));
}

/**
 * #/trace: the recent traces, newest first; a message's links to its own page. Read again shortly after each live
 * event: the chain records a trace once every plugin had its turn, a moment after the event itself.
 */
async function recent(root, ctx) {
  const list = el('div', { id: 'recent-list' });
  root.append(el('h1', {}, 'Recent dispatch traces'),
    el('p', { class: 'muted' }, 'Click a message here, in the conversation view or in the history to see why the bot did or did not answer it.'),
    list);
  let timer = null;
  ctx.events.on('*', () => {
    clearTimeout(timer);
    timer = setTimeout(() => show(list, ctx), 500);
  });
  await show(list, ctx);
  return () => clearTimeout(timer);
}

async function show(list, ctx) {
  let answer;
  try {
    answer = await ctx.api.get('/traces?limit=100');
  } catch (e) {
    clear(list).append(failure('The traces could not be read', e));
    return;
  }
  const traces = answer.traces.slice().reverse();
  clear(list);
  if (traces.length === 0) {
    list.append(el('p', { class: 'muted' }, 'No event has been dispatched yet.'));
    return;
  }
  list.append(el('table', { class: 'insight-table', id: 'recent-traces' },
    el('thead', {}, el('tr', {}, ['Time', 'Account', 'Event', 'Chat', 'From', 'Text', 'Answered'].map(h => el('th', {}, h)))),
    el('tbody', {}, traces.map(t => el('tr', {},
      el('td', {}, t.msgId ? el('a', { href: traceHash(t.account, t.msgId) }, time(t.time)) : time(t.time)),
      el('td', {}, t.account), el('td', {}, t.event), el('td', {}, t.chat), el('td', {}, t.sender ?? ''),
      el('td', { class: 'detail' }, t.text ?? ''),
      el('td', {}, badge(t.replied ? 'answered' : 'not answered', t.replied ? 'answered' : 'unanswered')))))));
}
