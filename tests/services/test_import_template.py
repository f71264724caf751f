"""The shipped template imports cleanly and holds only synthetic people (999 NHS numbers)."""

from __future__ import annotations

import csv

from linkworker_desktop.domain.import_rows import COLUMNS, TABLES
from linkworker_desktop.domain.nhs_number import validate
from linkworker_desktop.paths import resources_dir
from linkworker_desktop.services.caseload_import import CaseloadImport
from tests.support.caseload_sheets import LONDON, NOW

TEMPLATE = resources_dir() / "import_template"


def test_the_template_has_the_three_files_each_a_header_and_two_examples():
    for table in TABLES:
        with (TEMPLATE / f"{table}.csv").open(encoding="utf-8") as fh:
            header, *rows = list(csv.reader(fh))
        # reason_notes is optional: the template leaves it out, as the columns do.
        assert header == [c for c in COLUMNS[table] if c != "reason_notes"], table
        assert len(rows) == 2, table
        numbers = [validate(row[0]) for row in rows]
        assert all(number.startswith("999") for number in numbers), numbers


def test_the_template_imports_with_nothing_refused(open_profile):
    result = CaseloadImport(open_profile, zone=LONDON).run_path(TEMPLATE, now=NOW)
    assert result.as_json() == {
        "patients_added": 2,
        "referrals_added": 2,
        "contacts_added": 2,
        "measures_added": 2,
        "rejected": [],
    }
