-- 0007: customer service (客服) part 1 — the buyer database (买家资料库), Taobao orders with their
-- lines and status history, unpaid-order follow-up (催付) and the service settings.
-- Facts (notes, status changes, follow-up contacts) are append-only by trigger.

CREATE TABLE service_setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO service_setting (key, value) VALUES ('followUpDelayMinutes', '30');

-- VIP levels (§12.9): level 0 is "not a VIP"; the offers text is what agents tell the buyer.
CREATE TABLE vip_level (
  level  INTEGER PRIMARY KEY CHECK (level BETWEEN 1 AND 9),
  name   TEXT NOT NULL,
  offers TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO vip_level (level, name, offers) VALUES
  (1, '普通会员', '全店 98 折'),
  (2, '高级会员', '全店 95 折，生日当月送小礼品'),
  (3, '至尊会员', '全店 9 折，包邮，优先发货');

CREATE TABLE buyer (
  id             TEXT PRIMARY KEY,
  member_name    TEXT NOT NULL,                 -- 买家会员名 (旺旺), as Taobao writes it
  real_name      TEXT NOT NULL DEFAULT '',
  phones         TEXT NOT NULL DEFAULT '[]',    -- JSON array of digits-only strings
  addresses      TEXT NOT NULL DEFAULT '[]',    -- JSON array of one-line addresses
  tags           TEXT NOT NULL DEFAULT '[]',    -- JSON array: groups and traits (顾客分类)
  vip_level      INTEGER NOT NULL DEFAULT 0 CHECK (vip_level BETWEEN 0 AND 9),
  merged_into_id TEXT REFERENCES buyer (id),    -- set when merged away into another buyer
  created_at     TEXT NOT NULL,
  created_by     TEXT,
  updated_at     TEXT NOT NULL,                 -- HLC: the version
  updated_by     TEXT,
  CHECK (json_valid(phones) AND json_valid(addresses) AND json_valid(tags))
) STRICT;
CREATE UNIQUE INDEX buyer_member ON buyer (member_name) WHERE merged_into_id IS NULL;
CREATE INDEX buyer_member_all ON buyer (member_name);
CREATE INDEX buyer_merged ON buyer (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Search keys per buyer (prefix-matched by a range on the primary key): the lower-cased member
-- name, real name, pinyin initials of the names, every phone, every phone's last 4 digits, #tags.
CREATE TABLE buyer_search (
  key      TEXT NOT NULL,
  buyer_id TEXT NOT NULL REFERENCES buyer (id)
) STRICT;
CREATE UNIQUE INDEX buyer_search_key ON buyer_search (key, buyer_id);
CREATE INDEX buyer_search_buyer ON buyer_search (buyer_id);

CREATE TABLE buyer_note (
  id       TEXT PRIMARY KEY,
  buyer_id TEXT NOT NULL REFERENCES buyer (id),  -- may move to another buyer on a merge
  at       TEXT NOT NULL,
  staff_id TEXT REFERENCES staff (id),
  text     TEXT NOT NULL
) STRICT;
CREATE INDEX buyer_note_buyer ON buyer_note (buyer_id, at);
CREATE TRIGGER buyer_note_no_edit BEFORE UPDATE OF id, at, staff_id, text ON buyer_note
BEGIN SELECT RAISE(ABORT, 'buyer_note is append-only'); END;
CREATE TRIGGER buyer_note_no_delete BEFORE DELETE ON buyer_note
BEGIN SELECT RAISE(ABORT, 'buyer_note is append-only'); END;

CREATE TABLE sales_order (
  id               TEXT PRIMARY KEY,
  order_no         TEXT NOT NULL UNIQUE,        -- 订单编号 (16–19 digits) or SD-<device>-<day>-<seq> for manual orders
  source           TEXT NOT NULL CHECK (source IN ('taobao', 'manual')),
  buyer_id         TEXT REFERENCES buyer (id),
  member_name      TEXT NOT NULL DEFAULT '',    -- as in the file ('' when the export hides it)
  status           TEXT NOT NULL CHECK (status IN ('wait_pay', 'paid', 'shipped', 'success', 'closed')),
  goods_fen        INTEGER NOT NULL DEFAULT 0,  -- 买家应付货款
  postage_fen      INTEGER NOT NULL DEFAULT 0,  -- 买家应付邮费
  total_fen        INTEGER NOT NULL DEFAULT 0,  -- 总金额
  paid_fen         INTEGER NOT NULL DEFAULT 0,  -- 买家实际支付金额
  refund_fen       INTEGER NOT NULL DEFAULT 0,  -- 退款金额
  receiver_name    TEXT NOT NULL DEFAULT '',
  receiver_phone   TEXT NOT NULL DEFAULT '',
  receiver_address TEXT NOT NULL DEFAULT '',
  buyer_message    TEXT NOT NULL DEFAULT '',
  seller_note      TEXT NOT NULL DEFAULT '',    -- 卖家备注 / 订单备注 / 商家备注
  flag             TEXT NOT NULL DEFAULT 'none' CHECK (flag IN ('none', 'red', 'yellow', 'green', 'blue', 'purple')),
  close_reason     TEXT NOT NULL DEFAULT '',
  item_count       INTEGER NOT NULL DEFAULT 0,
  ordered_at       TEXT NOT NULL,               -- 订单创建时间, UTC ISO
  paid_at          TEXT,                        -- 订单付款时间, UTC ISO
  -- Shipping as the import saw it; the integrator points shipping() at the warehouse's shipments.
  carrier          TEXT,
  tracking_no      TEXT,
  shipped_at       TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT
) STRICT;
CREATE INDEX sales_order_ordered ON sales_order (ordered_at);
CREATE INDEX sales_order_by_status ON sales_order (status, ordered_at);
CREATE INDEX sales_order_buyer ON sales_order (buyer_id, ordered_at);
CREATE INDEX sales_order_member ON sales_order (member_name, ordered_at);

CREATE TABLE sales_order_line (
  id        TEXT PRIMARY KEY,
  order_id  TEXT NOT NULL REFERENCES sales_order (id),
  line_key  TEXT NOT NULL,                      -- 子订单编号, else the line's position in the order
  line_no   INTEGER NOT NULL,
  title     TEXT NOT NULL DEFAULT '',
  spec      TEXT NOT NULL DEFAULT '',           -- 商品属性
  sku_code  TEXT NOT NULL DEFAULT '',           -- 商家编码
  sku_id    TEXT REFERENCES sku (id),
  quantity  INTEGER NOT NULL CHECK (quantity >= 0),
  price_fen INTEGER NOT NULL DEFAULT 0,
  paid_fen  INTEGER,
  refund_status TEXT NOT NULL DEFAULT '',
  UNIQUE (order_id, line_key)
) STRICT;
CREATE INDEX sales_order_line_sku ON sales_order_line (sku_id) WHERE sku_id IS NOT NULL;

CREATE TABLE sales_order_status (
  id       TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES sales_order (id),
  at       TEXT NOT NULL,
  status   TEXT NOT NULL,
  source   TEXT NOT NULL CHECK (source IN ('import', 'manual')),
  staff_id TEXT REFERENCES staff (id)
) STRICT;
CREATE INDEX sales_order_status_order ON sales_order_status (order_id, at);
CREATE TRIGGER sales_order_status_no_update BEFORE UPDATE ON sales_order_status
BEGIN SELECT RAISE(ABORT, 'sales_order_status is append-only'); END;
CREATE TRIGGER sales_order_status_no_delete BEFORE DELETE ON sales_order_status
BEGIN SELECT RAISE(ABORT, 'sales_order_status is append-only'); END;

-- 催付: one row per contact with the buyer of an unpaid order.
CREATE TABLE order_follow_up (
  id        TEXT PRIMARY KEY,
  order_id  TEXT NOT NULL REFERENCES sales_order (id),
  at        TEXT NOT NULL,
  staff_id  TEXT REFERENCES staff (id),
  channel   TEXT NOT NULL CHECK (channel IN ('wangwang', 'phone', 'sms')),
  outcome   TEXT NOT NULL CHECK (outcome IN ('will_pay', 'no_reply', 'declined', 'other')),
  note      TEXT NOT NULL DEFAULT '',
  remind_at TEXT
) STRICT;
CREATE INDEX order_follow_up_order ON order_follow_up (order_id, at);
CREATE INDEX order_follow_up_at ON order_follow_up (at);
CREATE TRIGGER order_follow_up_no_update BEFORE UPDATE ON order_follow_up
BEGIN SELECT RAISE(ABORT, 'order_follow_up is append-only'); END;
CREATE TRIGGER order_follow_up_no_delete BEFORE DELETE ON order_follow_up
BEGIN SELECT RAISE(ABORT, 'order_follow_up is append-only'); END;
