-- 0011: customer-service shift handover book (交接本, §15.1). At the end of a shift an agent writes
-- items for the next shift (open buyers, promised callbacks, stock problems, other); someone on the
-- next shift acknowledges each (已接收). Both are facts: an acknowledgement is a new row.

CREATE TABLE handover_item (
  id          TEXT PRIMARY KEY,
  work_date   TEXT NOT NULL,                          -- shop-local yyyy-mm-dd of the shift written for
  template_id TEXT NOT NULL REFERENCES shift_template (id),
  shift_name  TEXT NOT NULL,                          -- copied from the template when written
  kind        TEXT NOT NULL CHECK (kind IN ('buyer', 'callback', 'stock', 'other')),
  text        TEXT NOT NULL,
  buyer_id    TEXT REFERENCES buyer (id),
  order_id    TEXT REFERENCES sales_order (id),
  sku_id      TEXT REFERENCES sku (id),
  callback_at TEXT,                                   -- UTC ISO: the promised callback time
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES staff (id),
  CHECK (kind <> 'callback' OR callback_at IS NOT NULL),
  CHECK (kind <> 'stock' OR sku_id IS NOT NULL),
  CHECK (kind <> 'buyer' OR buyer_id IS NOT NULL OR order_id IS NOT NULL)
) STRICT;
CREATE INDEX handover_item_date ON handover_item (work_date, created_at);

CREATE TABLE handover_ack (
  id       TEXT PRIMARY KEY,
  item_id  TEXT NOT NULL UNIQUE REFERENCES handover_item (id),
  at       TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff (id),
  note     TEXT NOT NULL DEFAULT ''
) STRICT;

-- Working set (not a fact): the items not yet acknowledged, so that the open list and the 客服 tab
-- count never walk the whole book. A row is added with its item and removed by its acknowledgement.
CREATE TABLE handover_open (
  item_id TEXT PRIMARY KEY REFERENCES handover_item (id)
) STRICT;

CREATE TRIGGER handover_item_no_update BEFORE UPDATE ON handover_item
BEGIN SELECT RAISE(ABORT, 'handover_item is append-only'); END;
CREATE TRIGGER handover_item_no_delete BEFORE DELETE ON handover_item
BEGIN SELECT RAISE(ABORT, 'handover_item is append-only'); END;
CREATE TRIGGER handover_ack_no_update BEFORE UPDATE ON handover_ack
BEGIN SELECT RAISE(ABORT, 'handover_ack is append-only'); END;
CREATE TRIGGER handover_ack_no_delete BEFORE DELETE ON handover_ack
BEGIN SELECT RAISE(ABORT, 'handover_ack is append-only'); END;
