-- 0003: shipping (发货) and returns inspection (退货验收).
-- An order awaiting shipment is a DRAFT sales_out stock_document with a non-empty order_ref.
-- pack_check: every scan at the packing bench (验货打包), refused ones included — facts.
-- shipment: carrier and tracking number recorded when the outbound is posted — facts.
-- return_inspection: the outcome of inspecting a return_in, with the linked write-off (报废) other_out.

CREATE TABLE pack_check (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  document_id TEXT NOT NULL REFERENCES stock_document (id),
  staff_id    TEXT NOT NULL REFERENCES staff (id),
  at          TEXT NOT NULL,
  code        TEXT NOT NULL,
  sku_id      TEXT REFERENCES sku (id),
  result      TEXT NOT NULL CHECK (result IN ('ok', 'wrong', 'extra', 'unknown'))
) STRICT;
CREATE INDEX pack_check_document ON pack_check (document_id, sku_id);
CREATE INDEX pack_check_at ON pack_check (at);
CREATE TRIGGER pack_check_no_update BEFORE UPDATE ON pack_check
BEGIN SELECT RAISE(ABORT, 'pack_check is append-only'); END;
CREATE TRIGGER pack_check_no_delete BEFORE DELETE ON pack_check
BEGIN SELECT RAISE(ABORT, 'pack_check is append-only'); END;

CREATE TABLE shipment (
  document_id TEXT PRIMARY KEY REFERENCES stock_document (id),
  order_ref   TEXT NOT NULL,
  carrier     TEXT NOT NULL,
  tracking_no TEXT NOT NULL,
  shipped_at  TEXT NOT NULL,
  shipped_by  TEXT NOT NULL REFERENCES staff (id)
) STRICT;
CREATE INDEX shipment_order_ref ON shipment (order_ref, shipped_at);
CREATE TRIGGER shipment_no_update BEFORE UPDATE ON shipment
BEGIN SELECT RAISE(ABORT, 'shipment is append-only'); END;
CREATE TRIGGER shipment_no_delete BEFORE DELETE ON shipment
BEGIN SELECT RAISE(ABORT, 'shipment is append-only'); END;

CREATE TABLE return_inspection (
  document_id       TEXT PRIMARY KEY REFERENCES stock_document (id),  -- the posted return_in
  scrap_document_id TEXT UNIQUE REFERENCES stock_document (id),       -- the posted other_out (报废), if any
  good              INTEGER NOT NULL CHECK (good >= 0),
  defective         INTEGER NOT NULL CHECK (defective >= 0),
  scrapped          INTEGER NOT NULL CHECK (scrapped >= 0),
  inspected_at      TEXT NOT NULL,
  inspected_by      TEXT NOT NULL REFERENCES staff (id)
) STRICT;
CREATE TRIGGER return_inspection_no_update BEFORE UPDATE ON return_inspection
BEGIN SELECT RAISE(ABORT, 'return_inspection is append-only'); END;
CREATE TRIGGER return_inspection_no_delete BEFORE DELETE ON return_inspection
BEGIN SELECT RAISE(ABORT, 'return_inspection is append-only'); END;

-- The shipping queue and reserved stock: open (draft, not discarded) documents by type.
CREATE INDEX stock_document_open ON stock_document (type, status, created_at) WHERE deleted_at IS NULL;
-- Documents of one order (customer service, returns by order ref).
CREATE INDEX stock_document_order_ref ON stock_document (order_ref) WHERE order_ref <> '';
-- Reserved quantity per SKU and bin: open sales_out lines.
CREATE INDEX stock_document_line_sku_bin ON stock_document_line (sku_id, bin_id);
