-- 0017: an agent's day (客服 §12.2, §12.11, §13.7, §16.5) — the daily work log and the weekly
-- summary/plan (one journal table, per agent per day / ISO week), supervisors' comments on them,
-- the memo book (备忘录) with optional reminders, and order credit (订单归属) facts for the daily
-- personal sales report. Comments and credits are append-only by trigger.

-- kind 'day': period yyyy-mm-dd, sections {questions, deals, lessons};
-- kind 'week': period yyyy-Www (ISO week), sections {summary, plan}.
CREATE TABLE agent_journal (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('day', 'week')),
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  period     TEXT NOT NULL,
  sections   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(sections)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,                 -- HLC: the version
  updated_by TEXT REFERENCES staff (id),
  UNIQUE (kind, staff_id, period)
) STRICT;
CREATE INDEX agent_journal_period ON agent_journal (kind, period);

CREATE TABLE agent_journal_comment (
  id         TEXT PRIMARY KEY,
  journal_id TEXT NOT NULL REFERENCES agent_journal (id),
  at         TEXT NOT NULL,
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  text       TEXT NOT NULL
) STRICT;
CREATE INDEX agent_journal_comment_journal ON agent_journal_comment (journal_id, at);
CREATE TRIGGER agent_journal_comment_no_update BEFORE UPDATE ON agent_journal_comment
BEGIN SELECT RAISE(ABORT, 'agent_journal_comment is append-only'); END;
CREATE TRIGGER agent_journal_comment_no_delete BEFORE DELETE ON agent_journal_comment
BEGIN SELECT RAISE(ABORT, 'agent_journal_comment is append-only'); END;

CREATE TABLE agent_memo (
  id         TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  text       TEXT NOT NULL,
  remind_at  TEXT,                          -- UTC ISO; due when <= now and not done
  done_at    TEXT,
  buyer_id   TEXT REFERENCES buyer (id),
  order_id   TEXT REFERENCES sales_order (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,                 -- HLC: the version
  updated_by TEXT REFERENCES staff (id),
  deleted_at TEXT
) STRICT;
CREATE INDEX agent_memo_staff ON agent_memo (staff_id, created_at);
CREATE INDEX agent_memo_due ON agent_memo (staff_id, remind_at)
  WHERE remind_at IS NOT NULL AND done_at IS NULL AND deleted_at IS NULL;

-- 订单归属: who an order is credited to. The newest fact per order wins (reassignment = a new
-- fact); staff_id NULL withdraws a manual credit (the inquiry's credit, if any, applies again).
CREATE TABLE order_credit (
  id       TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES sales_order (id),
  staff_id TEXT REFERENCES staff (id),
  source   TEXT NOT NULL CHECK (source IN ('manual')),
  at       TEXT NOT NULL,
  by_id    TEXT NOT NULL REFERENCES staff (id)
) STRICT;
CREATE INDEX order_credit_order ON order_credit (order_id, at, id);
CREATE TRIGGER order_credit_no_update BEFORE UPDATE ON order_credit
BEGIN SELECT RAISE(ABORT, 'order_credit is append-only'); END;
CREATE TRIGGER order_credit_no_delete BEFORE DELETE ON order_credit
BEGIN SELECT RAISE(ABORT, 'order_credit is append-only'); END;

-- The sales report buckets orders by the day they were paid.
CREATE INDEX sales_order_paid ON sales_order (paid_at) WHERE paid_at IS NOT NULL;
