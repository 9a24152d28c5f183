// Default rendering of realtime messages: "on-site" as a top banner (or a modal when
// data.layout === "modal"), "in-app" as a toast card. Titles are text; bodies go through the
// allow-list sanitizer. Elements carry data-campaign-message / data-campaign-channel and a
// close button with data-campaign-close.
import { sanitizeHtml, safeHref } from './sanitize.js';
import { injectStyles } from './styles.js';

export function createRenderer({ document: doc, onDismiss = () => {}, onClick = () => {}, nonce, clock } = {}) {
  const setT = clock ? clock.setTimeout : (fn, ms) => setTimeout(fn, ms);

  function el(tag, cls, attrs) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (attrs) for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  function content(m, parent) {
    const data = m.data || {};
    if (m.title) {
      const t = el('strong', 'cc-title');
      t.textContent = String(m.title);
      parent.appendChild(t);
    }
    if (m.body) {
      const b = el('div', 'cc-body');
      b.appendChild(sanitizeHtml(String(m.body), doc));
      parent.appendChild(b);
    }
    const href = safeHref(data.url);
    if (href) {
      const a = el('a', 'cc-cta', { href, rel: 'noopener noreferrer' });
      a.textContent = String(data.cta || data.buttonText || 'Open');
      a.addEventListener('click', () => onClick(m, href));
      parent.appendChild(a);
    }
  }

  function toastContainer() {
    let c = doc.querySelector('.cc-toasts');
    if (!c) {
      c = el('div', 'cc-root cc-toasts', { 'aria-live': 'polite' });
      doc.body.appendChild(c);
    }
    return c;
  }

  /** Renders `m`; returns the element (or the existing one when the id is already shown). */
  function render(m) {
    if (!doc || !doc.body || !m || m.id == null) return null;
    const id = String(m.id);
    const existing = Array.from(doc.querySelectorAll('[data-campaign-message]')).find((e) => e.getAttribute('data-campaign-message') === id);
    if (existing) return existing;
    injectStyles(doc, nonce);
    const data = m.data || {};
    const channel = m.channel === 'in-app' ? 'in-app' : 'on-site';
    const modal = channel === 'on-site' && data.layout === 'modal';
    const attrs = { 'data-campaign-message': id, 'data-campaign-channel': channel };

    let root;
    let box;
    if (modal) {
      root = el('div', 'cc-root cc-overlay', attrs);
      box = el('div', 'cc-modal', { role: 'dialog', 'aria-modal': 'true' });
      if (m.title) box.setAttribute('aria-label', String(m.title));
      root.appendChild(box);
      root.addEventListener('click', (e) => e.target === root && close());
    } else if (channel === 'on-site') {
      root = box = el('div', 'cc-root cc-banner', { ...attrs, role: 'region', 'aria-label': String(m.title || 'Announcement') });
    } else {
      root = box = el('div', 'cc-root cc-toast', { ...attrs, role: 'status' });
    }
    const inner = el('div', 'cc-content');
    content(m, inner);
    box.appendChild(inner);
    const btn = el('button', 'cc-close', { type: 'button', 'data-campaign-close': '', 'aria-label': 'Close' });
    btn.textContent = '\u00d7';
    btn.addEventListener('click', close);
    box.appendChild(btn);

    let closed = false;
    function onKey(e) {
      if (e.key === 'Escape') close();
    }
    function close() {
      if (closed) return;
      closed = true;
      doc.removeEventListener('keydown', onKey);
      if (root.parentNode) root.parentNode.removeChild(root);
      onDismiss(m);
    }

    if (channel === 'in-app') toastContainer().appendChild(root);
    else if (modal) {
      doc.body.appendChild(root);
      doc.addEventListener('keydown', onKey);
      btn.focus && btn.focus();
    } else doc.body.insertBefore(root, doc.body.firstChild);

    const ms = Number(data.duration);
    if (ms > 0) setT(close, ms);
    return root;
  }

  return { render };
}
