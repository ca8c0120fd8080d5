-- Schema 2. Never edit once shipped: add a new numbered file instead.

-- An acknowledgement's note is private unless the user shares it, like
-- every other note: existing notes stay private.
ALTER TABLE acknowledgement ADD COLUMN share_note INTEGER NOT NULL DEFAULT 0 CHECK (share_note IN (0, 1));
