// The list of IPC channels, as plain strings. Pure and dependency-free so that the sandboxed
// preload can bundle it without pulling in zod or any Node module. contract.ts checks that every
// channel here has a schema and vice versa.
export const CHANNELS = [
  'system.status',
  'system.setup',
  'auth.roster',
  'auth.session',
  'auth.signIn',
  'auth.signOut',
  'auth.changeOwnPin',
  'shop.get',
  'shop.update',
  'staff.list',
  'staff.create',
  'staff.update',
  'staff.setActive',
  'staff.resetPin',
  'audit.list',
  'audit.people',
  'catalog.list',
  'catalog.categories',
  'catalog.lookup',
  'catalog.get',
  'catalog.create',
  'catalog.update',
  'catalog.setArchived',
  'catalog.importPreview',
  'catalog.importCommit',
  'catalog.exportCsv',
  'warehouse.listBins',
  'warehouse.saveBin',
  'warehouse.setBinRetired',
  'warehouse.listDocuments',
  'warehouse.getDocument',
  'warehouse.saveDraft',
  'warehouse.discardDraft',
  'warehouse.post',
  'warehouse.reverse',
  'warehouse.ledger',
  'warehouse.balances',
  'warehouse.skuStock',
  // service (客服 part 1)
  'service.settings',
  'service.saveSettings',
  'buyers.search',
  'buyers.get',
  'buyers.save',
  'buyers.addNote',
  'buyers.merge',
  'buyers.exportCsv',
  'orders.list',
  'orders.get',
  'orders.create',
  'orders.setStatus',
  'orders.setSellerNote',
  'orders.importPreview',
  'orders.importCommit',
  'orders.exportCsv',
  'followUp.queue',
  'followUp.record',
  'followUp.report',
  'followUp.exportCsv',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** Events main may push to the renderer; payload only, never the Electron event object. */
export const EVENTS = ['session.changed'] as const;
export type EventName = (typeof EVENTS)[number];

/** The two Electron IPC channel names under which all calls and events travel. */
export const IPC_CALL = 'shopdesk:call';
export const IPC_EVENT = 'shopdesk:event';
