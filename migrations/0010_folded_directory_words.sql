-- The directory's word index holds folded words (no accents, case or joining apostrophes, and
-- letters such as ł as l), so "lukasz" finds Łukasz and "oneill" finds O'Neill. The index is
-- remade from the services; fold_words() is the app's own folding, registered on every
-- connection before migrations run.
DELETE FROM directory_fts;

INSERT INTO directory_fts (
    rowid, service_id, name, organisation, description, categories, place, accessibility
)
SELECT
    s.rowid,
    s.id,
    fold_words(s.name || ' ' || s.alternate_name),
    fold_words(s.organisation),
    fold_words(s.description),
    fold_words((SELECT group_concat(c.value, ' ') FROM json_each(s.categories) AS c)),
    fold_words((
        SELECT group_concat(
            ifnull(json_extract(l.value, '$.name'), '') || ' '
            || ifnull(json_extract(l.value, '$.address'), '') || ' '
            || ifnull(json_extract(l.value, '$.postcode'), ''),
            ' '
        )
        FROM json_each(s.locations) AS l
    )),
    fold_words(s.accessibility)
FROM directory_services AS s;
