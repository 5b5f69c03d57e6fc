-- 0009: warehouse performance at scale (20,000 SKUs, 5,000,000 document lines and movements).
--
-- Reserved stock (on draft sales_out lines with an order ref) is summed per SKU and bin for every
-- balance shown (skuStock, balances, allocation). By (sku_id, bin_id) alone each of the pair's
-- ~120 historical lines cost a random read of the 5M-row line table just to find its document;
-- covering (document_id, quantity) leaves only the document lookup, on the small stock_document
-- table that stays in the page cache. The (sku_id) index is a prefix of this one: dropped (one
-- index less to write on every saved draft line).
DROP INDEX stock_document_line_sku_bin;
CREATE INDEX stock_document_line_sku_bin ON stock_document_line (sku_id, bin_id, document_id, quantity);
DROP INDEX stock_document_line_sku;
