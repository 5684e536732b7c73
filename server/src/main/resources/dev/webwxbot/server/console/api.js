// Calls to /api/v1 with the console's session cookie (sent by the browser, HttpOnly: never read here) and, for every
// change, the CSRF token the sign-in answered. A failure rejects with an ApiError whose message is the problem's detail.

export class ApiError extends Error {
  constructor(status, reason, message) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

/** '/accounts' → '/api/v1/accounts'; a path already under /api/ or /metrics is kept. */
export function apiUrl(path) {
  if (path.startsWith('/api/') || path === '/metrics') return path;
  return '/api/v1' + (path.startsWith('/') ? path : '/' + path);
}

export function createApi(session, onSignedOut) {
  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = session.csrf ?? '';
    let payload;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(apiUrl(path), { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', 'The bot did not answer (' + e.message + ').');
    }
    if (response.status === 401) {
      onSignedOut();
      throw new ApiError(401, 'UNAUTHORIZED', 'Not signed in.');
    }
    const type = response.headers.get('Content-Type') ?? '';
    let data = null;
    if (response.status !== 204) {
      data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    }
    if (!response.ok) {
      const detail = data && typeof data === 'object' ? (data.detail || data.title) : '';
      throw new ApiError(response.status, data?.reason ?? '', detail || 'HTTP ' + response.status);
    }
    return data;
  }
  return {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body),
    delete: path => call('DELETE', path),
    /** The URL of an API path, for an <img src> or a download link (the cookie goes along). */
    url: apiUrl,
  };
}
