// The live stream (GET /api/v1/events/stream): one EventSource for the whole console. Each event is an envelope
// {id, account, type, time, event}; type is a webhook event type ("message.text", "login", ...), "message.sent" for
// a send of the bot, or "account.state" (event: the account as GET /accounts/{id} shows it, plus "step" during login).
// on(pattern, fn): pattern is a type, a prefix ending in '*' ("message.*"), or '*'; returns the unsubscribe function.

export function createEvents(onStatus) {
  const listeners = new Set();
  let source = null;

  function open() {
    source = new EventSource('/api/v1/events/stream');
    source.addEventListener('open', () => onStatus('live'));
    source.addEventListener('error', () => onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
    source.addEventListener('message', message => {
      let envelope;
      try {
        envelope = JSON.parse(message.data);
      } catch {
        return;
      }
      for (const listener of [...listeners]) {
        if (!matches(listener.pattern, envelope.type)) continue;
        try {
          listener.fn(envelope);
        } catch (e) {
          console.error('event listener failed', e);
        }
      }
    });
  }

  open();
  return {
    on(pattern, fn) {
      const listener = { pattern, fn };
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      source?.close();
    },
  };
}

function matches(pattern, type) {
  if (pattern === '*' || pattern === type) return true;
  return pattern.endsWith('*') && String(type).startsWith(pattern.slice(0, -1));
}
