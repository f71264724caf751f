"""The caseload filter gives exactly the rows the service's search gives, however it is used."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from linkworker_desktop.domain.choices import OPEN_STATUSES, ReferralStatus
from linkworker_desktop.ui.models import caseload_filter
from linkworker_desktop.ui.models.caseload_filter import (
    ANY_STATUS,
    OPEN_REFERRALS,
    CaseloadFilter,
)
from linkworker_desktop.ui.models.caseload_model import CaseloadModel, Column
from tests.ui.caseload_support import demo_profile_fixture, service  # noqa: F401

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture
def proxy(qapp, demo_profile):
    model = CaseloadModel()
    proxy = CaseloadFilter(model)
    proxy.testers = [
        QAbstractItemModelTester(model, FATAL),
        QAbstractItemModelTester(proxy, FATAL),
    ]
    model.set_rows(service(demo_profile).rows())
    return proxy


def shown_ids(proxy: CaseloadFilter) -> set[str]:
    return {row.patient_id for row in proxy.shown_rows()}


def ids(rows) -> set[str]:
    return {row.patient_id for row in rows}


def test_no_filter_shows_everyone(proxy):
    assert proxy.rowCount() == proxy.total == proxy.sourceModel().rowCount() > 0


def test_search_by_surname(proxy, demo_profile):
    surname = proxy.row_at(5).name.split(",")[0]
    proxy.set_search_text(surname.upper())
    expected = ids(service(demo_profile).search(surname))
    assert shown_ids(proxy) == expected
    assert 0 < len(expected) < proxy.total


def test_search_by_nhs_number_typed_with_spaces(proxy, demo_profile):
    digits = proxy.row_at(3).nhs_number
    typed = f" {digits[:3]}  {digits[3:6]} {digits[6:]} "
    proxy.set_search_text(typed)
    assert [row.nhs_number for row in proxy.shown_rows()] == [digits]
    proxy.set_search_text(f"{digits[:3]} {digits[3:6]}")
    assert shown_ids(proxy) == ids(service(demo_profile).search(digits[:6]))


@pytest.mark.parametrize("status", list(ReferralStatus))
def test_each_status_gives_the_services_rows(proxy, demo_profile, status):
    proxy.set_status(status.value)
    assert shown_ids(proxy) == ids(service(demo_profile).search(status=status))


def test_open_referrals_are_new_contacted_active_or_on_hold(proxy, demo_profile):
    proxy.set_status(OPEN_REFERRALS)
    expected = set()
    for status in OPEN_STATUSES:
        expected |= ids(service(demo_profile).search(status=status))
    assert expected  # the demo caseload has open referrals
    assert shown_ids(proxy) == expected
    assert all(row.status in OPEN_STATUSES for row in proxy.shown_rows())


def test_overdue_only_and_combined_filters(proxy, demo_profile):
    proxy.set_overdue_only(True)
    overdue = ids(service(demo_profile).search(overdue_only=True))
    assert shown_ids(proxy) == overdue
    assert overdue, "the demo caseload should have someone overdue"
    proxy.set_status(ReferralStatus.NEW.value)
    expected = ids(service(demo_profile).search(status=ReferralStatus.NEW, overdue_only=True))
    assert shown_ids(proxy) == expected
    proxy.set_overdue_only(False)
    proxy.set_status(ANY_STATUS)
    assert proxy.rowCount() == proxy.total


def test_sorting_keeps_the_filter_and_orders_the_rows(proxy, demo_profile):
    proxy.set_status(OPEN_REFERRALS)
    before = shown_ids(proxy)
    proxy.sort(Column.DAYS_WAITING, Qt.SortOrder.DescendingOrder)
    assert shown_ids(proxy) == before
    days = [row.days_waiting for row in proxy.shown_rows() if row.days_waiting is not None]
    assert days == sorted(days, reverse=True)
    assert proxy.sortColumn() == -1, "the proxy leaves sorting to the source model"


def test_new_rows_are_filtered_too(proxy, demo_profile):
    proxy.set_overdue_only(True)
    rows = service(demo_profile).rows()
    proxy.sourceModel().set_rows(rows[:10])
    assert shown_ids(proxy) == {row.patient_id for row in rows[:10] if row.overdue}
    proxy.sourceModel().clear()
    assert proxy.rowCount() == 0


def test_unknown_status_filter_is_refused(proxy):
    with pytest.raises(ValueError):
        proxy.set_status("lost")


def test_a_keystroke_makes_no_python_call_a_patient_and_none_from_qt(proxy):
    """Qt never asks Python about each row, and the search looks at each key in one pass."""
    many = [
        replace(row, patient_id=f"{row.patient_id}-{copy}")
        for copy in range(40)
        for row in proxy.sourceModel().rows  # no filter yet: every patient
    ]
    model = CaseloadModel()  # no model tester here: it reads every row on each change
    proxy = CaseloadFilter(model)
    model.set_rows(many)
    assert len(many) >= 2000
    surname = many[7].name.split(",")[0]
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        proxy.set_search_text(surname)
    finally:
        sys.setprofile(None)

    shown = proxy.shown_rows()
    assert 40 <= len(shown) < len(many)
    assert all(surname.lower() in row.search_key for row in shown)
    assert calls <= 50


def looked_at(monkeypatch) -> list[int]:
    """How many rows each search pass looks through."""
    passes: list[int] = []
    original = caseload_filter.matching

    def counted(rows, needle):
        passes.append(len(rows))
        return original(rows, needle)

    monkeypatch.setattr(caseload_filter, "matching", counted)
    return passes


def test_typing_on_looks_only_at_what_the_last_search_found(proxy, demo_profile, monkeypatch):
    passes = looked_at(monkeypatch)
    surname = proxy.row_at(5).name.split(",")[0]
    typed = [surname[:1], surname[:2], surname[:3]]
    found = []
    for text in typed:
        proxy.set_search_text(text)
        found.append(shown_ids(proxy))
        assert found[-1] == ids(service(demo_profile).search(text))
    assert passes == [proxy.total, len(found[0]), len(found[1])]
    assert proxy.total > len(found[0]) >= len(found[1]) >= len(found[2]) > 0

    proxy.set_search_text(surname[:2])  # a letter deleted: the answer kept is given again
    assert shown_ids(proxy) == found[1]
    assert len(passes) == 3
    proxy.set_search_text(surname[:1] + "zq")  # holds only the first search: looks in its answer
    assert proxy.rowCount() == 0
    assert passes[3:] == [len(found[0])]


def test_another_filter_or_new_rows_make_the_search_look_again(proxy, demo_profile, monkeypatch):
    passes = looked_at(monkeypatch)
    surname = proxy.row_at(5).name.split(",")[0]
    proxy.set_search_text(surname[:1])
    proxy.set_status(OPEN_REFERRALS)
    proxy.set_search_text(surname[:2])
    expected = {
        row.patient_id
        for row in service(demo_profile).search(surname[:2])
        if row.status is not None and row.status.is_open
    }
    assert shown_ids(proxy) == expected
    assert passes[:2] == [proxy.total, proxy.total]  # the open ones are looked for afresh

    rows = service(demo_profile).rows()
    proxy.sourceModel().set_rows(rows[:10])
    proxy.set_search_text(surname[:1])
    assert passes[-1] == 10
    assert shown_ids(proxy) == {
        r.patient_id
        for r in rows[:10]
        if surname[:1].lower() in r.search_key and r.status is not None and r.status.is_open
    }


def test_a_search_after_sorting_shows_the_new_order(proxy):
    surname = proxy.row_at(5).name.split(",")[0]
    proxy.set_search_text(surname[:1])
    proxy.sort(Column.DAYS_WAITING, Qt.SortOrder.DescendingOrder)
    proxy.set_search_text(surname[:1] + "")  # the same search again: no change
    proxy.set_search_text("")
    proxy.set_search_text(surname[:1])
    days = [row.days_waiting for row in proxy.shown_rows() if row.days_waiting is not None]
    assert len(days) >= 2
    assert days == sorted(days, reverse=True)
