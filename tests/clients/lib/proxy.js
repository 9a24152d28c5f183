// A recording reverse proxy in front of the server: keeps every request exactly as the SDK sent it
// (headers, raw body, decoded JSON), and can forward a request yet answer 503, as when the response
// to a committed batch is lost, so an SDK retries the same messages.
import { createServer } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';

export async function startProxy(target, { failAfterForwarding = 0 } = {}) {
  const requests = [];
  let toFail = failAfterForwarding;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const record = { method: req.method, url: req.url, headers: { ...req.headers }, raw, json: undefined, status: undefined, response: undefined, injected: false };
      try {
        const enc = (req.headers['content-encoding'] || '').toLowerCase();
        const plain = enc === 'gzip' ? gunzipSync(raw) : enc === 'deflate' ? inflateSync(raw) : raw;
        record.json = JSON.parse(plain.toString('utf8'));
      } catch (e) {
        record.json = `<not JSON: ${e.message}>`;
      }
      requests.push(record);
      try {
        const headers = { ...req.headers };
        delete headers.host;
        delete headers.connection;
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        const upstream = await fetch(new URL(req.url, target), {
          method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : raw,
        });
        record.status = upstream.status;
        record.response = await upstream.text();
        if (toFail > 0 && upstream.status === 200) {
          toFail--;
          record.injected = true;
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end('{"error":"injected by the test proxy after the server committed the batch"}');
          return;
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') || 'application/json' });
        res.end(record.response);
      } catch (e) {
        record.status = 599;
        record.response = String(e);
        res.writeHead(502);
        res.end(String(e));
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

/** A request as text for a failure message: what exactly the SDK sent and what the server said. */
export function describe(record) {
  const headers = Object.entries(record.headers).map(([k, v]) => `${k}: ${k === 'authorization' ? v.slice(0, 10) + '…' : v}`).join('\n');
  return `${record.method} ${record.url}\n${headers}\n\n${typeof record.json === 'string' ? record.json : JSON.stringify(record.json, null, 2)}\n` +
    `→ ${record.status ?? '(no answer yet)'}${record.injected ? ' (answered 503 by the proxy)' : ''} ${record.response ?? ''}`;
}
