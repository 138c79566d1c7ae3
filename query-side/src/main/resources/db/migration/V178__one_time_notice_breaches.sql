-- The breaches of 一次性告知 listed for supervision (/api/supervision/one-time-notice-breaches): the matters with a
-- second or later supplement request, by the day received (the list's period), a small share of all matters.
create index delegation_view_breaches on delegation_view (received_on) where breaches > 0;
