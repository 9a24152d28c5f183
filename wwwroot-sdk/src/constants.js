// Shared constants: library identity, endpoint paths, storage keys and the hub protocol names.

/* global __SDK_VERSION__ */
export const VERSION = typeof __SDK_VERSION__ === 'string' ? __SDK_VERSION__ : '0.0.0-dev';
export const LIBRARY_NAME = 'campaign-console-sdk';

export const BATCH_PATH = '/v1/batch';
export const HUB_PATH = '/hubs/messages';

/** Hub method names. Keep in sync with the server hub (see README "Hub protocol"). */
export const HUB = Object.freeze({
  // server -> client
  MESSAGE: 'message',
  INBOX_ADDED: 'inboxAdded',
  INBOX_REMOVED: 'inboxRemoved',
  // client -> server
  ACK: 'Ack',
  MARK_READ: 'MarkRead',
  GET_INBOX: 'GetInbox',
  SYNC: 'Sync',
});

/** Channels the SDK renders by default. */
export const RENDERED_CHANNELS = ['on-site', 'in-app'];

export const KEYS = Object.freeze({
  queue: 'cc_queue',
  lease: 'cc_lease',
  anonymousId: 'cc_anonymous_id',
  userId: 'cc_user_id',
  userHash: 'cc_user_hash',
  traits: 'cc_traits',
  seen: 'cc_seen', // sessionStorage
  cursor: 'cc_cursor:', // sessionStorage, + identity
});

export const LIMITS = Object.freeze({
  flushAt: 20, // messages per batch
  flushInterval: 1000, // ms
  maxMessageBytes: 32 * 1024, // Segment's per-message limit
  maxBatchBytes: 450 * 1024, // stay under Segment's 500 KB batch limit
  beaconChunkBytes: 60 * 1024, // sendBeacon / keepalive budget is 64 KB
  maxQueue: 1000, // persisted messages kept while offline
  leaseTtl: 5000, // ms a tab owns the persisted queue without renewing
  seenIds: 300, // message ids remembered for de-duplication
});
