// Allow-list HTML sanitizer. The input is parsed into an inert document (DOMParser: no scripts
// run, no images load) and rebuilt node by node with createElement/createTextNode in the target
// document, so only allowed elements and attributes can ever reach the page. No innerHTML.

const ALLOWED = new Set(['b', 'i', 'em', 'strong', 'p', 'br', 'a', 'ul', 'ol', 'li', 'span']);
// Dropped with their whole content. Any other unknown element is unwrapped (its text is kept).
const DROPPED = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'template', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'textarea', 'select', 'option',
  'button', 'input', 'form', 'link', 'meta', 'base', 'title', 'head', 'img', 'picture', 'video',
  'audio', 'source', 'track', 'canvas', 'portal', 'dialog',
]);
const MAX_DEPTH = 64;

/** Returns the href when it is an absolute http, https or mailto URL, else null. */
export function safeHref(value) {
  if (typeof value !== 'string') return null;
  // Browsers ignore tabs/newlines inside URLs and leading control chars/spaces: strip them before
  // looking at the scheme, so "java\tscript:" or " javascript:" cannot slip through.
  const v = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '').trim();
  if (!/^(https?:\/\/|mailto:)/i.test(v)) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? v : null;
  } catch {
    return null;
  }
}

function copyChildren(src, dest, doc, depth) {
  for (let n = src.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) {
      dest.appendChild(doc.createTextNode(n.nodeValue));
      continue;
    }
    if (n.nodeType !== 1) continue; // comments, processing instructions, ...
    const tag = String(n.localName || n.nodeName).toLowerCase();
    if (DROPPED.has(tag) || n.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    if (depth >= MAX_DEPTH) {
      dest.appendChild(doc.createTextNode(n.textContent || ''));
      continue;
    }
    if (!ALLOWED.has(tag)) {
      copyChildren(n, dest, doc, depth + 1); // unwrap: keep text, drop the element
      continue;
    }
    const el = doc.createElement(tag);
    if (tag === 'a') {
      const href = safeHref(n.getAttribute('href'));
      if (href) {
        el.setAttribute('href', href);
        el.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    }
    copyChildren(n, el, doc, depth + 1);
    dest.appendChild(el);
  }
  return dest;
}

/**
 * Sanitizes an HTML string into a DocumentFragment of `doc`.
 * @param {string} html untrusted markup
 * @param {Document} doc the document the result will be inserted into
 * @param {typeof DOMParser} [Parser]
 */
export function sanitizeHtml(html, doc = globalThis.document, Parser = (doc.defaultView || globalThis).DOMParser) {
  const frag = doc.createDocumentFragment();
  if (html == null || html === '') return frag;
  const text = String(html);
  if (!/[<&]/.test(text)) {
    frag.appendChild(doc.createTextNode(text));
    return frag;
  }
  const parsed = new Parser().parseFromString(`<!doctype html><body>${text}`, 'text/html');
  return copyChildren(parsed.body, frag, doc, 0);
}
