// Accounts: each account's state as it changes (waiting for a scan with the QR code large, scanned, loading contacts,
// online, reconnecting, logged out with the reason), log in, log out, add an account. In a cluster: which daemon this
// is, and for an account another daemon runs, which one (no log in or out here: the daemon answers 409 for those).
import { el, append } from '../dom.js';
import { readCluster, clusterLine, leaseOf } from '../cluster.js';

// An account waiting for a takeover gets no event on this daemon when another daemon takes it: look again this often
// while one waits (and only then; owners otherwise change with the state events).
const WAITING_RECHECK_MS = 5000;

const STATE_TEXT = {
  WAITING_FOR_SCAN: 'Waiting for a scan',
  LOGGING_IN: 'Logging in',
  ONLINE: 'Online',
  RECONNECTING: 'Reconnecting',
  LOGGED_OUT: 'Logged out',
  STOPPED: 'Stopped',
  ELSEWHERE: 'On another daemon',
};

const REASON_TEXT = {
  LOGGED_OUT_ON_PHONE: 'logged out on the phone',
  SESSION_INVALID: 'the session is no longer valid',
  COOKIES_INVALID: 'the session cookies were refused',
  LOGGED_OUT_BY_CLIENT: 'logged out from here or the command line',
  NETWORK: 'the network failed',
  OTHER: 'another reason',
  LOGIN_FAILED: 'the login failed',
  LOGIN_HELD: 'the login-churn guard held the login back',
};

