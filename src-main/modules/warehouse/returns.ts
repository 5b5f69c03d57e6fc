// Returns to stock (退货验收): after-sales announces a return as a draft return_in
// (`createExpectedReturn`); when the parcel arrives the warehouse inspects it — per SKU how many
// are good (→ a normal bin), defective (→ the defects bin, 次品区) or written off (报废). Posting
// the inspection rewrites and posts the return_in (good and defective pieces in their bins, the
// write-offs into the defects bin) and, for write-offs, a linked posted other_out (reason 报废)
// takes them out again: a posted document either way. A walk-in return (no draft) works the same
// from an order ref. Writes run inside the caller's transaction.
import type { z } from 'zod';
import type {
  expectedReturnInput,
  InspectionResult,
  inspectionInput,
  StockDocument,
} from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { checkOrderSkus, mainBinOf } from './shipping';
import { getDocument, post, saveDraft } from './service';

export type ExpectedReturnData = z.output<typeof expectedReturnInput>;
export type InspectionData = z.output<typeof inspectionInput>;

/** What the inspection writes on the return_in lines (the note tells the outcome). */
export const OUTCOME_NOTE = { good: '良品', defective: '次品', scrap: '报废' } as const;
export const SCRAP_REASON = '报废';

/**
 * A draft return_in for goods coming back on an order, each SKU into its main bin (the
 * inspection decides the final bins). Used by after-sales.
 */
export function createExpectedReturn(
  store: Store,
  by: string,
  input: {
    orderRef: string;
    counterpart?: string;
    reason?: string;
    lines: { skuId: string; quantity: number }[];
  },
): StockDocument {
  const orderRef = input.orderRef.trim();
  if (!orderRef) throw fieldErrors({ orderRef: { key: 'validation.required' } });
  checkOrderSkus(store, input.lines);
  return saveDraft(store, by, {
    type: 'return_in',
    counterpart: (input.counterpart ?? '').trim(),
    reason: (input.reason ?? '').trim(),
    orderRef,
    notes: '',
    lines: input.lines.map((l) => ({
      skuId: l.skuId,
      binId: mainBinOf(store, l.skuId),
      quantity: l.quantity,
      note: '',
    })),
  });
}

function activeBin(store: Store, id: string): { id: string; code: string; kind: string } | undefined {
  return store
    .stmt<{ id: string; code: string; kind: string }>(
      `SELECT id, code, kind FROM bin WHERE id = ? AND deleted_at IS NULL AND retired_at IS NULL`,
    )
    .get(id);
}

function defaultDefectsBin(store: Store): string | undefined {
  return store
    .stmt<{ id: string }>(
      `SELECT id FROM bin WHERE kind = 'defects' AND retired_at IS NULL AND deleted_at IS NULL
       ORDER BY walk_order, code LIMIT 1`,
    )
    .get()?.id;
}

