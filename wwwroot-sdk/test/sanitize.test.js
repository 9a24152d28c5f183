import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { sanitizeHtml, safeHref } from '../src/sanitize.js';

const { window } = new JSDOM('<!doctype html><body></body>');
const { document } = window;
const clean = (html) => {
  const div = document.createElement('div');
  div.appendChild(sanitizeHtml(html, document, window.DOMParser));
  return div;
};
const serialize = (html) => clean(html).innerHTML; // serializing our own output only

const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href=" java\tscript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<iframe src="https://evil.test"></iframe>',
  '<svg onload=alert(1)><circle/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<p onclick="alert(1)" style="background:url(javascript:alert(1))">hi</p>',
  '<style>body{display:none}</style>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.test"><input name=x><button>go</button></form>',
  '<b onmouseover=alert(1)>bold</b>',
  '<div><span><a href="https://ok.test" onclick="alert(1)" target="_top">ok</a></span></div>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><img src=x onerror=alert(1)></template>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<details open ontoggle=alert(1)>',
  '<a href="https://ok.test"><img src=x onerror=alert(1)></a>',
];

for (const attack of ATTACKS) {
  test(`sanitizer neutralizes ${attack.slice(0, 60)}`, () => {
    const out = clean(attack);
    assert.equal(out.querySelectorAll('script,style,iframe,img,svg,math,object,embed,form,input,button,meta,base,template,noscript,details').length, 0);
    for (const el of out.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        assert.ok(['href', 'rel'].includes(attr.name), `attribute ${attr.name} removed`);
        assert.ok(!/^on/i.test(attr.name));
      }
      if (el.hasAttribute('href')) assert.match(el.getAttribute('href'), /^(https?:|mailto:)/);
    }
    assert.doesNotMatch(out.innerHTML, /javascript:|onerror|onload|onclick|<script|<iframe|<svg/i);
  });
}

test('safe markup survives', () => {
  const html = '<p>Hello <b>bold</b> <i>it</i> <em>em</em> <strong>strong</strong><br><span>s</span></p>' +
    '<ul><li>one</li></ul><ol><li>two</li></ol>' +
    '<a href="https://shop.test/sale?x=1&amp;y=2">sale</a> <a href="mailto:hi@shop.test">mail</a> <a href="http://plain.test">plain</a>';
  const out = clean(html);
  for (const tag of ['p', 'b', 'i', 'em', 'strong', 'br', 'span', 'ul', 'ol', 'li']) assert.equal(out.querySelectorAll(tag).length >= 1, true, tag);
  const links = [...out.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  assert.deepEqual(links, ['https://shop.test/sale?x=1&y=2', 'mailto:hi@shop.test', 'http://plain.test']);
  assert.equal(out.querySelector('a').getAttribute('rel'), 'noopener noreferrer nofollow');
  assert.equal(out.textContent, 'Hello bold it em strong' + 's' + 'one' + 'two' + 'sale mail plain');
});

test('unknown elements are unwrapped (text kept); dangerous ones are removed with their content', () => {
  assert.equal(serialize('<div><h1>Title</h1><table><tr><td>cell</td></tr></table></div>'), 'Titlecell');
  assert.equal(clean('<script>var secret = 1</script>after').textContent, 'after');
  assert.equal(serialize('plain text & <b>more</b>'), 'plain text &amp; <b>more</b>');
});

test('plain text is not parsed as markup', () => {
  assert.equal(clean('2 > 1 is true').textContent, '2 > 1 is true');
});

test('safeHref', () => {
  assert.equal(safeHref('https://a.test/x'), 'https://a.test/x');
  assert.equal(safeHref('mailto:a@b.test'), 'mailto:a@b.test');
  assert.equal(safeHref('/relative'), null);
  assert.equal(safeHref('//evil.test'), null);
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('\u0001javascript:alert(1)'), null);
  assert.equal(safeHref('java\nscript:alert(1)'), null);
  assert.equal(safeHref(undefined), null);
});
