-- The Directory lists services by name. Walking an index in that order lets a search stop at the
-- first results it shows, instead of fetching and sorting every match on each keystroke.
CREATE INDEX directory_services_by_name ON directory_services (name COLLATE NOCASE);
