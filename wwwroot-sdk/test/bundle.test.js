// End-to-end smoke test of the built bundle (built in memory with the same esbuild options as
// `npm run build`): the snippet page loads campaign.js from its URL, the stub queue is replayed,
// the batch goes to the server derived from the script src, and the hub connects via SignalR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { JSDOM, ResourceLoader, VirtualConsole } from 'jsdom';
import { options } from '../build.mjs';

const root = new URL('..', import.meta.url).pathname;

test('built bundle: snippet page, stub replay, batch to the script host, SignalR negotiate', async () => {
  const out = await build({ ...options, absWorkingDir: root, write: false, logLevel: 'silent' });
  const bundle = out.outputFiles[0].text;
  assert.ok(bundle.length > 10000);

  class Loader extends ResourceLoader {
    fetch(url) {
      if (url === 'https://console.example.com/sdk/v1/campaign.js') return Promise.resolve(Buffer.from(bundle));
      return null;
    }
  }
  const snippet = readFileSync(new URL('../snippet.html', import.meta.url), 'utf8').replace('data-write-key="wk_..."', 'data-write-key="wk_e2e"');
  const html = `<!doctype html><html><head><title>Shop</title>${snippet}
    <script>campaign.identify("u1", {name: "Ada"}, {userHash: "h1"}); campaign.track("add_to_cart", {sku: "A1", price: 30});</script>
    </head><body></body></html>`;
  const requests = [];
  const dom = new JSDOM(html, {
    url: 'https://shop.test/product',
    runScripts: 'dangerously',
    resources: new Loader(),
    virtualConsole: new VirtualConsole(), // the failed negotiate warnings are expected: keep output clean
    beforeParse(window) {
      window.fetch = async (url, init = {}) => {
        requests.push({ url: String(url), init });
        if (String(url).includes('/hubs/messages')) return { status: 503, statusText: 'Unavailable', ok: false, headers: { get: () => null }, text: async () => '' };
        return { status: 200, ok: true, headers: { get: () => null }, text: async () => '{"success":true}', json: async () => ({ success: true }) };
      };
    },
  });
  try {
    await new Promise((resolve) => dom.window.addEventListener('load', resolve));
    const { campaign } = dom.window;
    assert.equal(typeof campaign.track, 'function', 'the stub was replaced by the SDK');
    assert.equal(campaign.VERSION, JSON.parse(readFileSync(new URL('../package.json', import.meta.url))).version);
    assert.equal(campaign.userId, 'u1');
    await new Promise((r) => setTimeout(r, 1300));
    const batch = requests.find((r) => r.url === 'https://console.example.com/v1/batch');
    assert.ok(batch, 'batch posted to the host the script came from');
    const body = JSON.parse(batch.init.body);
    assert.equal(body.writeKey, 'wk_e2e');
    assert.deepEqual(body.batch.map((m) => m.type), ['identify', 'track']);
    const negotiate = requests.find((r) => r.url.includes('/hubs/messages/negotiate'));
    assert.ok(negotiate, 'SignalR negotiate attempted');
    assert.match(negotiate.url, /^https:\/\/console\.example\.com\/hubs\/messages\/negotiate\?writeKey=wk_e2e&userId=u1&userHash=h1/);
  } finally {
    dom.window.close();
  }
});
