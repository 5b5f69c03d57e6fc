-- 0018: customer-service lists at scale (500,000 buyers, 1,000,000 orders). The unfiltered buyer
-- list and the order list (unfiltered or by status only) showed COUNT(*) over the whole table as
-- their total — 25–60 ms a page at that size. These counters answer it at once; triggers keep
-- them exact on every insert, delete, merge and status change (working data, not facts).
CREATE TABLE service_count (
  key TEXT PRIMARY KEY,   -- 'buyer' (live buyers), 'order:<status>' (all orders: their sum)
  n   INTEGER NOT NULL
) STRICT;
INSERT INTO service_count (key, n) SELECT 'buyer', COUNT(*) FROM buyer WHERE merged_into_id IS NULL;
INSERT INTO service_count (key, n)
  SELECT 'order:' || s.status, (SELECT COUNT(*) FROM sales_order o WHERE o.status = s.status)
  FROM (SELECT 'wait_pay' AS status UNION ALL SELECT 'paid' UNION ALL SELECT 'shipped'
        UNION ALL SELECT 'success' UNION ALL SELECT 'closed') s;

CREATE TRIGGER service_count_buyer_ins AFTER INSERT ON buyer WHEN NEW.merged_into_id IS NULL
BEGIN UPDATE service_count SET n = n + 1 WHERE key = 'buyer'; END;
CREATE TRIGGER service_count_buyer_del AFTER DELETE ON buyer WHEN OLD.merged_into_id IS NULL
BEGIN UPDATE service_count SET n = n - 1 WHERE key = 'buyer'; END;
CREATE TRIGGER service_count_buyer_merge AFTER UPDATE OF merged_into_id ON buyer
  WHEN (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)
BEGIN
  UPDATE service_count SET n = n + (CASE WHEN NEW.merged_into_id IS NULL THEN 1 ELSE -1 END) WHERE key = 'buyer';
END;

CREATE TRIGGER service_count_order_ins AFTER INSERT ON sales_order
BEGIN UPDATE service_count SET n = n + 1 WHERE key = 'order:' || NEW.status; END;
CREATE TRIGGER service_count_order_del AFTER DELETE ON sales_order
BEGIN UPDATE service_count SET n = n - 1 WHERE key = 'order:' || OLD.status; END;
CREATE TRIGGER service_count_order_status AFTER UPDATE OF status ON sales_order
  WHEN OLD.status <> NEW.status
BEGIN
  UPDATE service_count SET n = n - 1 WHERE key = 'order:' || OLD.status;
  UPDATE service_count SET n = n + 1 WHERE key = 'order:' || NEW.status;
END;
