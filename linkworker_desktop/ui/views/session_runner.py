"""The session runner: carries the worker through a session without getting in the way.

Time comes from the domain's SessionClock (monotonic), so a laptop clock being corrected
mid-session changes nothing. Notes are written every few seconds while they change and at
every stage change, so a crash or a power cut loses at most the last few seconds of typing.

The app can lock mid-session. The runner is told with ``set_profile(None)``: it stops its timers
and keeps every widget and its text, and touches no database until ``set_profile(profile)``
hands it the reopened caseload, when it saves what was waiting. The clock keeps running while
locked: the person is still in the room, and the session's length is what the record needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

from linkworker_desktop.domain.appointments import session_label
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.session_clock import SessionClock
from linkworker_desktop.domain.session_template import Stage
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.errors import DatabaseError
from linkworker_desktop.services.lone_working import LoneWorkingService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService, SessionState
from linkworker_desktop.services.settings import FOLLOW_UP_CAP
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.caption_names import name_captions
from linkworker_desktop.ui.sync_scheduler import ONLINE as SYNC_ONLINE
from linkworker_desktop.ui.sync_scheduler import SYNCING as SYNC_SYNCING
from linkworker_desktop.ui.views.session_runner_layout import (
    NEXT_KEYS,
    PREVIOUS_KEYS,
    SAY_TIME_KEYS,
    SessionRunnerLayout,
)
from linkworker_desktop.ui.views.session_summary import SessionSummaryView
from linkworker_desktop.ui.views.stage_captures import make_capture
from linkworker_desktop.ui.widgets.clock_text import (
    mm_ss,
    over_by,
    overrun_cue,
    spoken_duration,
    time_used_words,
)
from linkworker_desktop.ui.widgets.goal_review import GoalReview
from linkworker_desktop.ui.widgets.measure_stage import MeasureStage
from linkworker_desktop.ui.widgets.tab_order import chain, focusable_in
from linkworker_desktop.ui.widgets.what_matters import WhatMattersField

AUTOSAVE_MS = 3000  # notes: at most this much typing can be lost
TIME_SAVE_SECONDS = 30  # time used is saved this often even when nobody types
LOCKED_TEXT = (
    "Locked: the session goes on and its clock keeps running. Your notes stay on screen and are"
    " saved as soon as the caseload is unlocked."
)
# A stage's capture takes what it needs of the centre, within these shares; notes get the rest.
CAPTURE_SHARE = (0.3, 0.65)
OFFLINE_CHECK_IN = (
    "This laptop is offline: the team cannot see this check-in. Use your team's phone check-in"
    " now. The times are kept here and reach the team when the laptop next syncs."
)


class SessionRunner(SessionRunnerLayout):
    ended = Signal(str)  # session id, once SessionService.end has recorded it
    closed = Signal(str)  # session id, when the worker is done with the summary

    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        session: str | SessionState,
        clock: Callable[[], float] = time.monotonic,
        autosave_ms: int = AUTOSAVE_MS,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._provider = profile
        self._given: OpenProfile | None = None
        self._locked = False
        self._now = clock
        opened = self.current_profile()
        if opened is None:
            raise RuntimeError("The caseload must be open to run a session.")
        self.state = SessionService(opened).load(session) if isinstance(session, str) else session
        self.template = self.state.template
        self.notes = dict(self.state.notes)
        self.resumed = not self.state.ended and sum(self.state.stage_seconds.values()) > 0
        self.clock = SessionClock(
            {s.id: s.minutes for s in self.template.stages}, clock, self.state.stage_seconds
        )
        self._dirty = False
        self._showing_text = False
        self._delay_ms = autosave_ms
        self._last_time_save = clock()
        self.captures: dict[str, QWidget] = {}
        self._cued: set[str] = set()  # stages (and "session") whose over-run has been said
        self._capture_pages: dict[str, QScrollArea] = {}
        self._build(self.template, self._title_text(opened))
        self.alerts.show_alerts(AlertService(opened).active(self.state.patient_id))
        self.visit = LoneWorkingService(opened).open_for_session(self.state.session_id)
        # The main window says next whether the hub can be reached (show_hub_state).
        self._connect()

        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(tick_ms)
        self.tick_timer.timeout.connect(self.refresh_times)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)

        if self.state.ended:
            self._show_summary()
            return
        self.clock.start(self.state.current_stage)
        self._show_stage(self.state.current_stage)
        if self.resumed:
            self.message.show_message(
                "Carrying on from where this session stopped: the time used and the notes are"
                " as they were last saved.",
                "info",
            )
        self._start_timers()

    # --- lone working ------------------------------------------------------------------------

    def show_hub_state(self, state: str) -> None:
        """Say whether the team can see this home visit's check-in (the sync state now)."""
        if self.visit is None or self.state.ended:
            self.check_in.clear()
        elif state == SYNC_ONLINE:
            back = self.visit.expected_end_at.astimezone()
            self.check_in.show_message(
                f"Checked in with your team until {back:%H:%M}; ending the session checks you out.",
                "info",
            )
        elif state != SYNC_SYNCING:  # while a round runs, what was said stands
            self.check_in.show_message(OFFLINE_CHECK_IN, "warning")

    # --- the profile and the lock -------------------------------------------------------------

    def current_profile(self) -> OpenProfile | None:
        """The open caseload, or None while locked (then nothing may touch the database)."""
        if self._locked:
            return None
        profile = self._given if self._given is not None else self._provider()
        if profile is None or not profile.is_open or profile.conn is None:
            return None
        return profile

    @property
    def locked(self) -> bool:
        return self._locked

    def set_profile(self, profile: OpenProfile | None) -> None:
        """None when the app locks; the reopened caseload when it unlocks."""
        if profile is None:
            self._locked = True
            self._given = None
            self._stop_timers()
            if not self.state.ended:
                self.refresh_times()
            self.pages.setEnabled(False)
            self.message.show_message(LOCKED_TEXT, "info")
            return
        self._locked = False
        self._given = profile
        self.pages.setEnabled(True)
        self.message.clear()
        if self.state.ended:
            return
        self.clock.start(self.clock.current_stage or self.state.current_stage)
        self.save_now()
        self._start_timers()
        self.refresh_times()

    def _start_timers(self) -> None:
        self.tick_timer.start()
        self.autosave_timer.start()

    def _stop_timers(self) -> None:
        self.tick_timer.stop()
        self.autosave_timer.stop()

    def _connect(self) -> None:
        self.stage_list.stage_requested.connect(self.go_to)
        self.notes_edit.textChanged.connect(self._notes_changed)
        self.end_confirm.confirmed.connect(self.end_session)
        self.end_confirm.cancelled.connect(self._keep_going)
        self.previous_button.clicked.connect(self.previous_stage)
        self.next_button.clicked.connect(self.next_stage)
        self.end_button.clicked.connect(self.ask_to_end)
        for keys in PREVIOUS_KEYS + NEXT_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(
                self.previous_stage if keys in PREVIOUS_KEYS else self.next_stage
            )
        say_time = QShortcut(QKeySequence(SAY_TIME_KEYS), self)
        say_time.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        say_time.activated.connect(self.say_time)

    def _title_text(self, profile: OpenProfile) -> str:
        name = CaseloadService(profile).patient(self.state.patient_id).display_name
        self.patient_name = name
        label = self.template.name
        referral_id = self.state.referral_id
        if referral_id and self.state.appointment_id:
            numbering = AppointmentService(profile).numbering(referral_id)
            if self.state.appointment_id in numbering:
                kind, number = numbering[self.state.appointment_id]
                label = session_label(kind, number, profile.settings.get(FOLLOW_UP_CAP))
        return f"{label} with {name}"

    # --- stages -------------------------------------------------------------------------------

    @property
    def current_stage(self) -> Stage:
        return self.template.stage(self.clock.current_stage or self.state.current_stage)

    def _stage_index(self) -> int:
        return self.template.stages.index(self.current_stage)

    def previous_stage(self) -> bool:
        index = self._stage_index()
        return index > 0 and self.go_to(self.template.stages[index - 1].id)

    def next_stage(self) -> bool:
        following = self.template.next_stage(self.current_stage.id)
        return following is not None and self.go_to(following.id)

    def go_to(self, stage_id: str) -> bool:
        """Move to a stage: the notes so far become saved notes, and the clock follows."""
        if self.state.ended or stage_id == self.current_stage.id:
            return False
        profile = self.current_profile()
        if profile is None:
            self.message.show_message(LOCKED_TEXT, "info")
            return False
        service = SessionService(profile)
        leaving = self.current_stage.id
        text = self.notes_edit.toPlainText()
        try:
            self._flush_captures()
            if self._dirty:
                service.autosave(self.state.session_id, leaving, text, self.clock.snapshot())
            self.clock.start(stage_id)
            service.change_stage(self.state.session_id, stage_id, self.clock.snapshot())
        except (ValidationError, DatabaseError) as exc:
            self.clock.start(leaving)
            self.message.show_message(f"Could not move on: {exc}", "error")
            return False
        self.notes[leaving] = text
        self._dirty = False
        self._last_time_save = self._now()
        self._mark_saved()
        self._show_stage(stage_id)
        return True

    def _show_stage(self, stage_id: str) -> None:
        stage = self.template.stage(stage_id)
        index = self.template.stages.index(stage)
        self.stage_title.setText(f"Stage {index + 1} of {len(self.template.stages)}: {stage.title}")
        self.prompt.setText(stage.prompt)
        self.prompt.setVisible(bool(stage.prompt))
        self._showing_text = True
        self.notes_edit.setPlainText(self.notes.get(stage_id, ""))
        self._showing_text = False
        self.stage_list.select_stage(stage_id)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(self.template.stages))
        self._show_capture(stage.captures)
        self.refresh_times()

    def _show_capture(self, captures: str) -> None:
        if not captures:
            self.capture_stack.hide()
            return
        if captures not in self.captures:
            widget = make_capture(captures, self.current_profile, self.state, self._delay_ms)
            self.captures[captures] = widget
            scroll = QScrollArea()  # one each, so a tall questionnaire never stretches the others
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidget(widget)
            if isinstance(widget, GoalReview | MeasureStage):
                widget.rebuilt.connect(self._order_tabs)
                # After the event loop has laid out the new rows, so their height is known.
                widget.rebuilt.connect(lambda: QTimer.singleShot(0, self._fit_capture))
            self._capture_pages[captures] = scroll
            self.capture_stack.addWidget(scroll)
        self.capture_stack.setCurrentWidget(self._capture_pages[captures])
        self.capture_stack.show()
        name_captions(self.capture_stack)  # a stage made now, while the focus stays put
        self._order_tabs()
        self._fit_capture()

    def _fit_capture(self) -> None:
        page = self.capture_stack.currentWidget()
        if not isinstance(page, QScrollArea) or page.widget() is None:
            return
        total = max(self.splitter.height(), 400)
        low, high = (int(total * share) for share in CAPTURE_SHARE)
        wanted = page.widget().sizeHint().height() + 8
        share = min(max(wanted, low), high)
        self.splitter.setSizes([share, total - share])
        focused = QApplication.focusWidget()
        if focused is not None and page.widget().isAncestorOf(focused):
            page.ensureWidgetVisible(focused)  # the field being typed in stays in sight

    def _order_tabs(self) -> None:
        """Stages, then what this stage records, then its notes, then the buttons."""
        page = self.capture_stack.currentWidget()
        inside = focusable_in(page) if page is not None and self.capture_stack.isVisible() else []
        confirm = [self.end_confirm.end_button, self.end_confirm.keep_button]
        chain(
            [self.stage_list, *inside, self.notes_edit, *confirm]
            + [self.previous_button, self.next_button, self.end_button]
        )

    # --- time ---------------------------------------------------------------------------------

    def refresh_times(self) -> None:
        """The tick: time used per stage and overall, and the gentle over-run cue."""
        used = {s.id: self.clock.seconds_in(s.id) for s in self.template.stages}
        stage = self.current_stage
        self.stage_list.show_times(stage.id, used)
        total = self.clock.total_seconds()
        planned = self.clock.planned_seconds()
        self.overall.setText(f"{mm_ss(total)} of {mm_ss(planned)}")
        self.overall.setAccessibleDescription(
            f"{spoken_duration(total)} used of {spoken_duration(planned)}"
        )
        stage_over = over_by(used[stage.id], stage.minutes * 60)
        words = f"{stage.minutes} min planned · {mm_ss(used[stage.id])} used"
        self.stage_time.setText(f"{words} · {stage_over}" if stage_over else words)
        cue = overrun_cue(
            stage.title, used[stage.id], stage.minutes, total, self.template.planned_minutes
        )
        if cue:
            self.overrun.show_message(cue, "warning", say=False)
        else:
            self.overrun.clear()
        # The cue is said once when a stage runs over, and once when the session does.
        for key, over in ((stage.id, stage_over), ("session", over_by(total, planned))):
            if over and key not in self._cued:
                self._cued.add(key)
                announce(self.overrun, cue or "")

    def say_time(self) -> None:
        """The clock on request: it is never read out by itself, second by second."""
        stage = self.current_stage
        announce(
            self.overall,
            time_used_words(
                self.clock.total_seconds(),
                self.template.planned_minutes,
                stage.title,
                self.clock.seconds_in(stage.id),
                stage.minutes,
            ),
        )

    # --- saving -------------------------------------------------------------------------------

    def _notes_changed(self) -> None:
        if not self._showing_text:
            self._dirty = True
            self.save_state.setText("Notes: saving in a few seconds…")

    def _mark_saved(self) -> None:
        self.save_state.setText(f"Notes saved at {datetime.now():%H:%M:%S}")

    def autosave(self) -> bool:
        """The few-seconds save: only when the notes changed (or the time is due a save)."""
        profile = self.current_profile()
        if profile is None or self.state.ended:
            return False
        time_due = self._now() - self._last_time_save >= TIME_SAVE_SECONDS
        if not (self._dirty or time_due):
            return False
        stage_id = self.current_stage.id
        text = self.notes_edit.toPlainText()
        try:
            SessionService(profile).autosave(
                self.state.session_id, stage_id, text, self.clock.snapshot()
            )
        except (ValidationError, DatabaseError) as exc:
            self.message.show_message(f"The notes could not be saved: {exc}", "error")
            return False
        self.notes[stage_id] = text
        self._dirty = False
        self._last_time_save = self._now()
        self._mark_saved()
        return True

    def _flush_captures(self) -> None:
        """What matters and goal ratings set on screen are kept when the worker moves on."""
        what_matters = self.captures.get("what_matters")
        if isinstance(what_matters, WhatMattersField):
            what_matters.save()
        review = self.captures.get("goal_review")
        if isinstance(review, GoalReview) and review.pending():
            review.save_ratings()

    def save_now(self) -> None:
        """Save everything waiting (the host calls this before it locks or closes)."""
        if self.current_profile() is None or self.state.ended:
            return
        self._flush_captures()
        self.autosave()

    # --- ending -------------------------------------------------------------------------------

    def unsaved_measures(self) -> list[str]:
        stage = self.captures.get("measure")
        if not isinstance(stage, MeasureStage):
            return []
        return [
            form.measure.short_name
            for form in stage.forms.values()
            if form.result is None and any(v is not None for v in form.answers().values())
        ]

    def unsaved_typing(self) -> list[str]:
        """What a save cannot keep for later: half-answered measures and a goal not yet added."""
        waiting = [f"{name} answers" for name in self.unsaved_measures()]
        review = self.captures.get("goal_review")
        if isinstance(review, GoalReview) and review.new_goal.text().strip():
            waiting.append(f"the goal “{review.new_goal.text().strip()}”, not yet added")
        return waiting

    def ask_to_end(self) -> None:
        self.end_confirm.ask(
            self.clock.total_seconds(), self.template.planned_minutes, self.unsaved_measures()
        )
        # One "End session" on screen at a time: the one that asks. Hidden once the question
        # has the focus, so the focus never stops on the next control on its way there.
        self.end_button.hide()

    def _keep_going(self) -> None:
        focus = QApplication.focusWidget()
        self.end_button.show()
        if focus is not None and self.end_confirm.isAncestorOf(focus):
            self.end_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def end_session(self) -> bool:
        profile = self.current_profile()
        if profile is None:
            self.message.show_message(LOCKED_TEXT, "info")
            return False
        service = SessionService(profile)
        try:
            self._flush_captures()
            stage_id = self.current_stage.id
            text = self.notes_edit.toPlainText()
            if self._dirty:
                service.autosave(self.state.session_id, stage_id, text, self.clock.snapshot())
            self.notes[stage_id] = text
            self._dirty = False
            self.clock.pause()
            self.state = service.end(self.state.session_id, self.clock.snapshot())
        except (ValidationError, DatabaseError) as exc:
            self.clock.start(self.current_stage.id)
            self.end_button.show()
            self.message.show_message(str(exc), "error")
            return False
        self._stop_timers()
        self._show_summary()
        total = float(self.state.duration_seconds or 0)
        announce(self.summary, f"{self.template.name} ended after {spoken_duration(total)}.")
        self.ended.emit(self.state.session_id)
        return True

    def _show_summary(self) -> None:
        self.check_in.clear()  # checked out with the end
        self._stop_timers()
        self.clock_note.hide()  # an ended session's time is fixed
        self.overrun.clear()
        self.message.clear()
        total = float(self.state.duration_seconds or 0)
        self.overall.setText(f"{mm_ss(total)} of {mm_ss(self.template.planned_minutes * 60)}")
        self.summary = SessionSummaryView(self.state, self.current_profile, self.pages)
        self.summary.done.connect(self.closed)
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        if had_focus:
            focus.clearFocus()  # hiding the stages would pass it from control to control
        self.pages.addWidget(self.summary)
        self.pages.setCurrentWidget(self.summary)
        if had_focus:
            self.summary.scroll.setFocus(Qt.FocusReason.OtherFocusReason)
