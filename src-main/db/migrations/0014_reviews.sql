-- 0014: neutral and negative reviews (中差评, §13.4). One `review` per registered review (its
-- current state, editable through handling steps), and `review_step`: every handling step as an
-- append-only fact (who, when, what was done). The buyer is the order's buyer (never copied, so a
-- buyer merge carries the review along with the order).

CREATE TABLE review (
  id               TEXT PRIMARY KEY,
  number           TEXT NOT NULL UNIQUE,              -- PJ-<device>-<day>-<seq>
  order_id         TEXT NOT NULL REFERENCES sales_order (id),
  order_line_id    TEXT REFERENCES sales_order_line (id),
  sku_id           TEXT REFERENCES sku (id),
  sku_code         TEXT NOT NULL DEFAULT '',          -- 商家编码 as on the order line
  title            TEXT NOT NULL DEFAULT '',          -- the product as on the order line
  spec             TEXT NOT NULL DEFAULT '',
  rating           TEXT NOT NULL CHECK (rating IN ('neutral', 'negative')),
  content          TEXT NOT NULL DEFAULT '',          -- the buyer's review text
  review_date      TEXT NOT NULL,                     -- shop-local yyyy-mm-dd the review was left
  reason           TEXT NOT NULL DEFAULT '' CHECK (reason IN ('', 'quality', 'size', 'color', 'logistics', 'attitude', 'description', 'other')),
  contacted_at     TEXT,                              -- UTC ISO, the latest contact with the buyer
  contact_channel  TEXT CHECK (contact_channel IN ('wangwang', 'phone', 'sms')),
  solution         TEXT NOT NULL DEFAULT '',
  compensation_fen INTEGER NOT NULL DEFAULT 0 CHECK (compensation_fen >= 0),
  outcome          TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'revised', 'explained', 'unchanged')),
  explanation      TEXT NOT NULL DEFAULT '',          -- the seller's 评价解释 (outcome explained)
  created_at       TEXT NOT NULL,
  created_by       TEXT REFERENCES staff (id),
  updated_at       TEXT NOT NULL,                     -- HLC: the version
  updated_by       TEXT REFERENCES staff (id),
  CHECK (outcome <> 'explained' OR explanation <> '')
) STRICT;
CREATE INDEX review_date ON review (review_date, id);
CREATE INDEX review_order ON review (order_id);
CREATE INDEX review_sku ON review (sku_id, review_date) WHERE sku_id IS NOT NULL;
CREATE INDEX review_outcome ON review (outcome, review_date);

CREATE TABLE review_step (
  id               TEXT PRIMARY KEY,
  review_id        TEXT NOT NULL REFERENCES review (id),
  at               TEXT NOT NULL,
  staff_id         TEXT REFERENCES staff (id),
  kind             TEXT NOT NULL CHECK (kind IN ('register', 'handle')),
  contacted_at     TEXT,
  contact_channel  TEXT CHECK (contact_channel IN ('wangwang', 'phone', 'sms')),
  reason           TEXT,                              -- set when this step changed it
  solution         TEXT,
  compensation_fen INTEGER,
  outcome          TEXT,
  explanation      TEXT,
  note             TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX review_step_review ON review_step (review_id, at);
CREATE TRIGGER review_step_no_update BEFORE UPDATE ON review_step
BEGIN SELECT RAISE(ABORT, 'review_step is append-only'); END;
CREATE TRIGGER review_step_no_delete BEFORE DELETE ON review_step
BEGIN SELECT RAISE(ABORT, 'review_step is append-only'); END;
CREATE TRIGGER review_no_delete BEFORE DELETE ON review
BEGIN SELECT RAISE(ABORT, 'reviews are never deleted'); END;
