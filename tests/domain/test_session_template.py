"""Session templates: the shipped two, and the mistakes a service's own file is told about."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.session_template import TemplateFileError, parse_template
from linkworker_desktop.services.library import load_templates, shipped_templates, template_for

SOURCE = "home_visit.toml"


def valid_doc() -> dict:
    return {
        "id": "short",
        "name": "Short check-in",
        "kind": "follow_up",
        "planned_minutes": 20,
        "stages": [
            {"id": "hello", "title": "Hello", "minutes": 5},
            {"id": "progress", "title": "Progress", "minutes": 10, "captures": "goal_review"},
            {"id": "next", "title": "Next", "minutes": 5, "captures": "book_next"},
        ],
    }


def refused(doc: dict) -> str:
    with pytest.raises(TemplateFileError) as caught:
        parse_template(doc, SOURCE)
    assert SOURCE in str(caught.value)
    return str(caught.value)


def test_the_initial_session_is_45_minutes_and_its_stages_add_up():
    initial = template_for("initial")
    assert (initial.kind, initial.planned_minutes) == ("initial", 45)
    # 5 welcome + 15 what matters + 5 measure + 10 goals + 5 connect + 5 next steps = 45
    assert [(s.id, s.minutes) for s in initial.stages] == [
        ("welcome", 5),
        ("what_matters", 15),
        ("measure", 5),
        ("goals", 10),
        ("connect", 5),
        ("next_steps", 5),
    ]
    assert sum(s.minutes for s in initial.stages) == 45


def test_the_follow_up_is_30_minutes_and_its_stages_add_up():
    follow_up = template_for("follow_up")
    assert (follow_up.kind, follow_up.planned_minutes) == ("follow_up", 30)
    # 5 review + 8 goal progress + 8 barriers + 4 measure + 5 next steps = 30
    assert [s.minutes for s in follow_up.stages] == [5, 8, 8, 4, 5]
    assert sum(s.minutes for s in follow_up.stages) == 30


def test_the_shipped_templates_capture_what_the_runner_shows():
    initial = template_for("initial")
    assert initial.stage("what_matters").captures == "what_matters"
    assert initial.stage("measure").captures == "measure"
    assert template_for("follow_up").stage("goal_progress").captures == "goal_review"
    assert set(shipped_templates()) == {"initial", "follow_up"}


def test_next_stage_walks_the_stages_in_order():
    template = parse_template(valid_doc(), SOURCE)
    assert template.next_stage("hello").id == "progress"
    assert template.next_stage("progress").id == "next"
    assert template.next_stage("next") is None
    with pytest.raises(KeyError):
        template.stage("missing")


def test_minutes_that_do_not_add_up():
    doc = valid_doc()
    doc["stages"][1]["minutes"] = 12
    # 5 + 12 + 5 = 22, not the 20 planned
    assert "add up to 22 minutes but the session plans 20" in refused(doc)


def test_duplicate_stage_ids_are_named():
    doc = valid_doc()
    doc["stages"][2]["id"] = "hello"
    message = refused(doc)
    assert "share an id" in message
    assert "hello" in message


def test_unknown_captures():
    doc = valid_doc()
    doc["stages"][0]["captures"] = "blood_pressure"
    message = refused(doc)
    assert "stage 1" in message
    assert "captures must be one of" in message


@pytest.mark.parametrize("kind", ["group", "", "Initial"])
def test_bad_kind(kind):
    doc = valid_doc()
    doc["kind"] = kind
    assert "kind" in refused(doc)


@pytest.mark.parametrize("minutes", [0, -5])
def test_a_stage_needs_at_least_a_minute(minutes):
    doc = valid_doc()
    doc["stages"][0]["minutes"] = minutes
    assert "at least 1" in refused(doc)


def test_minutes_must_be_whole_numbers():
    doc = valid_doc()
    doc["stages"][0]["minutes"] = "five"
    assert "'minutes' should be int" in refused(doc)


def test_a_template_with_no_stages():
    doc = valid_doc()
    doc["stages"] = []
    doc["planned_minutes"] = 20
    assert "at least one stage" in refused(doc)


def test_a_stage_without_a_title():
    doc = valid_doc()
    del doc["stages"][1]["title"]
    assert "'title' is missing" in refused(doc)


def test_a_folder_with_a_broken_file_names_it(tmp_path):
    (tmp_path / "mine.toml").write_text(
        'id = "mine"\nname = "Mine"\nkind = "follow_up"\nplanned_minutes = 30\n'
        '[[stages]]\nid = "only"\ntitle = "Only"\nminutes = 25\n'
    )
    with pytest.raises(TemplateFileError, match=r"mine\.toml.*add up to 25"):
        load_templates(tmp_path)


def test_a_folder_with_a_file_that_is_not_toml(tmp_path):
    (tmp_path / "scribble.toml").write_text("[[stages]\n")
    with pytest.raises(TemplateFileError, match=r"scribble\.toml is not valid TOML"):
        load_templates(tmp_path)


def test_a_service_template_loads_from_its_folder(tmp_path):
    (tmp_path / "phone.toml").write_text(
        'id = "phone"\nname = "Phone check-in"\nkind = "follow_up"\nplanned_minutes = 15\n'
        '[[stages]]\nid = "catch_up"\ntitle = "Catch up"\nminutes = 10\n'
        '[[stages]]\nid = "next"\ntitle = "Next"\nminutes = 5\ncaptures = "book_next"\n'
    )
    (template,) = load_templates(tmp_path).values()
    assert (template.id, template.planned_minutes, len(template.stages)) == ("phone", 15, 2)
