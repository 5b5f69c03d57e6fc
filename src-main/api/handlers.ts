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
import * as shipping from '../modules/warehouse/shipping';
import * as orderLink from '../modules/warehouse/order-link';
import { createExpectedReturn, inspectReturn } from '../modules/warehouse/returns';
import { exportBalances, exportDocuments } from '../modules/warehouse/exports';
import * as stocktake from '../modules/warehouse/stocktake';
import * as alerts from '../modules/alerts/service';
import { exportLedger, ledgerPeople } from '../modules/warehouse/ledger-export';
import { can, type Role } from './permissions';
import * as rota from '../modules/staffing/rota';
import * as attendance from '../modules/staffing/attendance';
import * as assessment from '../modules/staffing/assessment';
import { exportAssessment, exportAttendance } from '../modules/staffing/export';
import * as artTasks from '../modules/art/tasks';
import * as library from '../modules/art/library';
import { thumbStatus } from '../modules/art/thumbs';
import * as artAssessment from '../modules/art/assessment';
import * as readiness from '../modules/art/readiness';
import * as buyers from '../modules/service/buyers';
import * as orders from '../modules/service/orders';
import * as orderImport from '../modules/service/order-import';
import * as followUp from '../modules/service/follow-up';
import * as serviceExport from '../modules/service/export';
import { getSettings, saveSettings } from '../modules/service/common';
import * as handover from '../modules/service/handover';
import * as reviews from '../modules/service/reviews';
import * as promotions from '../modules/service/promotions';
import * as creative from '../modules/art/creative';
import * as complaints from '../modules/service/complaints';
import * as agentDay from '../modules/service/agent-day';
import * as presales from '../modules/service/presales';
import * as aftersales from '../modules/service/aftersales';
import { refundImportCommit, refundImportPreview } from '../modules/service/aftersales-import';
import * as samples from '../modules/warehouse/samples';

/** The signed-in person's id (the router guarantees a session on non-public channels). */
/** Book quantities of a blind stocktake go only to people who approve, or who do not count. */
function seesBook(ctx: CallContext): boolean {
  const role = ctx.session?.staff.role;
  return can(role, 'warehouse.stocktake') || !can(role, 'warehouse.count');
}

