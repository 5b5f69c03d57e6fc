-- 0016: the art tab's team assessment (美工考核, §10.3) and listing readiness (上架准备).
-- The assessment's measures are computed from art_task / art_task_event / art_task_image; only the
-- supervisor's score and comment are stored (one versioned row per person and month, every change
-- in change_log, like assessment_score of the warehouse). Marking a product listed or delisted is
-- a fact: product_listing_event, append-only, with the items that were missing and the override
-- reason; product.listed carries the current state (the low-stock triggers of 0005 react to it).

CREATE TABLE art_assessment_score (
  id         TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  month      TEXT NOT NULL,                           -- shop-local yyyy-mm
  score      INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),
  comment    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  UNIQUE (month, staff_id)
) STRICT;

-- The assessment reads a month of completed tasks by their completion time.
CREATE INDEX art_task_completed ON art_task (completed_at, assignee_id) WHERE completed_at IS NOT NULL;

CREATE TABLE product_listing_event (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  id             TEXT NOT NULL UNIQUE,
  product_id     TEXT NOT NULL REFERENCES product (id),
  at             TEXT NOT NULL,
  staff_id       TEXT NOT NULL REFERENCES staff (id),
  listed         INTEGER NOT NULL CHECK (listed IN (0, 1)),
  -- JSON array of the checklist items not met at the time (e.g. ["skuImages","stock"]).
  missing        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missing)),
  -- Required when listing with items missing (the manager's override), else ''.
  override_reason TEXT NOT NULL DEFAULT '',
  note           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX product_listing_event_product ON product_listing_event (product_id, seq);
CREATE TRIGGER product_listing_event_no_update BEFORE UPDATE ON product_listing_event
BEGIN SELECT RAISE(ABORT, 'product_listing_event is append-only'); END;
CREATE TRIGGER product_listing_event_no_delete BEFORE DELETE ON product_listing_event
BEGIN SELECT RAISE(ABORT, 'product_listing_event is append-only'); END;
