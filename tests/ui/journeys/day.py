"""A link worker's day, step by step, by keyboard: each step is what a person presses and sees.

The steps share a ``Day``: the window, the keyboard and the made-up patient. Each step ends by
checking what is on screen, with exact values, and that the window still fits the laptop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QTabWidget, QWidget
from shiboken6 import isValid

from linkworker_desktop.domain.directory import DirectoryService
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.connect_dialog import ConnectDialog
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.record_page import RecordPage
from linkworker_desktop.ui.views.session_runner import SessionRunner
from tests.conftest import PASSPHRASE
from tests.support import pdf as pdf_text
from tests.support.announcements import Heard
from tests.ui.journeys.keyboard import LAPTOP, Keyboard, assert_fits_laptop, when_modal
from tests.ui.journeys.people import Person, later_today, typed_date
from tests.ui.journeys.screenshots import snap

WHAT_MATTERS = "Getting back to the allotment with my neighbour"
WHAT_IS_WORKING = "Walking to the shop each morning"
GOALS = ("Go to the walking group on Tuesday", "Phone my sister every Sunday")
WAIT_MS = 10_000


@dataclass
class Day:
    qtbot: object
    window: MainWindow
    keys: Keyboard
    person: Person
    folder: Path
    heard: Heard = field(default_factory=Heard)
    today: date = field(default_factory=date.today)
    booked_at: datetime | None = None
    _heard_upto: int = 0

    def hears(self, *expected: str | re.Pattern[str]) -> None:
        """A screen reader was told exactly these, in order, since the last look (a pattern
        stands for words holding a time of day)."""
        said = self.heard.texts()[self._heard_upto :]
        self._heard_upto = len(self.heard)
        assert len(said) == len(expected), said
        for text, wanted in zip(said, expected, strict=True):
            if isinstance(wanted, str):
                assert text == wanted
            else:
                assert wanted.fullmatch(text), (text, wanted.pattern)

    @property
    def name(self) -> str:
        return f"{self.person.given} {self.person.family}"

    def wait(self, condition, timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)

    def page(self) -> QWidget:
        return self.window.pages.currentWidget()

    def modal(self, kind: type[QWidget]) -> QWidget:
        """The dialog of this kind now over the window, once it has appeared."""
        self.wait(lambda: isinstance(QApplication.activeModalWidget(), kind))
        dialog = QApplication.activeModalWidget()
        self.wait(lambda: QApplication.activeWindow() is dialog)
        assert_fits_laptop(dialog)
        return dialog

    def closed(self, dialog: QWidget) -> None:
        """Wait for the dialog to go; the window under it is active again, as a window manager
        makes it (the offscreen platform has none, so the journey does that part)."""
        self.wait(lambda: not isValid(dialog) or not dialog.isVisible())
        if QApplication.activeWindow() is None:
            self.window.activateWindow()
            self.wait(lambda: QApplication.activeWindow() is not None)

    def back_to(self, dialog: QWidget) -> None:
        """A dialog over ``dialog`` has closed: ``dialog`` is active again, as a window manager
        makes it."""
        self.wait(lambda: QApplication.activeModalWidget() is dialog)
        if QApplication.activeWindow() is not dialog:
            dialog.activateWindow()
            self.wait(lambda: QApplication.activeWindow() is dialog)

    def fits(self, picture: str = "") -> None:
        assert_fits_laptop(self.window)
        if picture:
            snap(self.window, picture)


def open_at_laptop_size(qtbot, window: MainWindow) -> None:
    """Shown as a 1280×720 laptop shows it, and active, so the keys reach it."""
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    frame = window.frameGeometry().size() - window.geometry().size()
    window.resize(LAPTOP.size() - frame)
    QApplication.processEvents()
    assert window.frameGeometry().size() == LAPTOP.size()


# --- first run --------------------------------------------------------------------------------


def first_run(day: Day) -> str:
    """Set-up typed field to field, demo caseload off, Enter; the recovery key acknowledged."""
    keys, window = day.keys, day.window
    assert window.stack.currentWidget() is window.setup_view
    assert keys.focused_name() == "Your name"
    keys.alt("d")  # the demo caseload: off, for a caseload of one's own
    day.wait(lambda: not window.setup_view.demo.isChecked())
    keys.alt("n")
    keys.type("Sam Patel")
    keys.tab()
    keys.type("North PCN")
    keys.tab()
    keys.type(PASSPHRASE)
    keys.tab()
    keys.type(PASSPHRASE)
    day.fits("first-run")
    keys.enter()
    dialog = day.modal(RecoveryKeyDialog)
    recovery = dialog.key.text()
    assert len(recovery.replace("-", "")) == 32
    snap(window, "recovery-key")
    keys.escape()  # Escape cannot skip writing the key down
    assert dialog.isVisible()
    keys.alt("w")
    day.wait(lambda: dialog.written.isChecked())
    keys.enter()
    day.closed(dialog)
    assert window.stack.currentWidget() is window.workspace
    assert window.who.text() == "Sam Patel, North PCN"
    assert window.lock_state.text() == "Unlocked · Ctrl+L locks"
    day.fits("today-empty")
    day.hears("Creating your encrypted caseload… (a few seconds)", "Caseload unlocked.")
    return recovery


# --- a new patient ----------------------------------------------------------------------------


def add_patient(day: Day) -> None:
    """Alt+A on the caseload; identity and referral typed; Enter saves."""
    keys, person = day.keys, day.person
    keys.shortcut("Ctrl+2")
    assert day.page() is day.window.caseload_view
    keys.alt("a")
    dialog = day.modal(PatientDialog)
    assert dialog.windowTitle() == "Add patient - Linkworker"
    assert keys.focused_name() == "NHS number", keys.focused_name()
    keys.type(person.nhs_number)
    keys.tab_to("Given name")
    keys.type(person.given)
    keys.tab_to("Family name")
    keys.type(person.family)
    keys.tab_to("Date of birth")
    keys.type(person.born)
    keys.alt("r")  # the Referral page
    keys.tab_to("Referral date")
    keys.replace(typed_date(day.today - timedelta(days=7)))
    keys.tab_to("Referrer")
    keys.type("Dr Shah")
    keys.tab_to("Reasons for referral: Loneliness")
    keys.space()
    snap(dialog, "add-patient")
    keys.enter()
    day.closed(dialog)
    view = day.window.caseload_view
    assert view.model.rowCount() == 1
    row = view.model.rows[0]
    assert (row.nhs_number, row.name) == (person.nhs_number, f"{person.family}, {person.given}")
    day.fits("caseload-one")
    day.hears(f"Saved {person.family}, {person.given}.")


def open_record_from_caseload(day: Day) -> RecordPage:
    """Ctrl+F, the name typed, Enter to the list, Enter opens the record."""
    keys = day.keys
    keys.shortcut("Ctrl+2")
    keys.shortcut("Ctrl+F")
    assert keys.focused_name() == "Search name or NHS number"
    keys.replace(day.person.family)
    keys.enter()
    assert keys.focused_name() == "Caseload"
    keys.enter()
    page = day.page()
    assert isinstance(page, RecordPage)
    assert page.record.data.patient.nhs_number == day.person.nhs_number
    assert day.window.nav.currentItem().text() == f"• {day.name}"
    return page


def book_initial_session(day: Day) -> None:
    """From the record: Alt+B, today's date and a time typed, Enter books it."""
    keys = day.keys
    page = open_record_from_caseload(day)
    show_tab(keys, page.record.tabs, "Summary")
    keys.alt("b")
    dialog = day.modal(BookDialog)
    assert keys.focused_name() == "Date of the session"
    day.booked_at = later_today(datetime.now())
    keys.replace(typed_date(day.today))
    keys.tab_to("Start time")
    keys.replace(f"{day.booked_at:%H:%M}")
    assert dialog.kind_label.text() == "Initial session"
    assert dialog.minutes.value() == 45
    snap(dialog, "book-initial")
    keys.enter()
    day.closed(dialog)
    booked = day.window.profile.conn.execute(
        "SELECT starts_at, planned_minutes FROM appointments"
    ).fetchall()
    assert [(datetime.fromisoformat(at), minutes) for at, minutes in booked] == [
        (day.booked_at.astimezone(), 45)
    ]
    assert page.record.data.booked == 1, "the record counts the booked session"
    at = day.booked_at
    day.hears(
        f"Booked: Initial session on {at:%a} {at.day} {at:%b %Y} at {at:%H:%M} (In the surgery)."
    )