function me(ctx: CallContext): string {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'signInFirst');
  return ctx.session.staff.id;
}
/** The signed-in person with their role (staffing enforces teams by role). */
function caller(ctx: CallContext): { id: string; role: Role; name: string } {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'signInFirst');
  return ctx.session.staff;
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
  // shipping, pack check, returns inspection, exports
  'shipping.queue': { mode: 'read', run: (ctx, input) => shipping.shippingQueue(ctx.store, input) },
  'shipping.createOrder': { run: (ctx, input) => shipping.createOrderOutbound(ctx.store, me(ctx), input) },
  'shipping.pickList': { mode: 'read', run: (ctx, input) => shipping.pickList(ctx.store, input) },
  'shipping.packState': {
    mode: 'read',
    run: (ctx, input) => shipping.packState(ctx.store, input.documentId),
  },
  'shipping.packScan': { run: (ctx, input) => shipping.packScan(ctx.store, me(ctx), input) },
  'shipping.ship': {
    run: (ctx, input) =>
      shipping.ship(ctx.store, me(ctx), {
        ...input,
        mayOverride: can(ctx.session?.staff.role, 'warehouse.override'),
      }),
  },
  'warehouse.shipment': {
    mode: 'read',
    run: (ctx, input) => shipping.shipmentForOrder(ctx.store, input.orderRef),
  },
  'returns.createExpected': { run: (ctx, input) => createExpectedReturn(ctx.store, me(ctx), input) },
  'returns.inspect': {
    run: (ctx, input) =>
      inspectReturn(ctx.store, me(ctx), {
        ...input,
        mayOverride: can(ctx.session?.staff.role, 'warehouse.override'),
      }),
  },
  'warehouse.exportDocuments': {
    mode: 'async',
    run: (ctx, input) => exportDocuments(ctx.store, ctx.host, input),
  },
  'warehouse.exportBalances': {
    mode: 'async',
    run: (ctx, input) => exportBalances(ctx.store, ctx.host, input),
  },
  // stocktakes (盘点)
  'stocktake.list': {
    mode: 'read',
    run: (ctx, input) => stocktake.listStocktakes(ctx.store, input, seesBook(ctx)),
  },
  'stocktake.get': {
    mode: 'read',
    run: (ctx, input) => stocktake.getStocktake(ctx.store, input.id, seesBook(ctx)),
  },
  'stocktake.lines': {
    mode: 'read',
    run: (ctx, input) => stocktake.stocktakeLines(ctx.store, input, seesBook(ctx)),
  },
  'stocktake.start': { run: (ctx, input) => stocktake.startStocktake(ctx.store, me(ctx), input) },
  'stocktake.count': { run: (ctx, input) => stocktake.recordCounts(ctx.store, me(ctx), input) },
  'stocktake.cancel': { run: (ctx, input) => stocktake.cancelStocktake(ctx.store, me(ctx), input) },
  'stocktake.approve': { run: (ctx, input) => stocktake.approveStocktake(ctx.store, me(ctx), input) },
  'stocktake.report': {
    mode: 'read',
    run: (ctx, input) => stocktake.stocktakeReport(ctx.store, input.id, seesBook(ctx)),
  },
  'stocktake.exportCsv': {
    mode: 'async',
    run: (ctx, input) => stocktake.exportVarianceCsv(ctx.store, ctx.host, input, seesBook(ctx)),
  },
  // staffing: rota, attendance, assessment
  'rota.templates': { mode: 'read', run: (ctx, input) => rota.listTemplates(ctx.store, input) },
  'rota.saveTemplate': { run: (ctx, input) => rota.saveTemplate(ctx.store, me(ctx), input) },
  'rota.week': {
    mode: 'read',
    run: (ctx, input) => rota.getWeek(ctx.store, caller(ctx), input.team, input.weekStart),
  },
  'rota.saveWeek': { run: (ctx, input) => rota.saveWeek(ctx.store, caller(ctx), input) },
  'rota.copyWeek': { run: (ctx, input) => rota.copyWeek(ctx.store, caller(ctx), input) },
  'rota.myShifts': { mode: 'read', run: (ctx, input) => rota.myShifts(ctx.store, caller(ctx), input) },
  'attendance.status': { mode: 'read', run: (ctx) => attendance.clockStatus(ctx.store, caller(ctx)) },
  'attendance.clock': { run: (ctx, input) => attendance.clock(ctx.store, caller(ctx), input.kind) },
  'attendance.punches': {
    mode: 'read',
    run: (ctx, input) => attendance.listPunches(ctx.store, caller(ctx), input),
  },
  'attendance.correct': { run: (ctx, input) => attendance.correct(ctx.store, caller(ctx), input) },
  'attendance.report': {
    mode: 'read',
    run: (ctx, input) => attendance.report(ctx.store, caller(ctx), input),
  },
  'attendance.exportCsv': {
    mode: 'async',
    run: (ctx, input) => exportAttendance(ctx.store, ctx.host, caller(ctx), input),
  },
  'attendance.settings': { mode: 'read', run: (ctx) => attendance.getSettings(ctx.store) },
  'attendance.saveSettings': { run: (ctx, input) => attendance.saveSettings(ctx.store, me(ctx), input) },
  'assessment.month': {
    mode: 'read',
    run: (ctx, input) => assessment.assessmentMonth(ctx.store, input.month),
  },
  'assessment.saveScore': { run: (ctx, input) => assessment.saveScore(ctx.store, me(ctx), input) },
  'assessment.exportCsv': {
    mode: 'async',
    run: (ctx, input) => exportAssessment(ctx.store, ctx.host, input),
  },
  // low-stock alerts, ledger export and person filter
  'warehouse.exportLedger': { mode: 'async', run: (ctx, input) => exportLedger(ctx.store, ctx.host, input) },
  'warehouse.people': { mode: 'read', run: (ctx) => ledgerPeople(ctx.store) },
  'alerts.list': { mode: 'read', run: (ctx, input) => alerts.listAlerts(ctx.store, input) },
  'alerts.counts': { mode: 'read', run: (ctx) => alerts.alertCounts(ctx.store) },
  'alerts.ack': { run: (ctx, input) => alerts.acknowledge(ctx.store, me(ctx), input) },
  'alerts.exportCsv': { mode: 'async', run: (ctx, input) => alerts.exportAlerts(ctx.store, ctx.host, input) },
  // art: design tasks and the image library
  'art.tasksList': { mode: 'read', run: (ctx, input) => artTasks.listTasks(ctx.store, input) },
  'art.taskGet': { mode: 'read', run: (ctx, input) => artTasks.getTask(ctx.store, input.id) },
  'art.taskSave': {
    run: (ctx, input) => artTasks.saveTask(ctx.store, me(ctx), ctx.session!.staff.role, input),
  },
  'art.taskMove': {
    run: (ctx, input) => artTasks.moveTask(ctx.store, me(ctx), ctx.session!.staff.role, input),
  },
  'art.taskReview': {
    run: (ctx, input) => {
      // a task is not approved while its samples are out, unless a reason is given.
      const { samplesOverrideReason, ...review } = input;
      if (review.decision === 'approve')
        samples.checkTaskCompletion(ctx.store, me(ctx), review.id, samplesOverrideReason);
      return artTasks.reviewTask(ctx.store, me(ctx), review);
    },
  },
  'art.taskAttach': { run: (ctx, input) => artTasks.attachImages(ctx.store, me(ctx), input) },
  'art.tasksExportCsv': {
    mode: 'async',
    run: (ctx, input) => artTasks.exportTasksCsv(ctx.store, ctx.host, input),
  },
  'art.libraryList': { mode: 'read', run: (ctx, input) => library.listImages(ctx.store, input) },
  'art.libraryGet': { mode: 'read', run: (ctx, input) => library.getImage(ctx.store, input.id) },
  'art.libraryTags': { mode: 'read', run: (ctx) => library.listTags(ctx.store) },
  'art.libraryImport': {
    // async: the open dialog, then one transaction per file (a bad file never stops the rest).
    mode: 'async',
    run: (ctx, input) =>
      input.mode === 'drop'
        ? library.importDropped(ctx.store, ctx.host, me(ctx), ctx.clientId)
        : library.importFromDialog(ctx.store, ctx.host, me(ctx), input.mode),
  },
  'art.libraryUpdate': { run: (ctx, input) => library.updateImages(ctx.store, me(ctx), input) },
  'art.libraryTrash': {
    run: (ctx, input) => library.setTrashed(ctx.store, me(ctx), input.ids, input.trashed),
  },
  'art.libraryThumbs': { mode: 'read', run: (ctx) => thumbStatus(ctx.store) },
  'art.libraryExportFiles': {
    mode: 'async',
    run: (ctx, input) => library.exportFiles(ctx.store, ctx.host, input),
  },
  'art.libraryExportCsv': {
    mode: 'async',
    run: (ctx, input) => library.exportLibraryCsv(ctx.store, ctx.host, input),
  },
  'art.rulesGet': { mode: 'read', run: (ctx) => library.getRules(ctx.store) },
  'art.rulesSave': { run: (ctx, input) => library.saveRules(ctx.store, me(ctx), input) },
  // art part 2: team assessment, listing readiness
  'art.assessmentMonth': {
    mode: 'read',
    run: (ctx, input) => artAssessment.artAssessmentMonth(ctx.store, caller(ctx), input.month),
  },
  'art.assessmentSave': { run: (ctx, input) => artAssessment.saveArtScore(ctx.store, caller(ctx), input) },
  'art.assessmentExportCsv': {
    mode: 'async',
    run: (ctx, input) => artAssessment.exportArtAssessment(ctx.store, ctx.host, caller(ctx), input),
  },
  'art.readinessList': { mode: 'read', run: (ctx, input) => readiness.listReadiness(ctx.store, input) },
  'art.readinessMark': { run: (ctx, input) => readiness.markListed(ctx.store, me(ctx), input) },
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
  // orders ↔ warehouse link
  'shipping.pendingOrders': { mode: 'read', run: (ctx) => orderLink.pendingOrders(ctx.store) },
  'shipping.queueOrders': { run: (ctx, input) => orderLink.queueOrders(ctx.store, me(ctx), input) },
  'orders.notifyWarehouse': {
    run: (ctx, input) => {
      orderLink.notifyWarehouse(ctx.store, me(ctx), input.id);
      return orders.getOrder(ctx.store, input.id, canContact(ctx));
    },
  },
  // handover (交接本)
  'handover.open': { mode: 'read', run: (ctx) => handover.openItems(ctx.store, caller(ctx)) },
  'handover.history': { mode: 'read', run: (ctx, input) => handover.history(ctx.store, caller(ctx), input) },
  'handover.write': { run: (ctx, input) => handover.writeHandover(ctx.store, caller(ctx), input) },
  'handover.ack': { run: (ctx, input) => handover.acknowledge(ctx.store, caller(ctx), input) },
  // reviews (中差评)
  'reviews.list': { mode: 'read', run: (ctx, input) => reviews.listReviews(ctx.store, input) },
  'reviews.get': { mode: 'read', run: (ctx, input) => reviews.getReview(ctx.store, input.id) },
  'reviews.create': {
    run: (ctx, input) => reviews.getReview(ctx.store, reviews.createReview(ctx.store, me(ctx), input)),
  },
  'reviews.handle': {
    run: (ctx, input) => {
      reviews.handleReview(ctx.store, me(ctx), input);
      return reviews.getReview(ctx.store, input.id);
    },
  },
  'reviews.stats': { mode: 'read', run: (ctx, input) => reviews.reviewStats(ctx.store, input) },
  'reviews.exportCsv': {
    mode: 'async',
    run: (ctx, input) => reviews.exportReviews(ctx.store, ctx.host, input.filter, input.encoding),
  },
  // promotions (活动)
  'promotions.list': { mode: 'read', run: (ctx, input) => promotions.listPromotions(ctx.store, input) },
  'promotions.get': { mode: 'read', run: (ctx, input) => promotions.getPromotion(ctx.store, input.id) },
  'promotions.save': {
    run: (ctx, input) =>
      // A new campaign's creative tasks are made in the art tab in the same transaction.
      promotions.getPromotion(ctx.store, creative.savePromotionWithCreative(ctx.store, me(ctx), input)),
  },
  'promotions.addTask': {
    run: (ctx, input) => {
      promotions.addTask(ctx.store, me(ctx), input);
      return promotions.getPromotion(ctx.store, input.promotionId);
    },
  },
  'promotions.tickTask': {
    run: (ctx, input) =>
      promotions.getPromotion(
        ctx.store,
        promotions.tickTask(ctx.store, me(ctx), can(ctx.session?.staff.role, 'promotions.write'), input),
      ),
  },
  'promotions.results': {
    mode: 'read',
    run: (ctx, input) => promotions.promotionResults(ctx.store, input.id),
  },
  'promotions.saveSummary': {
    run: (ctx, input) => {
      promotions.saveSummary(ctx.store, me(ctx), input);
      return promotions.getPromotion(ctx.store, input.id);
    },
  },
  // promotion creative + checklist edits
  'promotions.createCreative': {
    run: (ctx, input) => {
      creative.ensureCreativeTasks(ctx.store, me(ctx), input.id, { refuseEnded: true });
      return promotions.getPromotion(ctx.store, input.id);
    },
  },
  'promotions.editTask': {
    run: (ctx, input) => promotions.getPromotion(ctx.store, promotions.editTask(ctx.store, me(ctx), input)),
  },
  'promotions.removeTask': {
    run: (ctx, input) => promotions.getPromotion(ctx.store, promotions.removeTask(ctx.store, me(ctx), input)),
  },
  'promotions.moveTask': {
    run: (ctx, input) => promotions.getPromotion(ctx.store, promotions.moveTask(ctx.store, me(ctx), input)),
  },
  'promotions.resultsExportCsv': {
    mode: 'async',
    run: (ctx, input) => promotions.exportResultsCsv(ctx.store, ctx.host, input),
  },
  'art.creativeLeadGet': { mode: 'read', run: (ctx) => creative.getCreativeLead(ctx.store) },
  'art.creativeLeadSave': { run: (ctx, input) => creative.saveCreativeLead(ctx.store, me(ctx), input) },
  // complaints (客服 part 2: 投诉登记)
  'complaints.list': { mode: 'read', run: (ctx, input) => complaints.listComplaints(ctx.store, input) },
  'complaints.get': { mode: 'read', run: (ctx, input) => complaints.getComplaint(ctx.store, input.id) },
  'complaints.create': {
    run: (ctx, input) =>
      complaints.getComplaint(ctx.store, complaints.createComplaint(ctx.store, me(ctx), input)),
  },
  'complaints.addStep': {
    run: (ctx, input) => {
      complaints.addStep(ctx.store, me(ctx), input);
      return complaints.getComplaint(ctx.store, input.id);
    },
  },
  'complaints.resolve': {
    run: (ctx, input) => {
      complaints.resolveComplaint(ctx.store, me(ctx), input);
      return complaints.getComplaint(ctx.store, input.id);
    },
  },
  'complaints.confirm': {
    run: (ctx, input) => {
      complaints.confirmComplaint(ctx.store, me(ctx), input.id);
      return complaints.getComplaint(ctx.store, input.id);
    },
  },
  'complaints.scheduleCallback': {
    run: (ctx, input) => {
      complaints.scheduleCallback(ctx.store, me(ctx), input);
      return complaints.getComplaint(ctx.store, input.id);
    },
  },
  'complaints.callback': {
    run: (ctx, input) => {
      complaints.recordCallback(ctx.store, me(ctx), input);
      return complaints.getComplaint(ctx.store, input.id);
    },
  },
  'complaints.archive': {
    run: (ctx, input) => {
      complaints.archiveComplaint(ctx.store, me(ctx), input.id);
      return complaints.getComplaint(ctx.store, input.id);
    },
  },
  'complaints.notices': { mode: 'read', run: (ctx) => complaints.notices(ctx.store, caller(ctx)) },
  'complaints.readNotices': {
    run: (ctx, input) => {
      complaints.readNotices(ctx.store, caller(ctx), input.ids);
      return complaints.notices(ctx.store, caller(ctx));
    },
  },
  'complaints.settings': { mode: 'read', run: (ctx) => complaints.getDeadlines(ctx.store) },
  'complaints.saveSettings': { run: (ctx, input) => complaints.saveDeadlines(ctx.store, me(ctx), input) },
  'complaints.analysis': { mode: 'read', run: (ctx, input) => complaints.analysis(ctx.store, input) },
  'complaints.exportCsv': {
    mode: 'async',
    run: (ctx, input) => complaints.exportComplaints(ctx.store, ctx.host, input.filter, input.encoding),
  },
  // an agent's day
  'agentDay.journalGet': {
    mode: 'read',
    run: (ctx, input) => agentDay.getJournal(ctx.store, me(ctx), canTeam(ctx), input),
  },
  'agentDay.journalSave': { run: (ctx, input) => agentDay.saveJournal(ctx.store, me(ctx), input) },
  'agentDay.journalList': {
    mode: 'read',
    run: (ctx, input) => agentDay.listJournals(ctx.store, me(ctx), canTeam(ctx), input),
  },
  'agentDay.journalComment': { run: (ctx, input) => agentDay.commentJournal(ctx.store, me(ctx), input) },
  'agentDay.memos': { mode: 'read', run: (ctx, input) => agentDay.listMemos(ctx.store, me(ctx), input) },
  'agentDay.memoSave': { run: (ctx, input) => agentDay.saveMemo(ctx.store, me(ctx), input) },
  'agentDay.memoDone': { run: (ctx, input) => agentDay.setMemoDone(ctx.store, me(ctx), input) },
  'agentDay.memoDue': { mode: 'read', run: (ctx) => agentDay.dueMemos(ctx.store, me(ctx)) },
  'agentDay.agents': { mode: 'read', run: (ctx) => agentDay.agentOptions(ctx.store) },
  'agentDay.creditOrders': { mode: 'read', run: (ctx, input) => agentDay.creditOrders(ctx.store, input) },
  'agentDay.assignCredit': {
    run: (ctx, input) => {
      agentDay.assignCredit(ctx.store, me(ctx), canTeam(ctx), input);
      return agentDay.creditOrders(ctx.store, { day: input.day });
    },
  },
  'agentDay.myReport': {
    mode: 'read',
    run: (ctx, input) => agentDay.salesReport(ctx.store, { ...input, staffId: me(ctx) }),
  },
  'agentDay.teamReport': { mode: 'read', run: (ctx, input) => agentDay.salesReport(ctx.store, input) },
  'agentDay.exportCsv': {
    mode: 'async',
    run: (ctx, input) => agentDay.exportSales(ctx.store, ctx.host, input, input.encoding),
  },
  // pre-sales (售前)
  'presales.inquiries': { mode: 'read', run: (ctx, input) => presales.listInquiries(ctx.store, input) },
  'presales.inquiryCreate': {
    run: (ctx, input) =>
      presales.createInquiry(ctx.store, me(ctx), input, can(ctx.session?.staff.role, 'presales.manage')),
  },
  'presales.inquirySetOutcome': {
    run: (ctx, input) => presales.setInquiryOutcome(ctx.store, me(ctx), input),
  },
  'presales.inquiriesExportCsv': {
    mode: 'async',
    run: (ctx, input) => presales.exportInquiries(ctx.store, ctx.host, input.filter, input.encoding),
  },
  'presales.templates': { mode: 'read', run: (ctx, input) => presales.listTemplates(ctx.store, input) },
  'presales.templateSave': { run: (ctx, input) => presales.saveTemplate(ctx.store, me(ctx), input) },
  'presales.templateDelete': {
    run: (ctx, input) => {
      presales.deleteTemplate(ctx.store, me(ctx), input);
      return { deleted: true as const };
    },
  },
  'presales.knowledgeGet': {
    mode: 'read',
    run: (ctx, input) => presales.getKnowledge(ctx.store, me(ctx), input),
  },
  'presales.knowledgeSave': { run: (ctx, input) => presales.saveKnowledge(ctx.store, me(ctx), input) },
  'presales.knowledgeLearn': { run: (ctx, input) => presales.learnKnowledge(ctx.store, me(ctx), input) },
  'presales.coverage': { mode: 'read', run: (ctx, input) => presales.knowledgeCoverage(ctx.store, input) },
  // after-sales cases (售后) and the 退款报表 import
  'aftersales.list': { mode: 'read', run: (ctx, input) => aftersales.listCases(ctx.store, input) },
  'aftersales.get': { mode: 'read', run: (ctx, input) => aftersales.getCase(ctx.store, input.id) },
  'aftersales.agents': { mode: 'read', run: (ctx) => aftersales.listAgents(ctx.store) },
  'aftersales.create': {
    run: (ctx, input) => aftersales.getCase(ctx.store, aftersales.createCase(ctx.store, me(ctx), input)),
  },
  'aftersales.update': {
    run: (ctx, input) => {
      aftersales.updateCase(ctx.store, me(ctx), input);
      return aftersales.getCase(ctx.store, input.id);
    },
  },
  'aftersales.move': {
    run: (ctx, input) => {
      aftersales.moveCase(ctx.store, me(ctx), input);
      return aftersales.getCase(ctx.store, input.id);
    },
  },
  'aftersales.importPreview': {
    mode: 'read',
    run: (ctx, input) => refundImportPreview(ctx.store, me(ctx), input),
  },
  'aftersales.importCommit': { run: (ctx, input) => refundImportCommit(ctx.store, me(ctx), input) },
  'aftersales.exportCsv': {
    mode: 'async',
    run: (ctx, input) => aftersales.exportCases(ctx.store, ctx.host, input.filter, input.encoding),
  },
  // samples lent to the art team (样品借出)
  'samples.list': { mode: 'read', run: (ctx, input) => samples.listLoans(ctx.store, me(ctx), input) },
  'samples.get': { mode: 'read', run: (ctx, input) => samples.getLoan(ctx.store, input.id) },
  'samples.counts': { mode: 'read', run: (ctx) => samples.loanCounts(ctx.store) },
  'samples.request': {
    run: (ctx, input) => samples.requestSamples(ctx.store, caller(ctx).id, caller(ctx).role, input),
  },
  'samples.cancel': {
    run: (ctx, input) => samples.cancelLoan(ctx.store, caller(ctx).id, caller(ctx).role, input),
  },
  'samples.issue': {
    run: (ctx, input) =>
      samples.issueLoan(ctx.store, me(ctx), {
        ...input,
        mayOverride: can(ctx.session?.staff.role, 'warehouse.override'),
      }),
  },
  'samples.return': {
    run: (ctx, input) =>
      samples.returnLoan(ctx.store, me(ctx), {
        ...input,
        mayOverride: can(ctx.session?.staff.role, 'warehouse.override'),
      }),
  },
  'samples.writeOff': { run: (ctx, input) => samples.writeOffLoan(ctx.store, me(ctx), input) },
  'samples.exportCsv': {
    mode: 'async',
    run: (ctx, input) => samples.exportLoans(ctx.store, ctx.host, me(ctx), input),
  },
};

/** May the caller read and comment on every agent's journals and credit orders to anyone? */
function canTeam(ctx: CallContext): boolean {
  return can(ctx.session?.staff.role, 'agentday.team');
}

/** May the caller see buyers' full phone numbers? (Others get them masked from main.) */
function canContact(ctx: CallContext): boolean {
  return can(ctx.session?.staff.role, 'buyers.contact');
}
