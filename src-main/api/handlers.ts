// Channel → module service. Each entry runs after the router has validated the input and
// checked the permission; `tx` entries run inside one transaction.
import type { HandlerTable, CallContext } from './router';
import { AppError } from '../lib/errors';
import * as staff from '../modules/staff/service';
import * as catalog from '../modules/catalog/service';
import { importCommit, importPreview } from '../modules/catalog/import';
import { exportCatalog } from '../modules/catalog/export';
import { listAudit } from '../modules/audit/service';
import * as warehouse from '../modules/warehouse/service';
import { can } from './permissions';
import * as buyers from '../modules/service/buyers';
import * as orders from '../modules/service/orders';
import * as orderImport from '../modules/service/order-import';
import * as followUp from '../modules/service/follow-up';
import * as serviceExport from '../modules/service/export';
import { getSettings, saveSettings } from '../modules/service/common';

/** The signed-in person's id (the router guarantees a session on non-public channels). */
function me(ctx: CallContext): string {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'signInFirst');
  return ctx.session.staff.id;
}

export const handlers: HandlerTable = {
  'system.status': { mode: 'read', run: (ctx) => staff.systemStatus(ctx.store, ctx.host.appVersion) },
  'system.setup': {
    run: (ctx, input) => {
      const session = staff.setup(ctx.store, input);
      ctx.setSession(session);
      return session;
    },
  },
  'auth.roster': { mode: 'read', run: (ctx) => staff.roster(ctx.store) },
  'auth.session': { mode: 'read', run: (ctx) => ctx.session },
  'auth.signIn': {
    // async: a failed attempt is recorded in its own transaction before the call fails.
    mode: 'async',
    run: (ctx, input) => {
      const session = staff.signIn(ctx.store, input.staffId, input.pin);
      if (ctx.session) ctx.store.tx(() => staff.recordSignOut(ctx.store, ctx.session!.staff.id));
      ctx.setSession(session);
      return session;
    },
  },
  'auth.signOut': {
    run: (ctx) => {
      if (ctx.session) staff.recordSignOut(ctx.store, ctx.session.staff.id);
      ctx.setSession(null);
      return null;
    },
  },
  'auth.changeOwnPin': {
    // async: a wrong current PIN counts towards the lock-out even though the call fails.
    mode: 'async',
    run: (ctx, input) => {
      staff.changeOwnPin(ctx.store, me(ctx), input.currentPin, input.newPin);
      return null;
    },
  },
  'shop.get': { mode: 'read', run: (ctx) => staff.getShop(ctx.store) },
  'shop.update': { run: (ctx, input) => staff.updateShop(ctx.store, me(ctx), input) },
  'staff.list': { mode: 'read', run: (ctx, input) => staff.listStaff(ctx.store, input.includeInactive) },
  'staff.create': { run: (ctx, input) => staff.createStaff(ctx.store, me(ctx), input) },
  'staff.update': { run: (ctx, input) => staff.updateStaff(ctx.store, me(ctx), input) },
  'staff.setActive': {
    run: (ctx, input) => staff.setStaffActive(ctx.store, me(ctx), input.id, input.active),
  },
  'staff.resetPin': { run: (ctx, input) => staff.resetPin(ctx.store, me(ctx), input.id, input.pin) },
  'audit.list': { mode: 'read', run: (ctx, input) => listAudit(ctx.store, input) },
  'audit.people': { mode: 'read', run: (ctx) => staff.auditPeople(ctx.store) },
  'catalog.categories': { mode: 'read', run: (ctx) => catalog.listCategories(ctx.store) },
  'catalog.lookup': { mode: 'read', run: (ctx, input) => catalog.lookupSku(ctx.store, input.code) },
  'catalog.list': { mode: 'read', run: (ctx, input) => catalog.listSkus(ctx.store, input) },
  'catalog.get': { mode: 'read', run: (ctx, input) => catalog.getProduct(ctx.store, input.productId) },
  'catalog.create': { run: (ctx, input) => catalog.createProduct(ctx.store, me(ctx), input) },
  'catalog.update': { run: (ctx, input) => catalog.updateProduct(ctx.store, me(ctx), input) },
  'catalog.setArchived': {
    run: (ctx, input) => catalog.setArchived(ctx.store, me(ctx), input.productId, input.archived),
  },
  'catalog.importPreview': { run: (ctx, input) => importPreview(ctx.store, me(ctx), input) },
  'catalog.importCommit': { run: (ctx, input) => importCommit(ctx.store, me(ctx), input) },
  'catalog.exportCsv': { mode: 'async', run: (ctx, input) => exportCatalog(ctx.store, ctx.host, input) },
  'warehouse.listBins': { mode: 'read', run: (ctx, input) => warehouse.listBins(ctx.store, input) },
  'warehouse.saveBin': { run: (ctx, input) => warehouse.saveBin(ctx.store, me(ctx), input) },
  'warehouse.setBinRetired': {
    run: (ctx, input) => warehouse.setBinRetired(ctx.store, me(ctx), input.id, input.retired),
  },
  'warehouse.listDocuments': {
    mode: 'read',
    run: (ctx, input) => warehouse.listDocuments(ctx.store, input),
  },
  'warehouse.getDocument': { mode: 'read', run: (ctx, input) => warehouse.getDocument(ctx.store, input.id) },
  'warehouse.saveDraft': { run: (ctx, input) => warehouse.saveDraft(ctx.store, me(ctx), input) },
  'warehouse.discardDraft': { run: (ctx, input) => warehouse.discardDraft(ctx.store, me(ctx), input) },
  'warehouse.post': {
    run: (ctx, input) =>
      warehouse.post(ctx.store, me(ctx), {
        ...input,
        mayOverride: can(ctx.session?.staff.role, 'warehouse.override'),
      }),
  },
  'warehouse.reverse': { run: (ctx, input) => warehouse.reverse(ctx.store, me(ctx), input) },
  'warehouse.ledger': { mode: 'read', run: (ctx, input) => warehouse.ledger(ctx.store, input) },
  'warehouse.balances': { mode: 'read', run: (ctx, input) => warehouse.balances(ctx.store, input) },
  'warehouse.skuStock': { mode: 'read', run: (ctx, input) => warehouse.skuStock(ctx.store, input.skuId) },
  // service (客服 part 1)
  'service.settings': { mode: 'read', run: (ctx) => getSettings(ctx.store) },
  'service.saveSettings': { run: (ctx, input) => saveSettings(ctx.store, me(ctx), input) },
  'buyers.search': { mode: 'read', run: (ctx, input) => buyers.searchBuyers(ctx.store, input) },
  'buyers.get': { mode: 'read', run: (ctx, input) => buyers.getBuyer(ctx.store, input.id, canContact(ctx)) },
  'buyers.save': {
    run: (ctx, input) =>
      buyers.getBuyer(ctx.store, buyers.saveBuyer(ctx.store, me(ctx), input), canContact(ctx)),
  },
  'buyers.addNote': {
    run: (ctx, input) => {
      buyers.addNote(ctx.store, me(ctx), input.buyerId, input.text);
      return buyers.getBuyer(ctx.store, input.buyerId, canContact(ctx));
    },
  },
  'buyers.merge': {
    run: (ctx, input) => {
      buyers.mergeBuyers(ctx.store, me(ctx), input.keepId, input.mergeId);
      return buyers.getBuyer(ctx.store, input.keepId, canContact(ctx));
    },
  },
  'buyers.exportCsv': {
    mode: 'async',
    run: (ctx, input) =>
      serviceExport.exportBuyers(
        ctx.store,
        ctx.host,
        input.q,
        can(ctx.session?.staff.role, 'buyers.exportFull'),
        input.encoding,
      ),
  },
  'orders.list': { mode: 'read', run: (ctx, input) => orders.listOrders(ctx.store, input) },
  'orders.get': { mode: 'read', run: (ctx, input) => orders.getOrder(ctx.store, input.id, canContact(ctx)) },
  'orders.create': {
    run: (ctx, input) =>
      orders.getOrder(ctx.store, orders.createManualOrder(ctx.store, me(ctx), input), canContact(ctx)),
  },
  'orders.setStatus': {
    run: (ctx, input) => {
      orders.setOrderStatus(ctx.store, me(ctx), input);
      return orders.getOrder(ctx.store, input.id, canContact(ctx));
    },
  },
  'orders.setSellerNote': {
    run: (ctx, input) => {
      orders.setSellerNote(ctx.store, me(ctx), input);
      return orders.getOrder(ctx.store, input.id, canContact(ctx));
    },
  },
  'orders.importPreview': {
    mode: 'read',
    run: (ctx, input) => orderImport.importPreview(ctx.store, me(ctx), input),
  },
  'orders.importCommit': { run: (ctx, input) => orderImport.importCommit(ctx.store, me(ctx), input) },
  'orders.exportCsv': {
    mode: 'async',
    run: (ctx, input) => serviceExport.exportOrders(ctx.store, ctx.host, input.filter, input.encoding),
  },
  'followUp.queue': { mode: 'read', run: (ctx, input) => followUp.followUpQueue(ctx.store, input) },
  'followUp.record': {
    run: (ctx, input) => {
      followUp.recordFollowUp(ctx.store, me(ctx), input);
      return orders.getOrder(ctx.store, input.orderId, canContact(ctx));
    },
  },
  'followUp.report': { mode: 'read', run: (ctx, input) => followUp.followUpReport(ctx.store, input) },
  'followUp.exportCsv': {
    mode: 'async',
    run: (ctx, input) => serviceExport.exportFollowUps(ctx.store, ctx.host, input, input.encoding),
  },
};

/** May the caller see buyers' full phone numbers? (Others get them masked from main.) */
function canContact(ctx: CallContext): boolean {
  return can(ctx.session?.staff.role, 'buyers.contact');
}
