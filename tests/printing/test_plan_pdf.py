"""The wellbeing plan PDF, read back: words, clear-print sizes, outline, metadata, page breaks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from linkworker_desktop.domain.goals import GoalStatus
from linkworker_desktop.domain.plan import Helper, HelperKind, PlanGoal, Step, WellbeingPlan
from linkworker_desktop.printing.model import (
    ConnectedService,
    PlanDocument,
    PrintOptions,
    ServiceDetails,
)
from linkworker_desktop.printing.plan_pdf import render_plan
from tests.support.pdf import outline_titles, reader, runs, text, tiny_png

SERVICE = ServiceDetails(
    "Riverside Social Prescribing",
    phone="01632 960 000",
    email="sp@example.nhs.uk",
    local_crisis_line="Riverside crisis line 0800 000 0000",
)


def _goal(words: str = "Go to the Tuesday coffee morning") -> PlanGoal:
    return PlanGoal(
        description=words,
        why_it_matters="I miss having people to talk to",
        target_date=date(2026, 12, 15),
        status=GoalStatus.IN_PROGRESS,
        barriers="Getting there on the bus",
        steps=[Step("Find the bus times", "Me", date(2026, 11, 30), True)],
        helpers=[
            Helper("Riverside coffee morning", HelperKind.SERVICE, "01632 960 101", "Tuesdays 10am")
        ],
        ratings=[(date(2026, 11, 1), 3), (date(2026, 11, 20), 6)],
    )


def _doc(
    plan: WellbeingPlan,
    name: str = "Ann Bee",
    service: ServiceDetails = SERVICE,
    services: tuple[ConnectedService, ...] = (),
) -> PlanDocument:
    return PlanDocument(
        service,
        name,
        date(2026, 11, 23),
        plan,
        "Sam Patel",
        "07700 900123",
        "Tuesday 1 December 2026 at 10:30. Home visit.",
        services,
    )


def _plan(goals: list[PlanGoal] | None = None) -> WellbeingPlan:
    return WellbeingPlan(
        "p1",
        what_matters="Seeing people again",
        strengths="I am a good cook",
        contingency="Phone my daughter",
        review_date=date(2027, 1, 15),
        share_with="My GP practice",
        goals=goals if goals is not None else [_goal()],
    )


def test_plan_has_every_part_in_plain_words():
    pdf, warnings = render_plan(_doc(_plan()))
    words = text(pdf)
    for expected in (
        "My wellbeing plan",
        "Plan for Ann Bee",
        "What matters to me",
        "Seeing people again",
        "My strengths",
        "My goals and my steps",
        "Go to the Tuesday coffee morning",
        "In progress, 6 out of 10",
        "Find the bus times (done)",
        "Riverside coffee morning",
        "If things get difficult",
        "Samaritans",
        "116 123",
        "NHS 111",
        "Riverside crisis line 0800 000 0000",
        "My next appointment",
        "15 January 2027",
        "Sam Patel",
        "07700 900123",
        "Who I agreed this plan can be shared with",
        "My GP practice",
    ):
        assert expected in words, expected
    assert warnings == []


def test_body_is_at_least_12pt_and_large_print_at_least_16pt():
    normal = [r.size for r in runs(render_plan(_doc(_plan()))[0])]
    large = [r.size for r in runs(render_plan(_doc(_plan()), PrintOptions(large_print=True))[0])]
    assert min(normal) >= 11  # the page footer is 11 pt; body text 12 pt and up
    assert sorted(normal)[len(normal) // 2] >= 12
    assert min(large) >= 14
    assert sorted(large)[len(large) // 2] >= 16


def test_headings_are_outline_entries_and_metadata_is_set():
    pdf, _ = render_plan(_doc(_plan()))
    titles = outline_titles(pdf)
    assert "What matters to me" in titles
    assert "1. Go to the Tuesday coffee morning" in titles
    assert "If things get difficult" in titles
    document = reader(pdf)
    assert document.metadata.title == "My wellbeing plan: Ann Bee"
    assert document.trailer["/Root"]["/Lang"] == "en-GB"


def test_a_patient_with_no_goals_is_told_kindly():
    pdf, _ = render_plan(_doc(_plan(goals=[])))
    assert "We have not written any goals yet" in text(pdf)
    assert "What Who By when" not in text(pdf).replace("\n", " ")


def test_accents_and_other_scripts_print_in_the_bundled_font():
    pdf, _ = render_plan(_doc(_plan(), name="Zoë Wiśniewska-Дмитриева"))
    assert "Zoë Wiśniewska-Дмитриева" in text(pdf)
    assert all("DejaVuSans" in r.font for r in runs(pdf))


def test_very_long_goal_text_wraps_and_nothing_is_lost():
    long_words = "Walk to the allotment and back every morning before breakfast " * 12
    pdf, _ = render_plan(_doc(_plan(goals=[_goal(long_words.strip())])))
    flat = " ".join(text(pdf).split())
    assert long_words.split()[-1] in flat
    assert flat.count("allotment") >= 12


def test_a_goal_that_fits_a_page_is_never_split_across_two():
    goals = [_goal(f"Goal number {n} in the person's words") for n in range(1, 9)]
    pdf, _ = render_plan(_doc(_plan(goals=goals)))
    pages = [page.extract_text() for page in reader(pdf).pages]
    assert len(pages) > 1
    for n in range(1, 9):
        heading = f"{n}. Goal number {n}"
        on = [i for i, p in enumerate(pages) if heading in p]
        assert len(on) == 1
        # The goal's own last line (who can help) is on the same page as its heading.
        page = pages[on[0]]
        after = page.split(heading, 1)[1]
        assert "Riverside coffee morning" in after


def test_a_missing_logo_prints_without_it_and_says_why(tmp_path):
    service = ServiceDetails("Riverside", logo_path=tmp_path / "no-such-logo.png")
    pdf, warnings = render_plan(_doc(_plan(), service=service))
    words = text(pdf)
    assert words.index("Riverside") < words.index("My wellbeing plan")
    assert len(warnings) == 1 and "no-such-logo.png" in warnings[0]


def test_a_real_logo_is_drawn(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png(60, 30))
    pdf, warnings = render_plan(_doc(_plan(), service=ServiceDetails("R", logo_path=logo)))
    assert warnings == []
    page = reader(pdf).pages[0]
    assert page["/Resources"]["/XObject"]


@pytest.mark.parametrize(("paper", "width"), [("A4", 595), ("Letter", 612)])
def test_paper_size_follows_the_setting(paper, width):
    pdf, _ = render_plan(_doc(_plan()), PrintOptions(paper=paper))
    assert round(float(reader(pdf).pages[0].mediabox.width)) == width


def test_connected_services_are_listed_with_contact_and_times():
    pdf, _ = render_plan(
        _doc(
            _plan(),
            services=(
                ConnectedService(
                    "Money advice drop-in", "01632 960 222", "Every Monday 10:00 to 12:00"
                ),
            ),
        )
    )
    words = text(pdf)
    assert "Money advice drop-in" in words and "Every Monday 10:00 to 12:00" in words


def test_text_that_looks_like_markup_is_printed_as_typed():
    plan = _plan()
    plan.what_matters = "Being <b>heard</b> & not rushed"
    pdf, _ = render_plan(_doc(plan))
    assert "Being <b>heard</b> & not rushed" in text(pdf)


def test_it_writes_a_file_that_pdftoppm_can_read(tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf, _ = render_plan(_doc(_plan()))
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "page")], check=True, timeout=60
    )
    assert sorted(p.name for p in tmp_path.glob("page-*.png"))
    assert Path(tmp_path / "plan.pdf").stat().st_size > 5000


def _lowest_line(pdf: bytes, page: int) -> float:
    """The height above the page's foot of the lowest line of text, leaving out the footer."""
    heights: list[float] = []

    def visit(words: str, cm: list, tm: list, _font: object, _size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if words.strip() and y > 20 * mm:  # the footer sits at 12 mm
            heights.append(y)

    reader(pdf).pages[page].extract_text(visitor_text=visit)
    assert heights
    return min(heights)


def test_large_print_fills_page_one_before_turning_over():
    goals = [_goal(), _goal("Join the walking group on Thursdays")]
    pdf, _ = render_plan(_doc(_plan(goals=goals)), PrintOptions(large_print=True))
    pages = [page.extract_text() for page in reader(pdf).pages]
    assert "My goals and my steps" in pages[0]
    assert "1. Go to the Tuesday coffee morning" in pages[0]
    assert "Find the bus times (done)" in pages[0]  # the steps table starts on page 1 too
    frame_foot = 18 * mm + 8 * mm
    frame_height = A4[1] - 2 * 18 * mm - 8 * mm
    assert _lowest_line(pdf, 0) - frame_foot < frame_height / 3
    assert len(pages) == 4


def test_a_goal_longer_than_a_third_of_a_page_flows_on_with_its_table_heading_repeated():
    steps = [Step(f"Step number {n} towards the allotment", "Me", None, False) for n in range(30)]
    long_goal = PlanGoal(description="Get an allotment", status=GoalStatus.IN_PROGRESS)
    long_goal.steps.extend(steps)
    pdf, _ = render_plan(_doc(_plan(goals=[long_goal])))
    pages = [page.extract_text().splitlines() for page in reader(pdf).pages]
    assert "1. Get an allotment" in pages[0]
    assert "Step number 0 towards the allotment" in pages[0]  # the table starts on page 1
    assert "Step number 29 towards the allotment" in pages[1]
    assert pages[1][:5] == [
        "This plan belongs to you. Bring it to your appointments.",
        "Page 2",
        "What",
        "Who",
        "By when",
    ]


def test_emoji_print_by_name_and_the_worker_is_told():
    plan = _plan()
    plan.what_matters = "🌻 gardening with my grandson 🌻"
    pdf, warnings = render_plan(_doc(plan, name="Siân Ø'Brien 🌈"))
    words = text(pdf)
    assert "[sunflower] gardening with my grandson [sunflower]" in words
    assert "Plan for Siân Ø'Brien [rainbow]" in words
    assert "🌻" not in words and "🌈" not in words
    assert warnings == [
        "2 characters (such as emoji) cannot be printed with the app's font, so are printed "
        "by name in brackets: [rainbow], [sunflower]."
    ]


def test_accented_names_print_as_themselves_with_no_note():
    pdf, warnings = render_plan(_doc(_plan(), name="Siân Zoë Øvergaard-Nuñez"))
    assert "Plan for Siân Zoë Øvergaard-Nuñez" in text(pdf)
    assert "[" not in text(pdf)
    assert warnings == []
