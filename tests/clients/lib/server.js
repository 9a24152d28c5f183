// Starts the already-built CampaignConsole.Web.dll on a free port with a temporary SQLite file and
// known keys, waits for /health, and stops it again. Builds nothing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WRITE_KEY = 'wk_clients_write_0123456789abcdef';
export const SECRET_KEY = 'sk_clients_secret_0123456789abcdef';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** CC_WEB_DLL, else the build of CC_CONFIGURATION (Debug/Release), else the newest of the two. */
export function locateWebDll() {
  if (process.env.CC_WEB_DLL) return process.env.CC_WEB_DLL;
  const configs = process.env.CC_CONFIGURATION ? [process.env.CC_CONFIGURATION] : ['Release', 'Debug'];
  const found = configs
    .map((c) => join(repoRoot, 'src/CampaignConsole.Web/bin', c, 'net10.0/CampaignConsole.Web.dll'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (found.length === 0)
    throw new Error(`The server is not built: no CampaignConsole.Web.dll under src/CampaignConsole.Web/bin/{${configs}}/net10.0. ` +
      'Run `dotnet build src/CampaignConsole.Web` first (or set CC_WEB_DLL).');
  return found[0];
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export async function startServer() {
  const dll = locateWebDll();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-clients-'));
  const child = spawn('dotnet', [dll, '--urls', baseUrl], {
    cwd: dirname(dll),
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: 'Development',
      ConnectionStrings__Campaigns: `Data Source=${join(dataDir, 'campaigns.db')}`,
      Bootstrap__WriteKey: WRITE_KEY,
      Bootstrap__SecretKey: SECRET_KEY,
      Bootstrap__AdminEmail: 'admin@clients.test',
      Bootstrap__AdminPassword: 'Clients-Passw0rd!',
      Demo__Seed: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const stop = async () => {
    if (exited === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`The server exited (${JSON.stringify(exited)}) before /health answered.\n${log}`);
    }
    try {
      const r = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer 200 on ${baseUrl}/health within 60 s.\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, stop, log: () => log };
}

/** Every event stored for a user id, following nextCursor. */
export async function eventsOf(baseUrl, userId, { limit = 50 } = {}) {
  const items = [];
  let cursor = null;
  for (let pages = 0; pages < 1000; pages++) {
    const url = new URL('/api/v1/events', baseUrl);
    url.searchParams.set('userId', userId);
    url.searchParams.set('limit', String(limit));
    if (cursor) url.searchParams.set('cursor', cursor);
    const r = await fetch(url, { headers: { Authorization: `Bearer ${SECRET_KEY}` } });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${text}`);
    const page = JSON.parse(text);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  throw new Error('nextCursor never ended');
}

export function basicAuth(writeKey = WRITE_KEY) {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}
