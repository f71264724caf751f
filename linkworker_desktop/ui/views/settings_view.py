"""Settings: every declared setting as a field, the keyring option, the passphrase.

The fields are made from services/settings.py's declarations, so a new setting appears here
without another list to keep in step. Changes are announced with one typed signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services import keys, machine_config
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services import settings as declared
from linkworker_desktop.services.errors import KeyringUnavailable
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.widgets.value_label import ValueLabel

ProfileGetter = Callable[[], OpenProfile | None]


class SettingsView(QWidget):
    settings_changed = Signal(dict)  # setting key -> new value
    change_passphrase_requested = Signal()

    def __init__(self, profile: ProfileGetter, parent: QWidget | None = None):
        super().__init__(parent)
        self._profile = profile
        self._keyring_asked = False  # asked when Settings first shows with a caseload open
        self.fields: dict[str, QWidget] = {}
        # Beside a field the organisation fixed: the same words are the field's description.
        self.locked_notes: dict[str, QLabel] = {}
        form = QFormLayout()
        for setting in declared.ALL:
            if isinstance(setting, declared.IntSetting):
                field: QWidget = QSpinBox(self)
                field.setRange(setting.minimum, setting.maximum)  # type: ignore[attr-defined]
                field.setMaximumWidth(120)
            else:
                field = QLineEdit(self)
                field.setMaximumWidth(520)
            field.setAccessibleName(setting.label)
            self.fields[setting.key] = field
            label = QLabel(f"{setting.label}:", self)
            label.setBuddy(field)
            note = QLabel(declared.LOCKED_NOTE, self)
            note.hide()
            self.locked_notes[setting.key] = note
            row = QHBoxLayout()
            row.addWidget(field)
            row.addWidget(note)
            row.addStretch(1)
            form.addRow(label, row)
        self.save_button = QPushButton("&Save settings", self)
        self.save_button.setAccessibleName("Save settings")
        self.save_button.clicked.connect(self.save)
        self.saved_note = ValueLabel("Settings message", "", self)

        service = QGroupBox("Service and sessions", self)
        service_layout = QVBoxLayout(service)
        service_layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_note, 1)
        service_layout.addLayout(row)

        # What the organisation's machine configuration fixed, and any problem in that file.
        self.organisation_note = ValueLabel("Organisation settings", "", self)
        self.organisation_note.setWordWrap(True)
        self.organisation_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.organisation_note.hide()
        service_layout.insertWidget(0, self.organisation_note)

        security = QGroupBox("Security", self)
        self.keyring = QCheckBox("Unlock with my &computer account (system keyring)", self)
        self.keyring.setAccessibleName("Unlock with my computer account (system keyring)")
        self.keyring_reason = ValueLabel("Keyring status", "", self)
        self.keyring_reason.setWordWrap(True)
        self.keyring.toggled.connect(self._keyring_toggled)
        self.passphrase_button = QPushButton("Change &passphrase…", self)
        self.passphrase_button.setAccessibleName("Change passphrase")
        self.passphrase_button.clicked.connect(self.change_passphrase_requested)
        security_layout = QVBoxLayout(security)
        security_layout.addWidget(self.keyring)
        security_layout.addWidget(self.keyring_reason)
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.passphrase_button)
        passphrase_row.addStretch(1)
        security_layout.addLayout(passphrase_row)

        content = QWidget(self)
        self.sections = QVBoxLayout(content)
        self.sections.addWidget(service)
        self.sections.addWidget(security)
        self.sections.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setAccessibleName("Settings")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def add_section(self, widget: QWidget) -> None:
        """Another part of the app adds its own settings group (measures, sync)."""
        self.sections.insertWidget(self.sections.count() - 1, widget)

    # --- loading and saving -------------------------------------------------------------------

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.setEnabled(profile is not None)
        if profile is None:
            return
        settings = profile.settings
        for setting in declared.ALL:
            value = settings.get(setting)
            field = self.fields[setting.key]
            if isinstance(field, QSpinBox):
                field.setValue(int(value))
            elif isinstance(field, QLineEdit):
                field.setText(str(value))
            locked = settings.is_locked(setting)
            field.setEnabled(not locked)  # a disabled field takes neither focus nor typing
            field.setAccessibleDescription(declared.LOCKED_NOTE if locked else "")
            self.locked_notes[setting.key].setVisible(locked)
        self._show_machine_config(machine_config.current())
        self.keyring.blockSignals(True)
        self.keyring.setChecked(profile.keyfile.has_slot("keyring"))
        self.keyring.blockSignals(False)
        self._keyring_asked = False
        if self.isVisible():
            self._ask_keyring()
        self.saved_note.clear()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The system keyring is asked about when Settings opens, not at every unlock: finding
        its backend loads a large library and may wait on the desktop's secret service."""
        super().showEvent(event)
        if not self._keyring_asked and self._profile() is not None:
            self._ask_keyring()

    def _ask_keyring(self) -> None:
        self._keyring_asked = True
        available, why = keys.keyring_available()
        self.keyring.setEnabled(available)
        self.keyring_reason.setText(why)

    def save(self) -> dict[str, Any]:
        profile = self._profile()
        if profile is None:
            return {}
        changed: dict[str, Any] = {}
        for setting in declared.ALL:
            if profile.settings.is_locked(setting):
                continue  # the organisation's value: nothing typed here could change it
            field = self.fields[setting.key]
            raw = field.value() if isinstance(field, QSpinBox) else field.text()  # type: ignore[attr-defined]
            if profile.settings.get(setting) != setting.clean(raw):
                changed[setting.key] = profile.settings.set(setting, raw)
        self.saved_note.setText("Saved." if changed else "Nothing changed.")
        announce(self.saved_note, self.saved_note.text())
        if changed:
            self.settings_changed.emit(changed)
        return changed

    def _show_machine_config(self, machine: machine_config.MachineConfig) -> None:
        """Which file fixed what, and every problem in it, so nothing is ignored silently."""
        if machine.path is None:
            self.organisation_note.clear()
            self.organisation_note.hide()
            return
        lines = [f"Your organisation's settings come from {machine.path}."]
        if machine.directory_feed_url:
            lines.append(f"Its directory feed: {machine.directory_feed_url}")
        lines += [f"⚠ {problem}" for problem in machine.problems]
        self.organisation_note.setText("\n".join(lines))
        self.organisation_note.show()

    def _keyring_toggled(self, on: bool) -> None:
        profile = self._profile()
        if profile is None:
            return
        try:
            if on:
                profile_service.enable_keyring(profile)
                self.keyring_reason.setText(
                    "This computer account can now unlock the caseload without the passphrase."
                )
            else:
                profile_service.disable_keyring(profile)
                self.keyring_reason.setText("Unlocking now needs the passphrase.")
        except KeyringUnavailable as exc:
            self.keyring.blockSignals(True)
            self.keyring.setChecked(False)
            self.keyring.blockSignals(False)
            self.keyring.setEnabled(False)
            self.keyring_reason.setText(str(exc))
