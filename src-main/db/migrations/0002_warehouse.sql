-- 0002: the warehouse — bins (库位), stock documents (出入库单据) and their lines, the append-only
-- stock ledger (物资明细账) and the derived per-bin balances.
-- Posting a document writes its movements and updates stock_balance in the same transaction;
-- stock_balance is derived data (tests prove it always equals the sum of movements).

CREATE TABLE bin (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL,                -- zone-shelf-level, upper-case, e.g. A-01-03
  zone        TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'defects')),
  capacity    INTEGER CHECK (capacity IS NULL OR capacity > 0),  -- pieces
  walk_order  INTEGER NOT NULL DEFAULT 0,
  note        TEXT NOT NULL DEFAULT '',
  retired_at  TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT,
  deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX bin_code ON bin (code) WHERE deleted_at IS NULL;
CREATE INDEX bin_walk ON bin (walk_order, code);

CREATE TABLE stock_document (
  id              TEXT PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,         -- RK/CK/DB-<device>-<yyyymmdd>-<seq>
  type            TEXT NOT NULL CHECK (type IN
                    ('purchase_in', 'return_in', 'other_in', 'sales_out', 'other_out', 'transfer')),
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'posted')),
  doc_date        TEXT NOT NULL,                -- shop-local yyyy-mm-dd
  counterpart     TEXT NOT NULL DEFAULT '',
  reason          TEXT NOT NULL DEFAULT '',
  order_ref       TEXT NOT NULL DEFAULT '',
  notes           TEXT NOT NULL DEFAULT '',
  reverses_id     TEXT UNIQUE REFERENCES stock_document (id),
  reversed_by_id  TEXT UNIQUE REFERENCES stock_document (id),
  override_reason TEXT,
  posted_at       TEXT,
  posted_by       TEXT REFERENCES staff (id),
  created_at      TEXT NOT NULL,
  created_by      TEXT,
  updated_at      TEXT NOT NULL,
  updated_by      TEXT,
  deleted_at      TEXT,
  CHECK ((status = 'posted') = (posted_at IS NOT NULL)),
  CHECK (deleted_at IS NULL OR status = 'draft')
) STRICT;
CREATE INDEX stock_document_date ON stock_document (doc_date, created_at);
CREATE INDEX stock_document_type ON stock_document (type, doc_date);

CREATE TABLE stock_document_line (
  id            TEXT PRIMARY KEY,
  document_id   TEXT NOT NULL REFERENCES stock_document (id),
  line_no       INTEGER NOT NULL,
  sku_id        TEXT NOT NULL REFERENCES sku (id),
  bin_id        TEXT NOT NULL REFERENCES bin (id),     -- for a transfer: the source bin
  to_bin_id     TEXT REFERENCES bin (id),              -- transfers only: the destination bin
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  note          TEXT NOT NULL DEFAULT '',
  UNIQUE (document_id, line_no),
  CHECK (to_bin_id IS NULL OR to_bin_id <> bin_id)
) STRICT;
CREATE INDEX stock_document_line_sku ON stock_document_line (sku_id);

-- The stock ledger: facts, never changed or removed. A reversal is new movements, not an edit.
CREATE TABLE stock_movement (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE,
  document_id   TEXT NOT NULL REFERENCES stock_document (id),
  line_id       TEXT NOT NULL REFERENCES stock_document_line (id),
  sku_id        TEXT NOT NULL REFERENCES sku (id),
  bin_id        TEXT NOT NULL REFERENCES bin (id),
  qty_delta     INTEGER NOT NULL CHECK (qty_delta <> 0),
  unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  at            TEXT NOT NULL,
  staff_id      TEXT NOT NULL REFERENCES staff (id),
  hlc           TEXT NOT NULL
) STRICT;
CREATE INDEX stock_movement_sku ON stock_movement (sku_id, seq);
CREATE INDEX stock_movement_bin ON stock_movement (bin_id, seq);
CREATE INDEX stock_movement_document ON stock_movement (document_id);
CREATE INDEX stock_movement_line ON stock_movement (line_id);  -- the line FK (draft lines are replaced)
CREATE INDEX stock_movement_at ON stock_movement (at);
CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement
BEGIN SELECT RAISE(ABORT, 'stock_movement is append-only'); END;
CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement
BEGIN SELECT RAISE(ABORT, 'stock_movement is append-only'); END;

-- On hand per SKU and bin: derived from stock_movement, kept in the posting transaction.
-- (A rowid table on purpose: tests fingerprint every table by rowid.)
CREATE TABLE stock_balance (
  sku_id  TEXT NOT NULL REFERENCES sku (id),
  bin_id  TEXT NOT NULL REFERENCES bin (id),
  on_hand INTEGER NOT NULL,
  PRIMARY KEY (sku_id, bin_id)
) STRICT;
CREATE INDEX stock_balance_bin ON stock_balance (bin_id, sku_id);
