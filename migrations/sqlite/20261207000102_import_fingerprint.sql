-- What an import last wrote into an event (a hash of the checked record and the event's
-- SEQUENCE after writing it): the same record again, with nothing changed in between, is
-- left alone, so an unchanged re-import raises no SEQUENCE and tells no subscriber.
ALTER TABLE events ADD COLUMN import_fingerprint TEXT NOT NULL DEFAULT '';