# --- the initial session ----------------------------------------------------------------------


def start_from_today(day: Day, status: str = "Booked") -> SessionRunner:
    """Ctrl+1, Tab to the day's sessions, the row, Alt+S starts it."""
    keys, today = day.keys, day.window.today_view
    keys.shortcut("Ctrl+1")
    keys.tab_to("Sessions on the day shown")
    keys.press(Qt.Key.Key_Home)
    entry = today.selected_entry()
    assert entry is not None
    assert (entry.patient_name, entry.starts_at.time()) == (day.name, day.booked_at.time())
    assert today.model.data(today.model.index(0, 5)) == status
    day.fits("today")
    keys.alt("s")
    runner = day.page()
    assert isinstance(runner, SessionRunner)
    return runner


def next_stage(day: Day, runner: SessionRunner, title: str) -> None:
    day.keys.press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    number = [s.title for s in runner.template.stages].index(title) + 1
    total = len(runner.template.stages)
    assert runner.stage_title.text() == f"Stage {number} of {total}: {title}"


def choose(keys: Keyboard, group: str, option: str) -> None:
    """Pick an option of a group (radio buttons or a drop-down) by keys: Tab, then arrows."""
    widget = keys.tab_to(group)
    if isinstance(widget, QComboBox):
        for _ in range(widget.count()):
            if widget.currentText() == option:
                return
            keys.press(Qt.Key.Key_Down)
        raise AssertionError(f"{group} has no option {option!r}")
    for _ in range(12):
        if keys.focused_name().endswith(option):
            keys.space()
            return
        keys.press(Qt.Key.Key_Down)
    raise AssertionError(f"{group} has no option {option!r}; focus is on {keys.focused_name()!r}")


