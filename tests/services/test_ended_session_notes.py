"""An ended session's notes never change: not by a service, not by SQL, not by a pulled change.

Corrections are addenda. A session reads back with the template it was run with, even when
another template of its kind is installed later.
"""

from __future__ import annotations

import dataclasses

import pytest

from linkworker_desktop.services import library
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.storage.database import IntegrityError
from linkworker_desktop.sync.apply import PulledChanges
from linkworker_desktop.sync.protocol import PullResponse, RecordChange
from linkworker_desktop.ui.views.record import sessions_tab
from tests.services.test_sessions import booked, running, sessions  # noqa: F401

WRITTEN = "Feels lonely since moving; likes gardening."


@pytest.fixture
def ended(open_profile, sessions, running):  # noqa: F811
    sessions.autosave(running.session_id, "welcome", WRITTEN, {"welcome": 50})
    sessions.end(running.session_id, {"welcome": 60})
    note_id = open_profile.conn.execute(
        "SELECT id FROM session_notes WHERE session_id = ?", (running.session_id,)
    ).fetchone()[0]
    return running.session_id, note_id


def _note(profile, note_id):
    return profile.conn.execute(
        "SELECT text, stage_id, deleted FROM session_notes WHERE id = ?", (note_id,)
    ).fetchone()


@pytest.mark.parametrize(
    "change",
    [
        "text = 'Rewritten later'",
        "stage_id = 'what_matters'",
        "deleted = 1",
        "session_id = 'another-session'",
    ],
)
def test_the_database_refuses_to_change_an_ended_sessions_note(open_profile, ended, change):
    _session_id, note_id = ended
    with pytest.raises(IntegrityError, match="notes are append-only: add an addendum"):
        open_profile.conn.execute(f"UPDATE session_notes SET {change} WHERE id = ?", (note_id,))
    assert tuple(_note(open_profile, note_id)) == (WRITTEN, "welcome", 0)


def test_a_running_sessions_note_still_changes(open_profile, sessions, running):  # noqa: F811
    sessions.autosave(running.session_id, "welcome", "First words", {"welcome": 10})
    sessions.autosave(running.session_id, "welcome", "Second words", {"welcome": 20})
    assert sessions.load(running.session_id).notes == {"welcome": "Second words"}


def test_the_service_refuses_and_an_addendum_is_the_way(open_profile, sessions, ended):  # noqa: F811
    session_id, note_id = ended
    with pytest.raises(Exception, match="addendum"):
        sessions.autosave(session_id, "welcome", "Changed my mind", {"welcome": 70})
    sessions.add_addendum(session_id, "Correction: likes allotments, not gardening.")
    assert sessions.load(session_id).notes == {"welcome": WRITTEN}
    assert tuple(_note(open_profile, note_id)) == (WRITTEN, "welcome", 0)


def _pulled(note_id, session_id, text, deleted=False, stage_id="welcome"):
    fields = {
        "id": note_id,
        "session_id": session_id,
        "stage_id": stage_id,
        "text": text,
        "created_at": "2026-11-30T10:00:00+00:00",
        "updated_at": "2026-11-30T11:00:00+00:00",
        "author_id": "someone-else",
        "deleted": 1 if deleted else 0,
    }
    return RecordChange(
        entity="session_notes",
        entity_id=note_id,
        version=9,
        fields=fields,
        field_versions={"text": 9, "deleted": 9},
        deleted=deleted,
    )


def test_a_pulled_change_to_an_ended_sessions_note_is_not_applied(open_profile, ended):
    session_id, note_id = ended
    late = _pulled(
        "note-added-late", session_id, "The last stage's words, arriving late.", stage_id="next"
    )
    page = PullResponse(
        changes=[
            _pulled(note_id, session_id, "Rewritten on the hub"),
            _pulled(note_id, session_id, "", deleted=True),
            late,
        ],
        removed=[],
        next_cursor=7,
        has_more=False,
        last_mutation_id=0,
    )
    PulledChanges(open_profile.conn).apply_page(page)
    assert tuple(_note(open_profile, note_id)) == (WRITTEN, "welcome", 0)
    assert tuple(_note(open_profile, "note-added-late"))[0] == late.fields["text"]
    cursor = open_profile.conn.execute("SELECT value FROM sync_state WHERE key = 'cursor'")
    assert cursor.fetchone()[0] == "7"  # the round went on past the refused changes
    held = open_profile.conn.execute("SELECT COUNT(*) FROM sync_set_aside").fetchone()[0]
    assert held == 0  # refused for good, not held to be tried again


def test_a_session_reads_with_the_template_it_was_run_with(
    open_profile,
    sessions,  # noqa: F811
    running,  # noqa: F811
    monkeypatch,
):
    ran_with = running.template
    newer = dataclasses.replace(
        ran_with,
        id=f"{ran_with.id}-2027",
        name="Initial session (2027)",
        stages=tuple(dataclasses.replace(s, title=f"{s.title} (new)") for s in ran_with.stages),
    )
    installed = {newer.id: newer, ran_with.id: ran_with}  # the newer one is found first by kind
    monkeypatch.setattr(library, "shipped_templates", lambda: installed)
    assert library.template_for(ran_with.kind) is newer
    assert sessions.load(running.session_id).template is ran_with
    (summary,) = SessionService(open_profile).history(running.patient_id)
    assert summary.template_id == ran_with.id
    titles = sessions_tab._stage_titles(summary.template_id, summary.kind)
    assert titles == {stage.id: stage.title for stage in ran_with.stages}
