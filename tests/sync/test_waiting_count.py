"""The number of changes waiting is kept as changes are queued and cleared, never counted.

Counting the outbox reads every page of it (hundreds of thousands of rows after enrolment), so
the status reads a kept count instead. Each test checks that count against a real count of the
outbox after every kind of round: whole, stopped part way, cut, and with a change set aside.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.services import sync_service
from linkworker_desktop.sync import state
from linkworker_desktop.sync.transport import SyncError, Transport
from tests.support.laptop import Laptop
from tests.support.refused_records import REFUSED, allow_again, refuse_referrals_from

CUT = "The connection dropped part way through the push."


class _CutAfterFirstBatch(Transport):
    """The hub answers the first batch; the connection drops while the second is sent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pushes = 0

    def push(self, request):
        self.pushes += 1
        if self.pushes > 1:
            raise SyncError(CUT)
        return super().push(request)


def counted(laptop) -> int:
    """The outbox counted row by row: what the kept count must always equal."""
    return laptop.profile.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def waiting(laptop) -> int:
    return sync_service.status(laptop.profile).pending


def add_people(laptop, how_many: int) -> list[str]:
    return [laptop.add_patient(given_name=f"Person{n}") for n in range(how_many)]


@pytest.fixture
def laptop(org):
    laptop = org.laptop("North", "Asha")
    laptop.sync()
    assert waiting(laptop) == counted(laptop) == 0
    return laptop


def test_the_status_reads_the_kept_count_and_never_the_outbox(laptop):
    add_people(laptop, 3)
    read: list[str] = []
    laptop.profile.conn.set_trace_callback(read.append)
    try:
        status = sync_service.status(laptop.profile)
    finally:
        laptop.profile.conn.set_trace_callback(None)
    assert status.pending == 3
    assert read, "the status read nothing"
    assert [sql for sql in read if "outbox" in sql and "outbox_count" not in sql] == []


def test_each_change_counts_once_and_a_whole_round_clears_them(laptop):
    patients = add_people(laptop, 3)
    assert waiting(laptop) == counted(laptop) == 3
    laptop.edit("patients", patients[0], town="Leeds")
    laptop.delete("patients", patients[1])
    assert waiting(laptop) == counted(laptop) == 5

    result = laptop.sync(push_batch=2)

    assert result.pushed == 5
    assert waiting(laptop) == counted(laptop) == 0


def test_a_push_cut_part_way_counts_only_what_is_left(laptop):
    add_people(laptop, 5)
    transport = _CutAfterFirstBatch(state.get(laptop.profile.conn, "hub_url"), laptop.token)
    try:
        with pytest.raises(SyncError, match=CUT):
            laptop.sync(transport, push_batch=2)
    finally:
        transport.close()
    # The first batch of two was acknowledged and cleared before the second was lost.
    assert waiting(laptop) == counted(laptop) == 3

    assert laptop.sync().pushed == 3
    assert waiting(laptop) == counted(laptop) == 0


def test_a_round_that_never_reaches_the_hub_keeps_the_count(laptop):
    add_people(laptop, 2)
    offline = Transport("http://127.0.0.1:9", laptop.token)
    try:
        with pytest.raises(SyncError):
            laptop.sync(offline)
    finally:
        offline.close()
    assert waiting(laptop) == counted(laptop) == 2


def test_a_change_set_aside_from_the_hub_is_not_a_change_waiting(org, laptop):
    other = org.laptop("North", "Ben")
    other.sync()
    refuse_referrals_from(laptop, REFUSED)
    patient = other.add_patient(given_name="Ann", family_name="Bee")
    other.add_referral(patient, referrer_name=REFUSED)
    other.sync()
    add_people(laptop, 1)

    laptop.sync()

    assert len(laptop.set_aside()) == 1
    assert waiting(laptop) == counted(laptop) == 0
    allow_again(laptop)
    laptop.sync()
    assert laptop.set_aside() == []
    assert waiting(laptop) == counted(laptop) == 0


def test_enrolling_queues_the_whole_caseload_afresh_and_counts_it(org, tmp_path):
    worker_id = org.worker("Cai", "North")
    laptop = Laptop(tmp_path / "before-enrolling", "Cai", "Laptop team")
    try:
        add_people(laptop, 2)
        assert waiting(laptop) == counted(laptop) == 2 + 2  # and the laptop's team and worker

        laptop.enrol(org.hub.url, org.code(worker_id))

        queued = laptop.profile.conn.execute(
            "SELECT entity, COUNT(*) FROM outbox GROUP BY entity ORDER BY entity"
        ).fetchall()
        # The hub keeps its own teams and workers: only the patients wait to be sent.
        assert queued == [("patients", 2)]
        assert waiting(laptop) == counted(laptop) == 2
    finally:
        laptop.close()
