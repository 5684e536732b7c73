// What the insight pages (plugins, trace, history, health) share: their stylesheet and a few small renderers.
// Every string from the bot goes through dom.el as text, never as markup.
import { el } from '../dom.js';

/** Adds the insight pages' stylesheet once (a same-origin file: the CSP allows no inline style). */
export function useStyles() {
  if (document.getElementById('insight-css')) return;
  document.head.append(el('link', { id: 'insight-css', rel: 'stylesheet', href: '/console/pages/insight.css' }));
}

/** A small coloured label: the state or outcome as its text and class. */
export function badge(text, kind) {
  return el('span', { class: ['badge', kind ?? text] }, text);
}

/** A definition list of [label, value] pairs; a value may be a node. */
export function facts(pairs) {
  const list = el('dl', { class: 'facts' });
  for (const [label, value] of pairs) list.append(el('dt', {}, label), el('dd', {}, value));
  return list;
}

/** A line saying a request failed, with the API's own words. */
export function failure(message, e) {
  return el('p', { class: 'error', role: 'alert' }, message + ': ' + (e?.message ?? e));
}

/** 3 h 5 min, 42 s: an uptime or a pause for people. */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min ' + (s % 60) + ' s';
  const h = Math.floor(m / 60);
  if (h < 48) return h + ' h ' + (m % 60) + ' min';
  return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
}

/** 48.2 MiB */
export function bytes(n) {
  if (n < 0) return 'no limit';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
}

/** The trace page's hash for a received message. */
export function traceHash(account, msgId) {
  return '#/trace/' + encodeURIComponent(account) + '/' + encodeURIComponent(msgId);
}
