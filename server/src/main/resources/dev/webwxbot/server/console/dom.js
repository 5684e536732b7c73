// The one way the console puts anything into the page. Every string becomes a text node or an attribute value,
// never markup: message texts, nicknames and file names are untrusted, and this is what keeps them inert.
// el('a', { href: url, class: 'x', onclick: fn }, 'text', childNode, [more, children])

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction']);
const FORBIDDEN = new Set(['innerHTML', 'outerHTML', 'srcdoc', 'style']);

/** An element with attributes (on* functions become listeners) and children (strings become text nodes). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (FORBIDDEN.has(name) || name.toLowerCase().startsWith('on') && typeof value !== 'function') {
      throw new Error('dom.el: attribute ' + name + ' is not allowed');
    }
    if (name.startsWith('on')) node.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'value' || name === 'checked') node[name] = value;
    else if (URL_ATTRIBUTES.has(name)) node.setAttribute(name, safeUrl(value));
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends children (strings as text, arrays flattened, null and false skipped); returns the node. */
export function append(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Removes every child; returns the node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** A URL for href/src: the console's own paths and fragments, and http(s) links; anything else becomes '#'. */
export function safeUrl(value) {
  const url = String(value);
  if (url.startsWith('#') || (url.startsWith('/') && !url.startsWith('//'))) return url;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '#';
  } catch {
    return '#';
  }
}

/** A time as the operator's clock shows it: "14:03:05", or with the date when not today. */
export function time(iso) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return '';
  const today = new Date().toDateString() === when.toDateString();
  return today ? when.toLocaleTimeString() : when.toLocaleString();
}
