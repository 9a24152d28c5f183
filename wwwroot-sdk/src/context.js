// The `context` attached to every message.
import { LIBRARY_NAME, VERSION } from './constants.js';

export function buildContext(win) {
  const ctx = { library: { name: LIBRARY_NAME, version: VERSION } };
  if (!win) return ctx;
  const doc = win.document;
  const loc = win.location;
  ctx.page = {
    url: loc ? loc.href : undefined,
    path: loc ? loc.pathname : undefined,
    search: loc ? loc.search : undefined,
    title: doc ? doc.title : undefined,
    referrer: doc ? doc.referrer : undefined,
  };
  const nav = win.navigator;
  if (nav) {
    ctx.userAgent = nav.userAgent;
    if (nav.language) ctx.locale = nav.language;
  }
  try {
    ctx.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    /* ignore */
  }
  return ctx;
}
