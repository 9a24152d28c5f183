// Default styles for rendered messages, injected once. Every class is prefixed "cc-".
export const STYLE_ID = 'cc-campaign-styles';

const CSS = `
.cc-root,.cc-root *{box-sizing:border-box}
.cc-root{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933}
.cc-banner{position:fixed;top:0;left:0;right:0;z-index:2147483600;display:flex;gap:12px;align-items:flex-start;padding:12px 48px 12px 16px;background:#1f4fd1;color:#fff;box-shadow:0 2px 8px rgba(0,0,0,.2)}
.cc-banner a{color:#fff}
.cc-overlay{position:fixed;inset:0;z-index:2147483601;display:flex;align-items:center;justify-content:center;background:rgba(15,23,42,.55);padding:16px}
.cc-modal{position:relative;max-width:480px;width:100%;max-height:90vh;overflow:auto;background:#fff;border-radius:10px;padding:24px 24px 20px;box-shadow:0 10px 40px rgba(0,0,0,.3)}
.cc-toasts{position:fixed;right:16px;bottom:16px;z-index:2147483602;display:flex;flex-direction:column;gap:8px;max-width:360px;width:calc(100% - 32px)}
.cc-toast{position:relative;background:#fff;border-radius:8px;padding:12px 40px 12px 14px;box-shadow:0 4px 16px rgba(0,0,0,.18);border-left:4px solid #1f4fd1}
.cc-title{display:block;font-weight:600;margin:0 0 4px}
.cc-modal .cc-title{font-size:18px}
.cc-body p{margin:0 0 6px}
.cc-body ul,.cc-body ol{margin:0 0 6px;padding-left:20px}
.cc-cta{display:inline-block;margin-top:8px;padding:6px 12px;border-radius:6px;background:#1f4fd1;color:#fff!important;text-decoration:none;font-weight:600}
.cc-banner .cc-cta{background:#fff;color:#1f4fd1!important;margin-top:0}
.cc-close{position:absolute;top:6px;right:8px;border:0;background:transparent;color:inherit;font-size:20px;line-height:1;cursor:pointer;padding:4px 8px;opacity:.75}
.cc-close:hover,.cc-close:focus{opacity:1}
`;

export function injectStyles(doc, nonce) {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = CSS;
  (doc.head || doc.documentElement).appendChild(style);
}
