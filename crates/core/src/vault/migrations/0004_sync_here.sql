-- Schema 4. Never edit once shipped: add a new numbered file instead.

-- What sync keeps on this computer only (never written to the folder): the
-- folder's path here (a path can name a person, so it lives in the
-- encrypted journal, not in a settings file), when this journal last
-- synced, and the change time of the crisis line a sync last brought in
-- from another computer (the app says so: no silent change of it).
ALTER TABLE sync_device ADD COLUMN folder TEXT;
ALTER TABLE sync_device ADD COLUMN synced_at TEXT;
ALTER TABLE sync_device ADD COLUMN crisis_line_changed_ms INTEGER;

-- A record edited here since the last sync and replaced by a later edit
-- from another computer: the version made here, kept aside (not shown, not
-- exported, not synced), with the time of the edit that replaced it.
CREATE TABLE sync_replaced (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    replaced_ms INTEGER NOT NULL,
    body        TEXT NOT NULL CHECK (json_valid(body))
) STRICT;
