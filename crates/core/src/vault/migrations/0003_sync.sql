-- Schema 3. Never edit once shipped: add a new numbered file instead.

-- Sync through a folder (see `sync/`). This journal's device: a random id
-- made once, the latest change time it has written or seen (a hybrid clock:
-- a new change is never stamped earlier than anything already here), a
-- counter ordering the changes made or merged here, how far its own changes
-- have been written to the folder, the sync key once joined (an age X25519
-- identity; the database is encrypted) and the names of the files it wrote.
CREATE TABLE sync_device (
    singleton   INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    device      TEXT NOT NULL,
    clock_ms    INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    written_seq INTEGER NOT NULL,
    identity    TEXT,
    files       TEXT NOT NULL CHECK (json_valid(files))
) STRICT;

INSERT INTO sync_device (singleton, device, clock_ms, seq, written_seq, identity, files)
VALUES (1, lower(hex(randomblob(16))), 0, 0, 0, NULL, '[]');

-- The version of every entry of the journal: a record ('record:<id>', live,
-- or a tombstone naming its kind in `deleted`), an acknowledgement
-- ('ack:<alert id>') or a profile field ('profile:<field>'). The later
-- (at_ms, device) wins a merge.
CREATE TABLE change (
    key     TEXT PRIMARY KEY NOT NULL,
    at_ms   INTEGER NOT NULL,
    device  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    deleted TEXT
) STRICT;

CREATE INDEX change_by_seq ON change (seq);

-- A bladder diary day that lost its local day to another device's entry
-- with a later change: kept, not shown, back if the other goes.
CREATE TABLE sync_shadow (
    id         TEXT PRIMARY KEY NOT NULL,
    local_day  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
) STRICT;

-- What the journal holds already changed when it was last updated (or
-- acknowledged); the profile's fields at the beginning of time.
INSERT INTO change (key, at_ms, device, seq, deleted)
SELECT 'record:' || id, CAST(round((julianday(updated_at) - 2440587.5) * 86400000) AS INTEGER),
       (SELECT device FROM sync_device), 0, NULL
FROM record;

INSERT INTO change (key, at_ms, device, seq, deleted)
SELECT 'ack:' || alert_id, CAST(round((julianday(at) - 2440587.5) * 86400000) AS INTEGER),
       (SELECT device FROM sync_device), 0, NULL
FROM acknowledgement;

INSERT INTO change (key, at_ms, device, seq, deleted)
SELECT 'profile:' || field.key, 0, (SELECT device FROM sync_device), 0, NULL
FROM profile, json_each(profile.body) AS field;

UPDATE sync_device SET clock_ms = coalesce((SELECT max(at_ms) FROM change), 0);
