-- A page of the ledger under an item was read from the received-order index, skipping every newer matter of other
-- items until it had its rows: at 1 M matters with the item's matters older than the rest (an item most matters
-- used to be, or one retired), 290,000 rows read before the first match, 1.1 s. With the item and the order in one
-- index, the page is that index's first rows of the item (newest first read forwards, oldest first backwards),
-- whatever the other items did since. The count under the item alone reads counters (V165); with other filters the
-- item's (item_code, station_code) index of V163 stays the way in.
--
-- Assumption, not built: a window or an agent whose matters are all old (a window renamed, an agent who left) walks
-- the received-order index the same way; their pages stay as they are until such a value is common in a county.
create index delegation_view_item_received_order on delegation_view (item_code, received_at desc, delegation_id);