def answer_ons4(keys: Keyboard, answers: tuple[int, int, int, int]) -> None:
    """Each question's radio row reached by Tab, the answer by arrows, as on a keyboard."""
    for number, answer in enumerate(answers, start=1):
        keys.tab_to(f"Question {number}: ")
        keys.space()
        for _ in range(answer):
            keys.press(Qt.Key.Key_Right)
        assert keys.focused_name().startswith(f"Question {number}: {answer}")


def initial_session(day: Day) -> SessionRunner:
    keys = day.keys
    runner = start_from_today(day)
    assert runner.stage_title.text() == "Stage 1 of 6: Welcome and consent"
    choose(keys, "May the service contact them?", "Yes")
    choose(keys, "What may we share with their GP practice?", "Full notes")
    day.fits("session-welcome")

    next_stage(day, runner, "What matters to you")
    keys.tab_to("What matters to me")
    keys.type(WHAT_MATTERS)
    next_stage(day, runner, "Wellbeing measure")
    answer_ons4(keys, (6, 7, 5, 3))
    keys.tab_to("Save ONS4 answers")
    keys.space()
    day.fits("session-measure")

    next_stage(day, runner, "Agree goals")
    keys.tab_to("New goal in the patient's own words")
    keys.type(GOALS[0])
    keys.enter()
    keys.type(GOALS[1])
    keys.enter()
    review = runner.captures["goal_review"]
    assert [review.spins[g].accessibleName() for g in review.spins] == [
        f"Rating now, 0 to 10, for the goal: {goal}" for goal in GOALS
    ]
    keys.tab_to(f"Rating now, 0 to 10, for the goal: {GOALS[0]}")
    keys.type("6")
    keys.tab_to("Save goal ratings")
    keys.space()
    assert review.status.text() == "Saved 1 rating."
    day.fits("session-goals")

    next_stage(day, runner, "Connect to support")
    next_stage(day, runner, "Next steps")
    keys.tab_to("Book next session")
    keys.space()
    booking = runner.captures["book_next"]
    assert booking.result.text().startswith("Booked: Follow-up 1 of 5"), booking.result.text()
    end_session(day, runner)
    day.hears(
        "On the record: consent to contact: yes; share with the GP: not asked yet.",
        "On the record: consent to contact: yes; share with the GP: full notes.",
        re.compile(r"Saved at \d\d:\d\d as the baseline\."),
        "Goal added. Rate it now if you like, or later.",
        "Goal added. Rate it now if you like, or later.",
        "1 rating not saved yet.",
        "Saved 1 rating.",
        booking.result.text(),
        re.compile(r"Initial session ended after \d+ s\."),
    )
    return runner


