-- Receipt time bounds sequences exactly (issue 15). Audit lists read newest first by sequence, but `from` and
-- `to` filter on received_at, the time a node received the event; a decision gets its sequence later, at its
-- group commit, and nothing limits that delay. So "received before to" could not bound the walk down the
-- primary key, and a `to` far in the past read most of the store before the first match (830 ms p95 on
-- 1,000,000 decisions, docs/BENCHMARKS.md).
--
-- Each group commit adds one row: its sequence range and the earliest and latest receipt time in it. Two
-- running bounds make a time filter one index probe (docs/AUDIT.md has the proof):
--   * earliest_from_here: the earliest receipt in this range or any later one. It never decreases along
--     the sequence, and every decision received before t lies at or below the last range whose
--     earliest_from_here < t. A commit lowers it on the few newest ranges when it carries an old receipt.
--   * latest_so_far: the latest receipt in this range or any earlier one. It never decreases either, and
--     every decision received at or after t lies at or above the first range whose latest_so_far >= t.
-- Rows are never deleted with decisions: a bound over rows that are gone is still a bound.
create table receipt_ranges (
    last_sequence      bigint      primary key,
    first_sequence     bigint      not null,
    earliest           timestamptz not null,
    latest             timestamptz not null,
    earliest_from_here timestamptz not null,
    latest_so_far      timestamptz not null,
    check (first_sequence <= last_sequence and earliest <= latest)
);
create index receipt_ranges_earliest_from_here on receipt_ranges (earliest_from_here, last_sequence);
create index receipt_ranges_latest_so_far on receipt_ranges (latest_so_far, last_sequence);

-- Decisions written before this version, in ranges of 1,000 sequences: any split into ranges is exact.
insert into receipt_ranges
select last_sequence, first_sequence, earliest, latest,
       min(earliest) over (order by last_sequence desc rows between unbounded preceding and current row),
       max(latest) over (order by last_sequence rows between unbounded preceding and current row)
from (select max(sequence) as last_sequence, min(sequence) as first_sequence,
             min(received_at) as earliest, max(received_at) as latest
      from decisions group by (sequence - 1) / 1000) ranges;
