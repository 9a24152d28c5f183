// HTTP delivery of batches to POST {apiHost}/v1/batch (Segment HTTP Tracking API shape),
// and the classification of responses into ok / retry / drop.
import { BATCH_PATH } from './constants.js';

const encoder = typeof TextEncoder !== 'undefined' ? new TextEncoder() : null;
export const byteLength = (s) => (encoder ? encoder.encode(s).length : unescape(encodeURIComponent(s)).length);

export function batchUrl(apiHost) {
  return String(apiHost || '').replace(/\/+$/, '') + BATCH_PATH;
}

/** The request body: {"batch":[...], "sentAt": iso, "writeKey": "..."}. */
export function batchBody(messages, writeKey, sentAt) {
  return JSON.stringify({ batch: messages, sentAt, writeKey });
}

/** 2xx ok; 429, 408 and 5xx retry; any other 4xx is permanent. */
export function classifyStatus(status) {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429 || status === 408 || status >= 500) return 'retry';
  return 'drop';
}

function parseRetryAfter(v, now) {
  if (!v) return 0;
  const s = Number(v);
  if (!Number.isNaN(s)) return Math.max(0, s * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? 0 : Math.max(0, t - now);
}

/**
 * Sends one batch with fetch. Resolves (never rejects) to
 * {result: 'ok'|'retry'|'drop', status, retryAfter, error}.
 */
export async function sendBatch({ fetch, url, body, timeout = 15000, now = Date.now }) {
  const Abort = globalThis.AbortController;
  const ctrl = Abort ? new Abort() : null;
  const timer = ctrl ? setTimeout(() => ctrl.abort(), timeout) : null;
  try {
    const res = await fetch(url, {
      method: 'POST',
      // The write key travels in the body (the contract allows it); no Authorization header,
      // so the server's CORS policy only has to allow Content-Type.
      headers: { 'Content-Type': 'application/json' },
      body,
      credentials: 'omit',
      signal: ctrl ? ctrl.signal : undefined,
    });
    const retryAfter = parseRetryAfter(res.headers && res.headers.get && res.headers.get('Retry-After'), now());
    return { result: classifyStatus(res.status), status: res.status, retryAfter };
  } catch (error) {
    return { result: 'retry', status: 0, retryAfter: 0, error };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Splits messages into consecutive groups whose batch body stays within `limit` bytes
 * (and at most `maxCount` messages). A single message larger than the limit gets a group alone.
 */
export function splitBySize(messages, { writeKey, sentAt, limit, maxCount = Infinity }) {
  const overhead = byteLength(batchBody([], writeKey, sentAt));
  const groups = [];
  let cur = [];
  let size = overhead;
  for (const m of messages) {
    const len = byteLength(JSON.stringify(m)) + 1; // + comma
    if (cur.length && (size + len > limit || cur.length >= maxCount)) {
      groups.push(cur);
      cur = [];
      size = overhead;
    }
    cur.push(m);
    size += len;
  }
  if (cur.length) groups.push(cur);
  return groups;
}
