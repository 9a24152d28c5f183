// Finds the SDK's own <script> tag and derives the configuration from it:
// data-write-key, optional data-api-host, else the server base URL from the script's src
// (https://console.example.com/sdk/v1/campaign.js -> https://console.example.com).

export function findScript(doc) {
  if (!doc) return null;
  const cur = doc.currentScript;
  if (cur && cur.getAttribute && cur.getAttribute('data-write-key')) return cur;
  return doc.querySelector('script[data-write-key]') || cur || null;
}

/** Base URL of the server hosting `src`: everything before "/sdk/", else the origin. */
export function apiHostFromSrc(src, base) {
  if (!src) return null;
  try {
    const u = new URL(src, base);
    const i = u.pathname.indexOf('/sdk/');
    return u.origin + (i > 0 ? u.pathname.slice(0, i) : '');
  } catch {
    return null;
  }
}

export function configFromScript(script, base) {
  if (!script || !script.getAttribute) return {};
  const cfg = {};
  const wk = script.getAttribute('data-write-key');
  if (wk) cfg.writeKey = wk;
  const host = script.getAttribute('data-api-host') || apiHostFromSrc(script.getAttribute('src'), base);
  if (host) cfg.apiHost = host;
  return cfg;
}
