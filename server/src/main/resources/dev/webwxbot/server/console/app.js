// The console's shell: sign-in, the nav bar, and a hash router that loads ./pages/<name>.js for each route.
// A page module exports render(root, ctx) (it may be async, and may return a cleanup function):
//   root: an empty element to fill
//   ctx.api: get(path), post(path, body), delete(path), url(path) on /api/v1 (see api.js)
//   ctx.events: on(pattern, fn) for the live stream (see events.js); subscriptions end when the page is left
//   ctx.navigate(hash): go to another route, e.g. navigate('#/trace/alice/123')
//   ctx.params: the route's path segments after the page name, decoded (#/trace/alice/123 → ['alice', '123'])
import { el, clear, append } from './dom.js';
import { createApi } from './api.js';
import { createEvents } from './events.js';

const NAV = [
  ['accounts', 'Accounts'],
  ['chat', 'Conversation'],
  ['plugins', 'Plugins'],
  ['history', 'History'],
  ['health', 'Health'],
];
// #/trace/<account>/<msgId> is reached from a message, not from the nav bar.
const PAGES = new Set([...NAV.map(([name]) => name), 'trace']);

const session = { csrf: null };
const view = document.getElementById('view');
let api = null;
let events = null;
let current = { cleanup: null, subscriptions: [] };
let generation = 0;

async function start() {
  api = createApi(session, signedOut);
  document.getElementById('sign-in-form').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', signOut);
  let response;
  try {
    response = await fetch('/console/session', { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    response = null;
  }
  if (response?.ok) {
    session.csrf = (await response.json()).csrfToken;
    enter();
  } else {
    showSignIn('');
  }
}

async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById('token');
  const token = input.value.trim();
  input.value = ''; // the token leaves the page as soon as it is sent
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  let response;
  try {
    response = await fetch('/console/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    error.textContent = 'The bot did not answer: ' + e.message;
    return;
  }
  if (!response.ok) {
    error.textContent = response.status === 401 ? 'That token was refused.' : 'Sign-in failed (HTTP ' + response.status + ').';
    return;
  }
  session.csrf = (await response.json()).csrfToken;
  enter();
}

async function signOut() {
  try {
    await fetch('/console/session', {
      method: 'DELETE',
      headers: { 'X-CSRF-Token': session.csrf ?? '' },
      credentials: 'same-origin',
    });
  } finally {
    signedOut();
    showSignIn('Signed out.');
  }
}

function signedOut() {
  session.csrf = null;
  leavePage();
  events?.close();
  events = null;
  window.removeEventListener('hashchange', route);
  showSignIn('Your session has ended; sign in again.');
}

function showSignIn(message) {
  clear(view);
  document.getElementById('nav').hidden = true;
  document.getElementById('live').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = message;
  document.getElementById('token').focus();
}

function enter() {
  document.getElementById('sign-in').hidden = true;
  const nav = clear(document.getElementById('nav'));
  for (const [name, label] of NAV) append(nav, el('a', { href: '#/' + name, id: 'nav-' + name }, label));
  nav.hidden = false;
  document.getElementById('sign-out').hidden = false;
  const live = document.getElementById('live');
  live.hidden = false;
  events = createEvents(status => {
    live.textContent = status === 'live' ? '● live' : status === 'reconnecting' ? '○ reconnecting…' : '○ offline';
    live.className = 'live ' + status;
  });
  window.addEventListener('hashchange', route);
  if (!location.hash || location.hash === '#' || location.hash === '#/') location.hash = '#/accounts';
  else route();
}

function parse(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(part => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  return { name: parts[0] ?? 'accounts', params: parts.slice(1) };
}

function leavePage() {
  generation++;
  for (const unsubscribe of current.subscriptions) unsubscribe();
  try {
    current.cleanup?.();
  } catch (e) {
    console.error('page cleanup failed', e);
  }
  current = { cleanup: null, subscriptions: [] };
}

async function route() {
  if (!events) return;
  leavePage();
  const mine = generation;
  const { name, params } = parse(location.hash);
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.id === 'nav-' + name);
  clear(view);
  const root = el('div', { class: 'page page-' + name, id: 'page-' + name });
  view.append(root);
  if (!PAGES.has(name)) {
    root.append(el('p', { class: 'error' }, 'There is no page "' + name + '".'));
    return;
  }
  let page;
  try {
    page = await import('./pages/' + name + '.js');
  } catch (e) {
    if (mine === generation) root.append(el('p', { class: 'error' }, 'This page is not available: ' + e.message));
    return;
  }
  if (mine !== generation) return;
  const subscriptions = current.subscriptions;
  const ctx = {
    api,
    events: {
      on(pattern, fn) {
        const off = events.on(pattern, fn);
        subscriptions.push(off);
        return off;
      },
    },
    navigate: hash => {
      location.hash = hash.startsWith('#') ? hash : '#' + hash;
    },
    params,
  };
  try {
    const cleanup = await page.render(root, ctx);
    if (typeof cleanup !== 'function') return;
    if (mine === generation) current.cleanup = cleanup;
    else cleanup(); // the operator moved on while the page was loading
  } catch (e) {
    console.error(e);
    if (mine === generation) root.append(el('p', { class: 'error' }, 'The page failed: ' + e.message));
  }
}

start();