def end_session(day: Day, runner: SessionRunner) -> None:
    keys = day.keys
    # A session of under half a second cannot be ended (it never started); the journey types
    # faster than any conversation, so it lets a second pass on the clock first.
    QTest.qWait(1000)
    keys.tab_to("End session")
    keys.space()
    assert keys.focused_name() == "No, keep going"  # the safe answer has the focus
    keys.tab_to("Yes, end the session", backwards=True)
    keys.space()
    assert runner.state.ended, runner.message.text
    day.fits("session-summary")
    keys.tab_to("Done: close this session")
    keys.space()
    assert day.page() is not runner


# --- the goal plan, printed -------------------------------------------------------------------


def save_plan_pdf(day: Day) -> bytes:
    """Goal plan tab, what is working typed, Print plan…, Save as PDF…, a path typed."""
    keys = day.keys
    page = open_record_from_caseload(day)
    show_tab(keys, page.record.tabs, "Goal plan")
    plan = page.plan  # open since the booking: it shows what the session agreed
    assert plan.fields["what_matters"].toPlainText() == WHAT_MATTERS
    assert [plan.goals.item(i).text().split(" (")[0] for i in range(plan.goals.count())] == [
        f"{number}. {goal}" for number, goal in enumerate(GOALS, start=1)
    ]
    keys.tab_to("What is working")
    keys.type(WHAT_IS_WORKING)
    day.fits("record-goal-plan")
    keys.alt("p")
    data = save_preview_as(day, day.folder / "wellbeing-plan.pdf", "print-preview")
    words = pdf_text.text(data)
    for expected in (day.name, WHAT_MATTERS, WHAT_IS_WORKING, *GOALS):
        assert expected in words, f"{expected!r} is not in the printed plan"
    day.hears("Plan saved.", f"Saved {day.folder / 'wellbeing-plan.pdf'}.")
    return data


def show_tab(keys: Keyboard, tabs: QTabWidget, title: str) -> None:
    """Into the tabs with Tab, then Ctrl+Tab from page to page until the one wanted."""
    keys.tab_until(lambda w: tabs.isAncestorOf(w))
    for _ in range(tabs.count()):
        if tabs.tabText(tabs.currentIndex()).replace("&", "") == title:
            return
        keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    raise AssertionError(f"No tab {title!r}")


def save_preview_as(day: Day, target: Path, picture: str) -> bytes:
    """The preview now open: Alt+S, the file name typed in the dialog, Esc closes the preview."""
    preview = day.modal(PrintPreviewDialog)
    answered = when_modal(lambda _d: save_as(day.keys, target), _is_file)
    day.keys.alt("s")
    day.wait(lambda: target.exists())
    day.back_to(preview)
    assert answered, "Save as PDF… asked where to save"
    assert preview.status.text() == f"Saved {target}."
    snap(preview, picture)
    day.keys.escape()
    day.closed(preview)
    return target.read_bytes()


def save_as(keys: Keyboard, target: Path) -> None:
    """The file name typed over the suggested one, then Enter saves."""
    keys.replace(str(target))
    keys.enter()


def _is_file(widget: QWidget) -> bool:
    return isinstance(widget, QFileDialog)


# --- lock, unlock, follow-up --------------------------------------------------------------------


