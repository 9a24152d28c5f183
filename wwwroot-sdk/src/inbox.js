// campaign.inbox: the user's persistent message inbox, kept current by the hub.
// "change" fires on the initial load, inboxAdded, inboxRemoved and markRead.
import { HUB } from './constants.js';
import { createEmitter } from './emitter.js';

export function createInbox({ invoke, clock }) {
  const events = createEmitter();
  let items = [];

  const live = (list) => {
    const now = clock.now();
    return list.filter((i) => i && i.id != null && !(i.expiresAt && Date.parse(i.expiresAt) <= now));
  };
  const changed = () => events.emit('change', items.slice());

  const api = {
    get items() {
      return items.slice();
    },
    /** Fetches the inbox from the server (GetInbox); resolves with the items. */
    list() {
      return invoke(HUB.GET_INBOX).then((list) => {
        api._replace(Array.isArray(list) ? list : []);
        return items.slice();
      });
    },
    /** Marks an item read (optimistically) and tells the server (MarkRead). */
    markRead(id) {
      const item = items.find((i) => String(i.id) === String(id));
      if (item && !item.readAt) {
        items = items.map((i) => (i === item ? { ...i, readAt: new Date(clock.now()).toISOString() } : i));
        changed();
      }
      return invoke(HUB.MARK_READ, id);
    },
    unreadCount: () => live(items).filter((i) => !i.readAt).length,
    on: (type, fn) => events.on(type, fn),
    off: (type, fn) => events.off(type, fn),

    // --- fed by the hub ---
    _replace(list) {
      items = live(list);
      changed();
    },
    _added(item) {
      items = [item, ...items.filter((i) => String(i.id) !== String(item.id))];
      changed();
    },
    _removed(id) {
      const before = items.length;
      items = items.filter((i) => String(i.id) !== String(id));
      if (items.length !== before) changed();
    },
    _clear() {
      if (items.length) {
        items = [];
        changed();
      }
    },
  };
  return api;
}
