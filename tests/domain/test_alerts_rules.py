"""The rules of alerts and safeguarding concerns, exactly at their edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.domain.alerts import (
    MAX_REASON,
    Alert,
    AlertKind,
    HomeVisitNeedsConfirmation,
    check_reason,
    home_visit_question,
    parse_alert_kinds,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.safeguarding import (
    HANDOVER_DUE,
    MAX_TEXT,
    Choice,
    Concern,
    Handover,
    parse_choices,
    required_text,
)

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ALONE = AlertKind("do_not_visit_alone", "Do not visit alone", "", True)
DOG = AlertKind("aggressive_dog", "Aggressive dog", "", False)


def _alert(kind: AlertKind, reason: str) -> Alert:
    return Alert("a-" + kind.id, "p1", kind, reason, AT, "Asha")


def test_a_reason_is_folded_to_single_spaces_and_named_by_its_field():
    assert check_reason("  Son   was\\nhostile ".replace("\\n", "\n")) == "Son was hostile"
    with pytest.raises(ValidationError) as caught:
        check_reason(" \n ")
    assert caught.value.problems == {
        "reason": "Say why, in a few words: the next person will need it."
    }
    with pytest.raises(ValidationError) as caught:
        check_reason("", "clear_reason")
    assert list(caught.value.problems) == ["clear_reason"]


def test_a_reason_may_be_exactly_the_limit_and_not_one_more():
    assert check_reason("x" * MAX_REASON) == "x" * MAX_REASON
    with pytest.raises(ValidationError) as caught:
        check_reason("x" * (MAX_REASON + 1))
    assert caught.value.problems == {"reason": "Keep the reason under 500 characters."}


def test_the_home_visit_question_names_each_alert_with_its_reason():
    alerts = [_alert(ALONE, "Threats to staff."), _alert(DOG, "Dog loose.")]
    assert home_visit_question(alerts) == (
        "This record has an alert for home visits. Do not visit alone: Threats to staff. "
        "Aggressive dog: Dog loose. Book a home visit anyway?"
    )
    asked = HomeVisitNeedsConfirmation(alerts)
    assert asked.alerts == alerts
    assert asked.problems == {"mode": home_visit_question(alerts)}


def test_the_alert_list_is_read_with_every_fault_named():
    kinds = parse_alert_kinds(
        {
            "alert": [
                {
                    "id": "a",
                    "label": "A",
                    "description": "Why A matters.",
                    "confirm_home_visit": True,
                },
                {"id": "b", "label": "B"},
            ]
        },
        "alerts.toml",
    )
    assert kinds == {
        "a": AlertKind("a", "A", "Why A matters.", True),
        "b": AlertKind("b", "B", "", False),
    }
    with pytest.raises(ValueError, match="alerts.toml: alert 2 lacks 'label'"):
        parse_alert_kinds({"alert": [{"id": "a", "label": "A"}, {"id": "b"}]}, "alerts.toml")
    with pytest.raises(ValueError, match="alerts.toml: alert id 'a' appears twice"):
        parse_alert_kinds(
            {"alert": [{"id": "a", "label": "A"}, {"id": "a", "label": "B"}]}, "alerts.toml"
        )
    with pytest.raises(ValueError, match="alerts.toml lists no alerts"):
        parse_alert_kinds({}, "alerts.toml")


def test_safeguarding_lists_are_read_with_every_fault_named():
    found = parse_choices(
        {
            "category": [
                {"id": "c1", "label": "Neglect", "group": "Child"},
                {"id": "c2", "label": "X"},
            ]
        },
        "category",
        "safeguarding.toml",
    )
    assert found == {"c1": Choice("c1", "Neglect", "Child"), "c2": Choice("c2", "X", "")}
    assert [c.full_label for c in found.values()] == ["Child: Neglect", "X"]
    with pytest.raises(ValueError, match="safeguarding.toml: passed_to 1 lacks 'id'"):
        parse_choices({"passed_to": [{"label": "Police"}]}, "passed_to", "safeguarding.toml")
    with pytest.raises(ValueError, match="safeguarding.toml: category id 'c' appears twice"):
        parse_choices(
            {"category": [{"id": "c", "label": "A"}, {"id": "c", "label": "B"}]},
            "category",
            "safeguarding.toml",
        )
    with pytest.raises(ValueError, match="safeguarding.toml lists no passed_to"):
        parse_choices({"category": [{"id": "c", "label": "A"}]}, "passed_to", "safeguarding.toml")


def test_concern_words_may_be_exactly_the_limit_and_are_kept_as_written():
    text = "Line one\n  line two  "
    assert required_text(f"  {text}", "what_was_seen", "what was seen") == text.strip()
    assert required_text("x" * MAX_TEXT, "outcome", "the outcome") == "x" * MAX_TEXT
    with pytest.raises(ValidationError) as caught:
        required_text("x" * (MAX_TEXT + 1), "outcome", "the outcome")
    assert caught.value.problems == {"outcome": "Keep the outcome under 4000 characters."}


@pytest.mark.parametrize(
    ("after", "handed", "closed", "overdue"),
    [
        (HANDOVER_DUE - timedelta(seconds=1), False, False, False),
        (HANDOVER_DUE, False, False, True),
        (HANDOVER_DUE + timedelta(days=3), True, False, False),
        (HANDOVER_DUE + timedelta(days=3), False, True, False),
    ],
)
def test_a_concern_is_chased_from_24_hours_until_handed_over_or_closed(
    after, handed, closed, overdue
):
    handovers = (Handover("h", Choice("police", "Police"), AT, "", "", "Asha"),) if handed else ()
    concern = Concern(
        "c", "p1", AT, "Asha", "patient", "", Choice("x", "X"), "Seen.", "",
        handovers=handovers, closed_at=AT if closed else None,
    )  # fmt: skip
    assert timedelta(hours=24) == HANDOVER_DUE
    assert concern.handover_overdue(AT + after) is overdue
