-- 0015: promotions (活动, §6.6): a campaign over shop-local dates with its products (SKUs) and offer
-- text, its execution checklist (items with an owner and a done-by date, ticked with who and when),
-- and the written summary after it ends. Results are computed from the orders, never stored.

CREATE TABLE promotion (
  id          TEXT PRIMARY KEY,
  number      TEXT NOT NULL UNIQUE,                  -- HD-<device>-<day>-<seq>
  name        TEXT NOT NULL,
  start_date  TEXT NOT NULL,                         -- shop-local yyyy-mm-dd, inclusive
  end_date    TEXT NOT NULL,                         -- shop-local yyyy-mm-dd, inclusive
  offer       TEXT NOT NULL DEFAULT '',              -- 优惠内容, e.g. 满 199 减 30
  summary     TEXT NOT NULL DEFAULT '',              -- 活动总结, written after the end
  summary_at  TEXT,
  summary_by  TEXT REFERENCES staff (id),
  created_at  TEXT NOT NULL,
  created_by  TEXT REFERENCES staff (id),
  updated_at  TEXT NOT NULL,                         -- HLC: the version
  updated_by  TEXT REFERENCES staff (id),
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX promotion_dates ON promotion (end_date, start_date);

CREATE TABLE promotion_sku (
  promotion_id TEXT NOT NULL REFERENCES promotion (id),
  sku_id       TEXT NOT NULL REFERENCES sku (id),
  PRIMARY KEY (promotion_id, sku_id)
) STRICT;

CREATE TABLE promotion_task (
  id           TEXT PRIMARY KEY,
  promotion_id TEXT NOT NULL REFERENCES promotion (id),
  position     INTEGER NOT NULL,
  title        TEXT NOT NULL,
  owner_id     TEXT NOT NULL REFERENCES staff (id),
  due_date     TEXT NOT NULL,                        -- shop-local yyyy-mm-dd
  done_at      TEXT,                                 -- UTC ISO when ticked
  done_by      TEXT REFERENCES staff (id),
  created_at   TEXT NOT NULL,
  created_by   TEXT REFERENCES staff (id)
) STRICT;
CREATE INDEX promotion_task_promotion ON promotion_task (promotion_id, position);
CREATE INDEX promotion_task_owner ON promotion_task (owner_id, done_at);
CREATE TRIGGER promotion_no_delete BEFORE DELETE ON promotion
BEGIN SELECT RAISE(ABORT, 'promotions are never deleted'); END;
