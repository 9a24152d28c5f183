import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { createRenderer } from '../src/renderer.js';
import { STYLE_ID } from '../src/styles.js';

function dom() {
  const { window } = new JSDOM('<!doctype html><head></head><body><main id="app">page</main></body>');
  globalThis.DOMParser = window.DOMParser;
  return window;
}

test('on-site message renders as a top banner with data attributes; close removes it', () => {
  const window = dom();
  const dismissed = [];
  const r = createRenderer({ document: window.document, onDismiss: (m) => dismissed.push(m.id) });
  const el = r.render({ id: 'm1', campaignId: 'c1', channel: 'on-site', title: 'Sale <b>now</b>', body: 'Up to <strong>50%</strong> off', data: { url: 'https://shop.test/sale', cta: 'Shop' } });
  const found = window.document.querySelector('[data-campaign-message="m1"]');
  assert.equal(found, el);
  assert.equal(found.getAttribute('data-campaign-channel'), 'on-site');
  assert.ok(found.classList.contains('cc-banner'));
  assert.equal(window.document.body.firstChild, found, 'banner at the top of the page');
  assert.equal(found.querySelector('.cc-title').textContent, 'Sale <b>now</b>', 'title is text, never markup');
  assert.equal(found.querySelector('.cc-title b'), null);
  assert.equal(found.querySelector('.cc-body strong').textContent, '50%');
  assert.equal(found.querySelector('.cc-cta').getAttribute('href'), 'https://shop.test/sale');
  assert.equal(window.document.querySelectorAll('#' + STYLE_ID).length, 1);
  found.querySelector('[data-campaign-close]').click();
  assert.equal(window.document.querySelector('[data-campaign-message="m1"]'), null);
  assert.deepEqual(dismissed, ['m1']);
});

test('data.layout = "modal" renders an overlay dialog; Escape closes it', () => {
  const window = dom();
  const r = createRenderer({ document: window.document });
  r.render({ id: 'm2', channel: 'on-site', title: 'Hello', body: 'modal', data: { layout: 'modal' } });
  const el = window.document.querySelector('[data-campaign-message="m2"]');
  assert.ok(el.classList.contains('cc-overlay'));
  assert.equal(el.querySelector('[role="dialog"]').getAttribute('aria-modal'), 'true');
  window.document.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape' }));
  assert.equal(window.document.querySelector('[data-campaign-message="m2"]'), null);
});

test('in-app message renders as a toast; the same id is not rendered twice; styles injected once', () => {
  const window = dom();
  const r = createRenderer({ document: window.document });
  const m = { id: 'm3', channel: 'in-app', title: 'Psst', body: 'toast', data: {} };
  r.render(m);
  r.render(m);
  r.render({ id: 'm4', channel: 'in-app', title: 'Second', body: '', data: {} });
  const toasts = window.document.querySelectorAll('.cc-toasts [data-campaign-channel="in-app"]');
  assert.equal(toasts.length, 2);
  assert.equal(window.document.querySelectorAll('style').length, 1);
  toasts[0].querySelector('[data-campaign-close]').click();
  assert.equal(window.document.querySelectorAll('[data-campaign-message]').length, 1);
});

test('hostile content never reaches the DOM as markup', () => {
  const window = dom();
  const r = createRenderer({ document: window.document });
  r.render({ id: 'x', channel: 'on-site', title: '<img src=x onerror=alert(1)>', body: '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">a</a>', data: { url: 'javascript:alert(1)' } });
  const el = window.document.querySelector('[data-campaign-message="x"]');
  assert.equal(el.querySelectorAll('script,img').length, 0);
  assert.equal(el.querySelector('.cc-cta'), null, 'javascript: CTA dropped');
  assert.equal(el.querySelector('.cc-body a').hasAttribute('href'), false);
});
