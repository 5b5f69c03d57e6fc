-- 0004: stocktakes (盘点, rulebook §8.5, §9.5) — a snapshot of book quantities per SKU and bin,
-- counts (append-only facts, each with the movement seq at the time of counting), recounts and the
-- approval that posts the adjustments as stock documents linked back here.

CREATE TABLE stocktake (
  id              TEXT PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,         -- PD-<device>-<yyyymmdd>-<seq>
  kind            TEXT NOT NULL CHECK (kind IN ('monthly', 'year_end', 'ad_hoc', 'spot')),
  scope           TEXT NOT NULL CHECK (scope IN ('all', 'bins', 'skus', 'sample')),
  bin_from        TEXT,                         -- scope 'bins': bin codes, inclusive
  bin_to          TEXT,
  sample_size     INTEGER CHECK (sample_size IS NULL OR sample_size > 0),
  sample_seed     INTEGER,                      -- scope 'sample': the seed that picked the SKUs
  sku_ids         TEXT,                         -- scope 'skus'/'sample': JSON array, as picked
  blind           INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1)),
  note            TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'counting' CHECK (status IN ('counting', 'approved', 'cancelled')),
  snapshot_seq    INTEGER NOT NULL,             -- stock_movement.seq at the snapshot (0 = none yet)
  started_at      TEXT NOT NULL,
  started_by      TEXT NOT NULL REFERENCES staff (id),
  closed_at       TEXT,                         -- approved or cancelled
  closed_by       TEXT REFERENCES staff (id),
  cancel_reason   TEXT,
  -- Result figures, fixed at approval (book at the snapshot; gains/losses at cost).
  book_qty        INTEGER,
  book_value_fen  INTEGER,
  gain_qty        INTEGER,
  gain_fen        INTEGER,
  loss_qty        INTEGER,
  loss_fen        INTEGER,
  gain_document_id TEXT REFERENCES stock_document (id),
  loss_document_id TEXT REFERENCES stock_document (id),
  updated_at      TEXT NOT NULL,
  CHECK ((status = 'counting') = (closed_at IS NULL))
) STRICT;
CREATE INDEX stocktake_started ON stocktake (started_at);
CREATE INDEX stocktake_closed ON stocktake (status, closed_at);

-- One line per SKU and bin in scope: the book quantity at the snapshot (a fact) and the state of
-- its counting (working data, kept in step with stocktake_count).
CREATE TABLE stocktake_line (
  stocktake_id    TEXT NOT NULL REFERENCES stocktake (id),
  sku_id          TEXT NOT NULL REFERENCES sku (id),
  bin_id          TEXT NOT NULL REFERENCES bin (id),
  book_qty        INTEGER NOT NULL,
  unit_cost_fen   INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  added           INTEGER NOT NULL DEFAULT 0 CHECK (added IN (0, 1)), -- found while counting (book 0)
  rounds          INTEGER NOT NULL DEFAULT 0,   -- counts so far (2+ = recounted)
  counted_qty     INTEGER,                      -- the last count wins
  expected_qty    INTEGER,                      -- book + movements after the snapshot up to that count
  variance        INTEGER,                      -- counted − expected
  first_by        TEXT REFERENCES staff (id),
  first_variance  INTEGER,
  last_by         TEXT REFERENCES staff (id),
  last_at         TEXT,
  PRIMARY KEY (stocktake_id, sku_id, bin_id)
) STRICT;
CREATE INDEX stocktake_line_bin ON stocktake_line (stocktake_id, bin_id);
CREATE INDEX stocktake_line_sku ON stocktake_line (sku_id);
CREATE INDEX stocktake_line_first_by ON stocktake_line (first_by) WHERE first_by IS NOT NULL;
CREATE TRIGGER stocktake_line_snapshot_fixed BEFORE UPDATE OF stocktake_id, sku_id, bin_id, book_qty, unit_cost_fen, added
  ON stocktake_line
BEGIN SELECT RAISE(ABORT, 'stocktake_line snapshot is fixed'); END;
CREATE TRIGGER stocktake_line_no_delete BEFORE DELETE ON stocktake_line
BEGIN SELECT RAISE(ABORT, 'stocktake_line is kept'); END;

-- Every count ever entered (recounts are new rows): facts, never changed or removed.
CREATE TABLE stocktake_count (
  id              TEXT PRIMARY KEY,
  stocktake_id    TEXT NOT NULL REFERENCES stocktake (id),
  sku_id          TEXT NOT NULL REFERENCES sku (id),
  bin_id          TEXT NOT NULL REFERENCES bin (id),
  round           INTEGER NOT NULL CHECK (round >= 1),
  counted_qty     INTEGER NOT NULL CHECK (counted_qty >= 0),
  movement_seq    INTEGER NOT NULL,             -- stock_movement.seq when counted
  expected_qty    INTEGER NOT NULL,
  counted_at      TEXT NOT NULL,
  counted_by      TEXT NOT NULL REFERENCES staff (id),
  hlc             TEXT NOT NULL,
  UNIQUE (stocktake_id, sku_id, bin_id, round)
) STRICT;
CREATE INDEX stocktake_count_by ON stocktake_count (counted_by, counted_at);
CREATE TRIGGER stocktake_count_no_update BEFORE UPDATE ON stocktake_count
BEGIN SELECT RAISE(ABORT, 'stocktake_count is append-only'); END;
CREATE TRIGGER stocktake_count_no_delete BEFORE DELETE ON stocktake_count
BEGIN SELECT RAISE(ABORT, 'stocktake_count is append-only'); END;

-- The adjustment documents (盘盈 other_in / 盘亏 other_out) point back at their stocktake.
ALTER TABLE stock_document ADD COLUMN stocktake_id TEXT REFERENCES stocktake (id);
CREATE INDEX stock_document_stocktake ON stock_document (stocktake_id) WHERE stocktake_id IS NOT NULL;
