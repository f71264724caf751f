"""Pulls come in pages (has_more, next_cursor); a cursor older than the hub keeps gets 410."""

from __future__ import annotations

import httpx

from linkworker_desktop.sync.transport import ResyncNeeded


def _pull(hub, token, cursor, limit):
    response = httpx.get(
        f"{hub.url}/v1/sync/pull",
        params={"cursor": cursor, "limit": limit},
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )
    return response


def _org_version(hub):
    return int(hub.rows("SELECT version FROM organisations")[0].version)


def test_pages_follow_the_cursor_until_has_more_is_false(org, hub):
    writer, reader = org.laptop("North"), org.laptop("North")
    made = {writer.add_patient() for _ in range(23)}
    writer.sync()
    seen: list[str] = []
    cursor, pages, total = 0, 0, 0
    while True:
        page = _pull(hub, reader.token, cursor, 5).json()
        pages += 1
        patients = [c["entity_id"] for c in page["changes"] if c["entity"] == "patients"]
        seen += patients
        total += len(page["changes"])
        versions = [c["version"] for c in page["changes"]]
        assert versions == sorted(versions) and all(v > cursor for v in versions)
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
        assert len(page["changes"]) == 5
    assert total == 23 + 3  # and the team and two workers, published by the hub
    assert pages == 6
    assert sorted(seen) == sorted(made)  # every patient once, none twice
    assert cursor == _org_version(hub)
    empty = _pull(hub, reader.token, cursor, 5).json()
    assert (empty["changes"], empty["has_more"], empty["next_cursor"]) == ([], False, cursor)


def test_the_engine_walks_every_page(org, hub):
    writer, reader = org.laptop("North"), org.laptop("North")
    made = {writer.add_patient() for _ in range(40)}
    writer.sync(push_batch=7)
    result = reader.sync(pull_page=6)
    assert reader.ids("patients") == made
    assert result.pulled >= 40
    assert reader.cursor() == _org_version(hub)
    pulls = hub.rows(
        "SELECT COUNT(*) AS n FROM hub_audit WHERE action = 'pull' AND device_id = :d",
        d=reader.enrolment.device_id,
    )[0].n
    assert pulls >= 7


def test_a_page_boundary_never_skips_a_conflict(org, hub):
    a, b = org.laptop("North"), org.laptop("North")
    pids = [a.add_patient() for _ in range(3)]
    a.sync()
    b.sync()
    for n, pid in enumerate(pids):
        a.edit("patients", pid, town=f"Town A{n}")
        b.edit("patients", pid, town=f"Town B{n}")
    a.sync()
    assert b.sync().conflicts == 3
    versions = [r.version for r in hub.rows("SELECT version FROM records")]
    assert len(versions) == len(set(versions)), "two records share a version"
    late = org.laptop("North")
    late.sync(pull_page=1)
    assert late.ids("patients") == set(pids)
    assert len(late.conflicts()) == 3
    for pid, n in zip(pids, range(3), strict=True):
        assert late.record("patients", pid)["town"] == f"Town B{n}"


def test_a_cursor_older_than_the_hub_keeps_gets_410_and_a_full_resync(org, hub):
    writer, reader = org.laptop("North"), org.laptop("North")
    first = writer.add_patient()
    writer.sync()
    reader.sync()
    old_cursor = reader.cursor()
    second = writer.add_patient()
    writer.edit("patients", first, town="Whitby")
    writer.sync()
    hub.execute("UPDATE organisations SET min_cursor = :m", m=old_cursor + 1)

    response = _pull(hub, reader.token, old_cursor, 100)
    assert response.status_code == 410
    assert "full resync" in response.json()["detail"]
    transport = reader.transport()
    try:
        try:
            transport.pull(old_cursor, 100)
        except ResyncNeeded as exc:
            assert "full resync" in str(exc)
        else:
            raise AssertionError("expected ResyncNeeded")
    finally:
        transport.close()

    result = reader.sync()
    assert result.resynced
    assert reader.ids("patients") == {first, second}
    assert reader.record("patients", first)["town"] == "Whitby"
    assert reader.cursor() == _org_version(hub)
    assert reader.sync().resynced is False
