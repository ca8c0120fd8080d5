-- Schema 1. Never edit once shipped: add a new numbered file instead.

-- Every record of every kind, so that ids are unique across kinds. `body` is
-- the record in its data-document form; the other columns exist for queries.
CREATE TABLE record (
    id         TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('session', 'checkin', 'phq9', 'gad7', 'icsi_icpi', 'bladder')),
    at_ms      INTEGER NOT NULL,          -- the record's instant, ms since the epoch (UTC)
    local_day  TEXT NOT NULL,             -- the user's calendar day, from the recorded offset
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE INDEX record_by_kind_and_time ON record (kind, at_ms, id);

-- One bladder diary entry per local day.
CREATE UNIQUE INDEX bladder_one_per_day ON record (local_day) WHERE kind = 'bladder';

CREATE TABLE acknowledgement (
    alert_id TEXT PRIMARY KEY NOT NULL,
    at       TEXT NOT NULL,
    note     TEXT NOT NULL
) STRICT;

CREATE TABLE profile (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    body      TEXT NOT NULL CHECK (json_valid(body))
) STRICT;
