-- 0013: after-sales cases (售后单, rulebook §13): returns, exchanges, refunds, resends, logistics
-- queries and damaged / wrong goods, linked to an order and a buyer; the lines (SKUs and
-- quantities) concerned; an append-only status history. Cases are created by hand or by the
-- 退款报表 import (keyed by the platform's 退款编号).

CREATE TABLE aftersales_case (
  id              TEXT PRIMARY KEY,
  case_no         TEXT NOT NULL UNIQUE,          -- SH-<device>-<day>-<seq>
  type            TEXT NOT NULL CHECK (type IN ('return_refund', 'exchange', 'refund_only', 'resend', 'logistics', 'damaged')),
  status          TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'awaiting_return', 'return_received',
                    'refunded', 'exchanged', 'resent', 'done', 'closed')),
  source          TEXT NOT NULL CHECK (source IN ('manual', 'import')),
  refund_no       TEXT,                          -- 退款编号 (platform refund id), text
  order_id        TEXT REFERENCES sales_order (id),
  order_no        TEXT NOT NULL DEFAULT '',      -- 订单编号 as given (also when we do not have the order)
  buyer_id        TEXT REFERENCES buyer (id),
  member_name     TEXT NOT NULL DEFAULT '',
  reason          TEXT NOT NULL DEFAULT '',      -- 买家退款原因 / what the buyer says
  note            TEXT NOT NULL DEFAULT '',      -- 退款说明, the agent's notes
  refund_fen      INTEGER NOT NULL DEFAULT 0 CHECK (refund_fen >= 0),
  paid_fen        INTEGER,                       -- what the buyer paid (the refund limit) when known
  agent_id        TEXT REFERENCES staff (id),    -- who handles it
  return_doc_id   TEXT REFERENCES stock_document (id),  -- the expected return receipt (退货入库 draft)
  outbound_doc_id TEXT REFERENCES stock_document (id),  -- the exchange / resend outbound (销售出库 draft)
  return_carrier  TEXT NOT NULL DEFAULT '',      -- 退货物流公司 (from the import)
  return_tracking TEXT NOT NULL DEFAULT '',      -- 退货物流单号
  opened_at       TEXT NOT NULL,                 -- 退款的申请时间 or when entered, UTC ISO
  due_at          TEXT,                          -- 超时时间: overdue after this while still open
  closed_at       TEXT,                          -- when it became 已完结 or 已关闭
  created_at      TEXT NOT NULL,
  created_by      TEXT,
  updated_at      TEXT NOT NULL,                 -- HLC: the version
  updated_by      TEXT
) STRICT;
CREATE UNIQUE INDEX aftersales_refund_no ON aftersales_case (refund_no) WHERE refund_no IS NOT NULL;
CREATE INDEX aftersales_opened ON aftersales_case (opened_at);
CREATE INDEX aftersales_by_status ON aftersales_case (status, opened_at);
CREATE INDEX aftersales_by_type ON aftersales_case (type, opened_at);
CREATE INDEX aftersales_by_agent ON aftersales_case (agent_id, opened_at);
CREATE INDEX aftersales_by_order ON aftersales_case (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX aftersales_by_order_no ON aftersales_case (order_no);
CREATE INDEX aftersales_by_buyer ON aftersales_case (buyer_id, opened_at) WHERE buyer_id IS NOT NULL;
CREATE INDEX aftersales_open_due ON aftersales_case (due_at) WHERE status NOT IN ('done', 'closed');

CREATE TABLE aftersales_line (
  case_id       TEXT NOT NULL REFERENCES aftersales_case (id),
  line_no       INTEGER NOT NULL,
  order_line_id TEXT REFERENCES sales_order_line (id),
  sku_id        TEXT REFERENCES sku (id),
  sku_code      TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  spec          TEXT NOT NULL DEFAULT '',
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (case_id, line_no)
) STRICT;

-- Every status a case has been in: who, when, with what note. Append-only.
CREATE TABLE aftersales_status (
  id          TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES aftersales_case (id),
  at          TEXT NOT NULL,
  from_status TEXT,
  status      TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('manual', 'import')),
  staff_id    TEXT REFERENCES staff (id),
  note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX aftersales_status_case ON aftersales_status (case_id, at);
CREATE TRIGGER aftersales_status_no_edit BEFORE UPDATE ON aftersales_status
BEGIN SELECT RAISE(ABORT, 'aftersales_status is append-only'); END;
CREATE TRIGGER aftersales_status_no_delete BEFORE DELETE ON aftersales_status
BEGIN SELECT RAISE(ABORT, 'aftersales_status is append-only'); END;
