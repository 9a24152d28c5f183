// Replays the calls the stub snippet queued before the SDK loaded.
// The stub (see snippet.html) is an array of [method, ...args] entries; promise-returning inbox
// calls carry .r/.j (resolve/reject) and every entry may carry .t (the time of the call).
// init calls are applied first (they configure everything else); the rest run in order.

export function replayStub(stub, client, baseConfig = {}) {
  const calls = Array.isArray(stub) || (stub && typeof stub.length === 'number') ? Array.prototype.slice.call(stub) : [];
  const entries = calls.filter((c) => Array.isArray(c) && typeof c[0] === 'string');
  const init = Object.assign({}, baseConfig);
  for (const c of entries) if (c[0] === 'init' && c[1] && typeof c[1] === 'object') Object.assign(init, c[1]);
  client.init(init);
  for (const c of entries) {
    const [name, ...args] = c;
    if (name === 'init') continue;
    const path = name.split('.');
    let target = client;
    for (let i = 0; i < path.length - 1 && target; i++) target = target[path[i]];
    const fn = target && target[path[path.length - 1]];
    if (typeof fn !== 'function') {
      console.warn(`[campaign] unknown method "${name}" in the stub queue`);
      continue;
    }
    try {
      const out = c.t && client._withTime ? client._withTime(c.t, () => fn.apply(target, args)) : fn.apply(target, args);
      if (c.r) Promise.resolve(out).then(c.r, c.j);
    } catch (e) {
      if (c.j) c.j(e);
      else console.error('[campaign]', e);
    }
  }
  return entries.length;
}
