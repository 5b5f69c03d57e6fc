-- 0005: low-stock alerts (库存预警, rulebook §16.7), an index for the ledger's person filter, and
-- the SKU ledger index made covering.
--
-- A LISTED, non-archived SKU whose on-hand total in normal bins (defects bins do not count) is
-- under its low_stock_threshold has exactly one open alert. Alerts are kept right by the triggers
-- below, whatever writes the stock or the catalog (posting, reversals, stocktake adjustments,
-- catalog edits, CSV imports, bins changing kind): every trigger re-evaluates the SKUs it touched
-- with the same two statements — clear the open alert when the SKU is no longer low (or no longer
-- watched), raise one when it is low and has none. Rows are never deleted: a cleared alert is the
-- history (raised at, acknowledged by/at, handler, note, cleared at and why). The same SKU running
-- low again raises a new alert.
--
-- Raising and clearing are derived data, like stock_balance: no change_log entry of their own (the
-- write that caused them is logged). Their times come from SQLite's clock ('now'), their ids are
-- UUIDv7 built in SQL (48-bit ms time, version 7, variant 10, random bits).

-- Who ever posted (the ledger's person filter): by the documents' poster — a movement's staff_id is
-- its document's posted_by — so the 5-million-row movement table carries no extra index.
CREATE INDEX stock_document_posted_by ON stock_document (posted_by) WHERE posted_by IS NOT NULL;
-- A SKU's ledger page at millions of movements: its count and running balance read only this
-- index (covering: seq, qty_delta, bin_id); full rows are fetched for the page's 50 rows only.
DROP INDEX stock_movement_sku;
CREATE INDEX stock_movement_sku ON stock_movement (sku_id, seq, qty_delta, bin_id);

CREATE TABLE stock_alert (
  id              TEXT PRIMARY KEY,
  sku_id          TEXT NOT NULL REFERENCES sku (id),
  raised_at       TEXT NOT NULL,
  raised_qty      INTEGER NOT NULL,             -- on hand (normal bins) when raised
  raised_threshold INTEGER NOT NULL,            -- the SKU's threshold when raised
  ack_at          TEXT,
  ack_by          TEXT REFERENCES staff (id),
  handler_id      TEXT REFERENCES staff (id),   -- who handles it (restock, delist, …)
  note            TEXT NOT NULL DEFAULT '',
  cleared_at      TEXT,
  cleared_qty     INTEGER,
  cleared_reason  TEXT CHECK (cleared_reason IN ('restocked', 'threshold', 'inactive')),
  updated_at      TEXT NOT NULL,
  CHECK ((cleared_at IS NULL) = (cleared_reason IS NULL)),
  CHECK ((ack_at IS NULL) = (ack_by IS NULL)),
  CHECK (handler_id IS NULL OR ack_at IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX stock_alert_open ON stock_alert (sku_id) WHERE cleared_at IS NULL;
CREATE INDEX stock_alert_sku ON stock_alert (sku_id, raised_at);
CREATE INDEX stock_alert_raised ON stock_alert (raised_at);
CREATE TRIGGER stock_alert_no_delete BEFORE DELETE ON stock_alert
BEGIN SELECT RAISE(ABORT, 'stock_alert keeps its history'); END;

-- Per SKU: watched (listed, neither it nor its product archived or deleted), threshold, and on hand
-- in normal bins. Used with `sku_id = …` / `sku_id IN (…)`, which SQLite turns into index lookups.
CREATE VIEW stock_alert_state AS
SELECT s.id AS sku_id,
  s.low_stock_threshold AS threshold,
  (p.listed = 1 AND s.archived_at IS NULL AND s.deleted_at IS NULL
     AND p.archived_at IS NULL AND p.deleted_at IS NULL) AS watched,
  (SELECT COALESCE(SUM(sb.on_hand), 0) FROM stock_balance sb JOIN bin b ON b.id = sb.bin_id
     WHERE sb.sku_id = s.id AND b.kind = 'normal') AS qty
FROM sku s JOIN product p ON p.id = s.product_id;

-- The two statements, once per trigger (SQLite triggers cannot call a shared procedure):
--   clear:  UPDATE stock_alert … WHERE cleared_at IS NULL AND sku_id IN (<skus>) AND no longer low
--   raise:  INSERT INTO stock_alert SELECT … FROM stock_alert_state WHERE sku_id IN (<skus>) AND low
--           AND no open alert

CREATE TRIGGER stock_alert_balance_insert AFTER INSERT ON stock_balance
BEGIN
  UPDATE stock_alert SET
    cleared_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    cleared_qty = (SELECT v.qty FROM stock_alert_state v WHERE v.sku_id = NEW.sku_id),
    cleared_reason = (SELECT CASE WHEN v.watched THEN 'restocked' ELSE 'inactive' END
                      FROM stock_alert_state v WHERE v.sku_id = NEW.sku_id)
  WHERE cleared_at IS NULL AND sku_id = NEW.sku_id
    AND EXISTS (SELECT 1 FROM stock_alert_state v WHERE v.sku_id = NEW.sku_id
                AND (NOT v.watched OR v.qty >= v.threshold));
  INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
  SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
           random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
         v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM stock_alert_state v
  WHERE v.sku_id = NEW.sku_id AND v.watched AND v.qty < v.threshold
    AND NOT EXISTS (SELECT 1 FROM stock_alert a WHERE a.sku_id = v.sku_id AND a.cleared_at IS NULL);
END;

CREATE TRIGGER stock_alert_balance_update AFTER UPDATE OF on_hand, sku_id, bin_id ON stock_balance
BEGIN
  UPDATE stock_alert SET
    cleared_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    cleared_qty = (SELECT v.qty FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id),
    cleared_reason = (SELECT CASE WHEN v.watched THEN 'restocked' ELSE 'inactive' END
                      FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id)
  WHERE cleared_at IS NULL AND sku_id IN (NEW.sku_id, OLD.sku_id)
    AND EXISTS (SELECT 1 FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id
                AND (NOT v.watched OR v.qty >= v.threshold));
  INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
  SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
           random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
         v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM stock_alert_state v
  WHERE v.sku_id IN (NEW.sku_id, OLD.sku_id) AND v.watched AND v.qty < v.threshold
    AND NOT EXISTS (SELECT 1 FROM stock_alert a WHERE a.sku_id = v.sku_id AND a.cleared_at IS NULL);
END;

CREATE TRIGGER stock_alert_balance_delete AFTER DELETE ON stock_balance
BEGIN
  UPDATE stock_alert SET
    cleared_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    cleared_qty = (SELECT v.qty FROM stock_alert_state v WHERE v.sku_id = OLD.sku_id),
    cleared_reason = (SELECT CASE WHEN v.watched THEN 'restocked' ELSE 'inactive' END
                      FROM stock_alert_state v WHERE v.sku_id = OLD.sku_id)
  WHERE cleared_at IS NULL AND sku_id = OLD.sku_id
    AND EXISTS (SELECT 1 FROM stock_alert_state v WHERE v.sku_id = OLD.sku_id
                AND (NOT v.watched OR v.qty >= v.threshold));
  INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
  SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
           random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
         v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM stock_alert_state v
  WHERE v.sku_id = OLD.sku_id AND v.watched AND v.qty < v.threshold
    AND NOT EXISTS (SELECT 1 FROM stock_alert a WHERE a.sku_id = v.sku_id AND a.cleared_at IS NULL);
END;

CREATE TRIGGER stock_alert_sku_insert AFTER INSERT ON sku
BEGIN
  INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
  SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
           random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
         v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM stock_alert_state v
  WHERE v.sku_id = NEW.id AND v.watched AND v.qty < v.threshold
    AND NOT EXISTS (SELECT 1 FROM stock_alert a WHERE a.sku_id = v.sku_id AND a.cleared_at IS NULL);
END;

CREATE TRIGGER stock_alert_sku_update
AFTER UPDATE OF low_stock_threshold, archived_at, deleted_at, product_id ON sku
BEGIN
  UPDATE stock_alert SET
    cleared_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    cleared_qty = (SELECT v.qty FROM stock_alert_state v WHERE v.sku_id = NEW.id),
    cleared_reason = (SELECT CASE WHEN v.watched THEN 'threshold' ELSE 'inactive' END
                      FROM stock_alert_state v WHERE v.sku_id = NEW.id)
  WHERE cleared_at IS NULL AND sku_id = NEW.id
    AND EXISTS (SELECT 1 FROM stock_alert_state v WHERE v.sku_id = NEW.id
                AND (NOT v.watched OR v.qty >= v.threshold));
  INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
  SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
           random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
         v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM stock_alert_state v
  WHERE v.sku_id = NEW.id AND v.watched AND v.qty < v.threshold
    AND NOT EXISTS (SELECT 1 FROM stock_alert a WHERE a.sku_id = v.sku_id AND a.cleared_at IS NULL);
END;

CREATE TRIGGER stock_alert_product_update AFTER UPDATE OF listed, archived_at, deleted_at ON product
BEGIN
  UPDATE stock_alert SET
    cleared_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    cleared_qty = (SELECT v.qty FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id),
    cleared_reason = (SELECT CASE WHEN v.watched THEN 'restocked' ELSE 'inactive' END
                      FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id)
  WHERE cleared_at IS NULL AND sku_id IN (SELECT s.id FROM sku s WHERE s.product_id = NEW.id)
    AND EXISTS (SELECT 1 FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id
                AND (NOT v.watched OR v.qty >= v.threshold));
  INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
  SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
           random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
         v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM stock_alert_state v
  WHERE v.sku_id IN (SELECT s.id FROM sku s WHERE s.product_id = NEW.id) AND v.watched AND v.qty < v.threshold
    AND NOT EXISTS (SELECT 1 FROM stock_alert a WHERE a.sku_id = v.sku_id AND a.cleared_at IS NULL);
END;

CREATE TRIGGER stock_alert_bin_kind AFTER UPDATE OF kind ON bin WHEN NEW.kind <> OLD.kind
BEGIN
  UPDATE stock_alert SET
    cleared_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    cleared_qty = (SELECT v.qty FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id),
    cleared_reason = (SELECT CASE WHEN v.watched THEN 'restocked' ELSE 'inactive' END
                      FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id)
  WHERE cleared_at IS NULL AND sku_id IN (SELECT sb.sku_id FROM stock_balance sb WHERE sb.bin_id = NEW.id)
    AND EXISTS (SELECT 1 FROM stock_alert_state v WHERE v.sku_id = stock_alert.sku_id
                AND (NOT v.watched OR v.qty >= v.threshold));
  INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
  SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
           CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
           random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
         v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM stock_alert_state v
  WHERE v.sku_id IN (SELECT sb.sku_id FROM stock_balance sb WHERE sb.bin_id = NEW.id)
    AND v.watched AND v.qty < v.threshold
    AND NOT EXISTS (SELECT 1 FROM stock_alert a WHERE a.sku_id = v.sku_id AND a.cleared_at IS NULL);
END;

-- SKUs that are already low when this migration runs.
INSERT INTO stock_alert (id, sku_id, raised_at, raised_qty, raised_threshold, updated_at)
SELECT lower(printf('%08x-%04x-7%03x-%04x-%012x',
         CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) / 65536,
         CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) % 65536,
         random() & 4095, 32768 | (random() & 16383), random() & 281474976710655)),
       v.sku_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), v.qty, v.threshold,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM stock_alert_state v WHERE v.watched AND v.qty < v.threshold;
