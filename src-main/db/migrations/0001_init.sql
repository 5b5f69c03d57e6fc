-- 0001: the foundation — install facts, shop, staff, the change log, the product catalog.
-- Conventions (docs/architecture.md): ids are UUIDv7 text; times are UTC ISO-8601 text;
-- updated_at is a hybrid-logical-clock string; money is integer fen; no DELETE of records
-- (deleted_at / archived_at instead); every write appends to change_log in the same transaction.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE shop (
  id         TEXT PRIMARY KEY CHECK (id = 'shop'),
  name       TEXT NOT NULL,
  time_zone  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
) STRICT;

CREATE TABLE staff (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  pin_hash   TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  deleted_at TEXT
) STRICT;

-- Failed sign-in counters: local to this PC, never synced, not an audited record.
CREATE TABLE signin_guard (
  staff_id     TEXT PRIMARY KEY REFERENCES staff (id),
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT
) STRICT;

-- Sign-in history (append-only fact).
CREATE TABLE auth_event (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff (id),
  kind     TEXT NOT NULL CHECK (kind IN ('signin', 'failed', 'locked', 'signout'))
) STRICT;
CREATE TRIGGER auth_event_no_update BEFORE UPDATE ON auth_event
BEGIN SELECT RAISE(ABORT, 'auth_event is append-only'); END;
CREATE TRIGGER auth_event_no_delete BEFORE DELETE ON auth_event
BEGIN SELECT RAISE(ABORT, 'auth_event is append-only'); END;

-- The audit trail and the future sync outbox: one row per changed record per write.
CREATE TABLE change_log (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  id       TEXT NOT NULL UNIQUE,
  hlc      TEXT NOT NULL,
  device   TEXT NOT NULL,
  at       TEXT NOT NULL,
  staff_id TEXT,
  entity   TEXT NOT NULL,
  row_id   TEXT NOT NULL,
  op       TEXT NOT NULL,
  label    TEXT NOT NULL DEFAULT '',
  fields   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX change_log_row ON change_log (entity, row_id);
CREATE INDEX change_log_staff ON change_log (staff_id, seq);
CREATE INDEX change_log_at ON change_log (at);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

-- Human-facing document numbers: <prefix>-<device>-<yyyymmdd>-<seq>, per prefix and day.
CREATE TABLE number_sequence (
  prefix TEXT NOT NULL,
  day    TEXT NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, day)
) STRICT;

CREATE TABLE product (
  id             TEXT PRIMARY KEY,
  title          TEXT NOT NULL,
  title_initials TEXT NOT NULL DEFAULT '',
  style_code     TEXT NOT NULL DEFAULT '',
  category       TEXT NOT NULL DEFAULT '',
  listed         INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1)),
  notes          TEXT NOT NULL DEFAULT '',
  archived_at    TEXT,
  created_at     TEXT NOT NULL,
  created_by     TEXT,
  updated_at     TEXT NOT NULL,
  updated_by     TEXT,
  deleted_at     TEXT
) STRICT;
CREATE INDEX product_style ON product (style_code) WHERE style_code <> '';
CREATE INDEX product_title ON product (title);

CREATE TABLE sku (
  id                  TEXT PRIMARY KEY,
  product_id          TEXT NOT NULL REFERENCES product (id),
  code                TEXT NOT NULL,
  barcode             TEXT NOT NULL DEFAULT '',
  spec                TEXT NOT NULL DEFAULT '',
  cost_fen            INTEGER NOT NULL CHECK (cost_fen >= 0),
  price_fen           INTEGER NOT NULL CHECK (price_fen >= 0),
  low_stock_threshold INTEGER NOT NULL DEFAULT 10 CHECK (low_stock_threshold >= 0),
  -- Lower-cased title + initials + code + barcode + spec: what the search box matches.
  search_text         TEXT NOT NULL DEFAULT '',
  archived_at         TEXT,
  created_at          TEXT NOT NULL,
  created_by          TEXT,
  updated_at          TEXT NOT NULL,
  updated_by          TEXT,
  deleted_at          TEXT
) STRICT;
CREATE UNIQUE INDEX sku_code ON sku (code) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX sku_barcode ON sku (barcode) WHERE barcode <> '' AND deleted_at IS NULL;
CREATE INDEX sku_product ON sku (product_id);
CREATE INDEX sku_updated ON sku (updated_at);