def lock_and_unlock(day: Day) -> None:
    keys, window = day.keys, day.window
    keys.shortcut("Ctrl+L")
    assert window.profile is None
    assert window.stack.currentWidget() is window.unlock_view
    assert window.lock_state.text() == "Locked"
    assert keys.focused_name() == "Passphrase"
    day.fits("unlock")
    keys.type(PASSPHRASE)
    keys.enter()
    day.wait(lambda: window.profile is not None)
    assert window.stack.currentWidget() is window.workspace
    assert window.lock_state.text() == "Unlocked · Ctrl+L locks"
    day.hears("Caseload locked.", "Caseload unlocked.")


def follow_up(day: Day) -> None:
    """Tomorrow's list shows the follow-up; Today's a started one; a short note; end."""
    keys, window = day.keys, day.window
    followup = window.profile.conn.execute(
        "SELECT starts_at FROM appointments WHERE status = 'booked' ORDER BY starts_at"
    ).fetchone()
    assert followup is not None, "the follow-up booked in the first session is in the diary"
    keys.shortcut("Ctrl+1")
    keys.alt("x")  # Next day until the follow-up's day shows
    for _ in range(20):
        if window.today_view.model.rowCount():
            break
        keys.alt("x")
    entry = window.today_view.model.entry(0)
    assert (entry.patient_name, entry.label) == (day.name, "Follow-up 1 of 5")
    keys.tab_to("Sessions on the day shown")
    keys.press(Qt.Key.Key_Home)
    keys.alt("s")
    runner = day.page()
    assert isinstance(runner, SessionRunner)
    assert runner.stage_title.text() == "Stage 1 of 5: Review since last time"
    keys.tab_to("Notes for this stage")
    keys.type("Went to the walking group twice.")
    end_session(day, runner)
    notes = window.profile.conn.execute(
        "SELECT COUNT(*) FROM sessions WHERE ended_at IS NOT NULL"
    ).fetchone()[0]
    assert notes == 2
    day.hears(re.compile(r"Follow-up session ended after \d+ s\."))


# --- the directory, discharge, the GP summary -------------------------------------------------


def seed_directory(day: Day) -> None:
    """The council's feed, as the hub would have brought it: one group to find."""
    Directory(day.window.profile).add_local(
        DirectoryService(
            name="Riverside walking group",
            source_id="walk-1",
            description="A gentle walk along the river, then tea.",
            free=True,
        )
    )


def connect_to_service(day: Day) -> None:
    keys, window = day.keys, day.window
    seed_directory(day)
    keys.shortcut("Ctrl+3")
    assert day.page() is window.directory_view
    keys.tab_to("Search the directory")
    keys.type("walking")
    assert window.directory_view.model.rowCount() == 1
    keys.tab_to("Directory results")
    keys.press(Qt.Key.Key_Home)
    keys.alt("c")
    dialog = day.modal(ConnectDialog)
    assert dialog.windowTitle() == "Connect to Riverside walking group"
    person = day.person
    choose(keys, "Patient", f"{person.family}, {person.given} ({person.shown_nhs_number})")
    choose(keys, "How they were connected", "Referred (contact made for them)")
    keys.enter()
    day.closed(dialog)
    page = open_record_from_caseload(day)
    assert page.services.table.rowCount() == 1
    assert page.services.table.item(0, 0).text() == "Riverside walking group"
    day.hears("Connected to Riverside walking group.")


def discharge_and_gp_summary(day: Day) -> str:
    keys = day.keys
    page = open_record_from_caseload(day)
    show_tab(keys, page.record.tabs, "Summary")
    keys.alt("a")  # Disch&arge…
    dialog = day.modal(DischargeDialog)
    assert dialog.windowTitle() == f"Discharge {day.name}"
    choose(keys, "Reason for discharge", "Goals met")
    keys.enter()
    day.closed(dialog)
    assert page.record.data.referral.status.label == "Discharged"
    keys.alt("u")  # Print GP s&ummary…
    words = pdf_text.text(save_preview_as(day, day.folder / "gp-summary.pdf", "gp-summary-preview"))
    assert day.person.shown_nhs_number in words
    day.hears("Discharged: Goals met.", f"Saved {day.folder / 'gp-summary.pdf'}.")
    return words