export async function render(root, { api, events }) {
  const accounts = new Map(); // id → { account, step, loaded }
  const list = el('div', { class: 'accounts', id: 'accounts' });
  const status = el('p', { class: 'error', id: 'accounts-error', role: 'alert' });
  const clusterNote = el('p', { class: 'cluster-line muted', id: 'cluster-line', hidden: true });
  let cluster = null; // GET /cluster's answer; null for a daemon of its own or before the first answer
  let clustered = true; // false once the daemon answered NOT_A_CLUSTER: then it is never asked again
  let reading = null; // the read of /cluster in flight
  let readAgain = false; // whether a state changed during that read, so another read is due after it
  let recheck = null;
  let left = false;
  const newId = el('input', { id: 'new-account', placeholder: 'new account id, e.g. shop', pattern: '[a-z0-9][a-z0-9_-]{0,31}', maxlength: 32 });
  const addForm = el('form', { class: 'add-account', id: 'add-account', onsubmit: add },
    newId, el('button', { type: 'submit' }, 'Add account'));
  append(root,
    el('h1', {}, 'Accounts'),
    clusterNote,
    el('div', { class: 'toolbar' }, addForm),
    status,
    list);

  // Subscribed before the first read, so nothing that happens in between is missed.
  events.on('account.state', envelope => {
    const known = accounts.get(envelope.account) ?? {};
    const account = envelope.event.self !== undefined ? envelope.event : { ...known.account, ...envelope.event };
    const step = envelope.event.step ?? (account.state === known.account?.state ? known.step : null);
    update(account, step, envelope.event.loaded ?? known.loaded);
    if (account.state !== known.account?.state) refreshCluster();
  });
  events.on('logout', envelope => refresh(envelope.account));
  events.on('login', envelope => refresh(envelope.account));

  try {
    const answer = await api.get('/accounts');
    for (const account of answer.accounts) {
      if (!accounts.has(account.id)) update(account, null, null);
    }
    if (answer.accounts.length === 0) list.append(el('p', { class: 'muted', id: 'no-accounts' }, 'No accounts yet: add one.'));
  } catch (e) {
    status.textContent = e.message;
  }
  refreshCluster();
  return () => {
    left = true;
    clearTimeout(recheck);
  };

  /** Reads /cluster again (one read at a time; calls during a read make one more after it) and redraws. */
  function refreshCluster() {
    if (!clustered || left) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = readCluster(api).then(answer => {
      clustered = answer !== null;
      cluster = answer;
      clusterNote.hidden = !clustered;
      if (clustered) clusterNote.textContent = clusterLine(answer) + ' (docs: Running a cluster)';
    }, e => {
      // Redis away (503) or the daemon unreachable: say so in the line, and keep the owners last read.
      clusterNote.hidden = false;
      clusterNote.textContent = 'The cluster could not be read: ' + e.message;
    }).finally(() => {
      reading = null;
      for (const { account, step, loaded } of [...accounts.values()]) {
        if (account.state === 'ELSEWHERE') update(account, step, loaded);
      }
      clearTimeout(recheck);
      const waiting = [...accounts.values()].some(({ account }) => account.state === 'ELSEWHERE'
        && !leaseOf(cluster, account.id)?.owner);
      if (clustered && waiting) recheck = setTimeout(refreshCluster, WAITING_RECHECK_MS);
      if (readAgain) {
        readAgain = false;
        refreshCluster();
      }
    });
  }

  async function refresh(id) {
    try {
      update(await api.get('/accounts/' + encodeURIComponent(id)), null, null);
    } catch (e) {
      status.textContent = e.message;
    }
  }

  function update(account, step, loaded) {
    if (!account?.id) return;
    accounts.set(account.id, { account, step, loaded });
    document.getElementById('no-accounts')?.remove();
    const fresh = card(account, step, loaded);
    const existing = document.getElementById('account-' + account.id);
    if (existing) existing.replaceWith(fresh);
    else list.append(fresh);
  }

  async function act(id, action) {
    status.textContent = '';
    try {
      update(await api.post('/accounts/' + encodeURIComponent(id) + '/' + action), null, null);
    } catch (e) {
      status.textContent = action + ' ' + id + ': ' + e.message;
    }
  }

  async function add(event) {
    event.preventDefault();
    status.textContent = '';
    const id = newId.value.trim();
    if (!id) return;
    try {
      const added = await api.post('/accounts', { id });
      newId.value = '';
      update(added, null, null);
    } catch (e) {
      status.textContent = 'add ' + id + ': ' + e.message;
    }
  }

  function card(account, step, loaded) {
    const state = account.state ?? 'STOPPED';
    const body = el('div', { class: 'account-body' });
    if (account.self) {
      const now = state === 'ONLINE' || state === 'RECONNECTING';
      append(body, el('p', { class: 'who' }, now ? 'Logged in as ' : 'Last logged in as ',
        el('strong', { class: 'self-name' }, account.self.name),
        now && account.contacts !== undefined ? ' · ' + account.contacts + ' contacts' : ''));
    }
    if (state === 'WAITING_FOR_SCAN' && account.qrUrl) {
      // The image's URL changes with the code, so a new code is fetched, not taken from the cache.
      const src = api.url('/accounts/' + encodeURIComponent(account.id) + '/qr') + '?v=' + encodeURIComponent(account.qrUrl);
      append(body,
        el('img', { class: 'qr', src, alt: 'login QR code for ' + account.id, width: 300, height: 300 }),
        el('p', { class: 'qr-help' }, 'Scan it with WeChat on the phone (+ → Scan), then confirm the login there.'));
    }
    if (state === 'LOGGING_IN' || state === 'WAITING_FOR_SCAN') {
      if (step === 'scanned' || step === 'confirmed') {
        append(body, el('p', { class: 'step' }, step === 'scanned' ? 'Scanned: confirm the login on the phone.' : 'Confirmed: loading…'));
      } else if (step === 'push-sent') {
        append(body, el('p', { class: 'step' }, 'A login request was sent to the phone: confirm it there.'));
      } else if (step === 'loading-contacts') {
        append(body, el('p', { class: 'step' }, 'Loading contacts… ' + (loaded ?? 0) + ' so far'),
          el('progress', { class: 'progress' }));
      } else if (step === 'qr-expired') {
        append(body, el('p', { class: 'step' }, 'The QR code expired; a new one is on its way.'));
      } else if (state === 'LOGGING_IN') {
        append(body, el('progress', { class: 'progress' }));
      }
    }
    if (state === 'ELSEWHERE' && cluster) {
      const owner = leaseOf(cluster, account.id)?.owner;
      append(body, el('p', { class: 'owner' }, !owner ? 'Waiting for a daemon to take it'
        : owner === cluster.node ? 'Taken by this daemon: starting…' : 'On daemon ' + owner));
    }
    if (state === 'RECONNECTING') append(body, el('p', { class: 'step' }, 'The connection dropped; reconnecting…'));
    if (state === 'LOGGED_OUT' || state === 'STOPPED') {
      const reason = account.reason ? REASON_TEXT[account.reason] ?? account.reason : '';
      if (reason) append(body, el('p', { class: 'reason' }, 'Reason: ' + reason));
    }
    if (account.detail) append(body, el('p', { class: 'detail muted' }, account.detail));

    const online = state === 'ONLINE' || state === 'RECONNECTING';
    const actions = el('div', { class: 'actions' },
      online || state === 'WAITING_FOR_SCAN' || state === 'LOGGING_IN' || state === 'ELSEWHERE' ? null
        : el('button', { class: 'login', type: 'button', onclick: () => act(account.id, 'login') }, 'Log in'),
      online ? el('button', { class: 'logout danger', type: 'button', onclick: () => act(account.id, 'logout') }, 'Log out') : null);
    return el('section', { class: 'panel account', id: 'account-' + account.id, dataset: { state } },
      el('div', { class: 'head' },
        el('h2', {}, account.id),
        el('span', { class: 'state ' + state }, STATE_TEXT[state] ?? state)),
      body,
      actions);
  }
}