export function inspectReturn(
  store: Store,
  by: string,
  input: InspectionData & { mayOverride: boolean },
): InspectionResult {
  // The draft being inspected, or none for a walk-in return.
  let draft: StockDocument | null = null;
  if (input.documentId) {
    draft = getDocument(store, input.documentId);
    if (draft.type !== 'return_in') throw new AppError('CONFLICT', 'notAReturn', { number: draft.number });
    if (draft.status !== 'draft') throw new AppError('CONFLICT', 'documentPosted', { number: draft.number });
    if (input.expectedVersion !== undefined && input.expectedVersion !== draft.version)
      throw new AppError('CONFLICT', 'staleEdit');
  }

  // Field problems first, with the paths of the inspection form.
  checkOrderSkus(store, input.lines);
  const errors: Record<string, { key: string; params?: Record<string, string> }> = {};
  const needsDefects = input.lines.some((l) => l.defective + l.scrap > 0);
  let defectsBinId: string | undefined;
  if (input.defectsBinId) {
    const b = activeBin(store, input.defectsBinId);
    if (!b) errors.defectsBinId = { key: 'validation.binNotFound' };
    else if (b.kind !== 'defects')
      errors.defectsBinId = { key: 'validation.notDefectsBin', params: { bin: b.code } };
    else defectsBinId = b.id;
  } else if (needsDefects) {
    defectsBinId = defaultDefectsBin(store);
    if (!defectsBinId) throw new AppError('CONFLICT', 'noDefectsBin');
  }
  const goodBins = input.lines.map((l, i) => {
    if (!l.goodBinId) return undefined;
    const b = activeBin(store, l.goodBinId);
    if (!b) errors[`lines.${i}.goodBinId`] = { key: 'validation.binNotFound' };
    else if (b.kind !== 'normal')
      errors[`lines.${i}.goodBinId`] = { key: 'validation.notNormalBin', params: { bin: b.code } };
    return b?.id;
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);

  const lines: { skuId: string; binId: string; quantity: number; note: string }[] = [];
  const scrapLines: { skuId: string; binId: string; quantity: number; note: string }[] = [];
  let good = 0;
  let defective = 0;
  let scrapped = 0;
  input.lines.forEach((l, i) => {
    if (l.good > 0)
      lines.push({
        skuId: l.skuId,
        binId: goodBins[i] ?? mainBinOf(store, l.skuId),
        quantity: l.good,
        note: OUTCOME_NOTE.good,
      });
    if (l.defective > 0)
      lines.push({
        skuId: l.skuId,
        binId: defectsBinId!,
        quantity: l.defective,
        note: OUTCOME_NOTE.defective,
      });
    if (l.scrap > 0) {
      lines.push({ skuId: l.skuId, binId: defectsBinId!, quantity: l.scrap, note: OUTCOME_NOTE.scrap });
      scrapLines.push({ skuId: l.skuId, binId: defectsBinId!, quantity: l.scrap, note: OUTCOME_NOTE.scrap });
    }
    good += l.good;
    defective += l.defective;
    scrapped += l.scrap;
  });

  const header = {
    type: 'return_in' as const,
    counterpart: (input.counterpart ?? draft?.counterpart ?? '').trim(),
    reason: (input.reason ?? draft?.reason ?? '').trim(),
    orderRef: (input.orderRef ?? draft?.orderRef ?? '').trim(),
    notes: draft?.notes ?? '',
    lines,
  };
  const saved = saveDraft(
    store,
    by,
    draft ? { ...header, id: draft.id, expectedVersion: draft.version, docDate: draft.docDate } : header,
  );
  const returnDocument = post(store, by, { id: saved.id, mayOverride: input.mayOverride });

  let scrapDocument: StockDocument | null = null;
  if (scrapLines.length) {
    const out = saveDraft(store, by, {
      type: 'other_out',
      counterpart: header.counterpart,
      reason: SCRAP_REASON,
      orderRef: header.orderRef,
      notes: `退货验收 ${returnDocument.number}`,
      lines: scrapLines,
    });
    scrapDocument = post(store, by, { id: out.id, mayOverride: input.mayOverride });
  }

  store
    .stmt(
      `INSERT INTO return_inspection (document_id, scrap_document_id, good, defective, scrapped, inspected_at, inspected_by)
       VALUES (@id, @scrapId, @good, @defective, @scrapped, @at, @by)`,
    )
    .run({
      id: returnDocument.id,
      scrapId: scrapDocument?.id ?? null,
      good,
      defective,
      scrapped,
      at: store.isoNow(),
      by,
    });
  store.log({
    staffId: by,
    entity: 'return_inspection',
    rowId: returnDocument.id,
    op: 'inspect',
    label: returnDocument.number,
    fields: {
      good: { from: null, to: good },
      defective: { from: null, to: defective },
      scrapped: { from: null, to: scrapped },
      ...(scrapDocument ? { scrapDocument: { from: null, to: scrapDocument.number } } : {}),
    },
  });
  return { returnDocument, scrapDocument };
}

export function inspectionOf(
  store: Store,
  documentId: string,
): { good: number; defective: number; scrapped: number; scrapDocumentId: string | null } {
  const r = store
    .stmt<{ good: number; defective: number; scrapped: number; scrap_document_id: string | null }>(
      `SELECT good, defective, scrapped, scrap_document_id FROM return_inspection WHERE document_id = ?`,
    )
    .get(documentId);
  if (!r) throw notFound('returnInspection');
  return { good: r.good, defective: r.defective, scrapped: r.scrapped, scrapDocumentId: r.scrap_document_id };
}
