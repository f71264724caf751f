"""Settings → Measures: import a measure file a service holds a licence for (e.g. SWEMWBS)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.measures import MeasureFileError
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.value_label import StatusLabel, ValueLabel


class MeasureImportSection(QGroupBox):
    def __init__(self, profile: Callable[[], OpenProfile | None], parent: QWidget | None = None):
        super().__init__("Measures", parent)
        self._profile = profile
        self.listing = ValueLabel("Measures available", "", self)
        self.listing.setWordWrap(True)
        self.message = StatusLabel("Measure import message", "", self)
        self.message.setWordWrap(True)
        self.import_button = QPushButton("&Import a measure file…", self)
        self.import_button.setAccessibleName("Import a measure file")
        self.import_button.clicked.connect(lambda: self.import_file())
        layout = QVBoxLayout(self)
        layout.addWidget(self.listing)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.setEnabled(profile is not None)
        if profile is None:
            self.listing.clear()
            return
        lines = []
        for measure in MeasureService(profile).library().values():
            state = "ready to ask" if measure.has_wording else "scoring only: import the wording"
            lines.append(f"• {measure.name} ({state})")
        self.listing.setText("\n".join(lines))

    def import_file(self, path: str | None = None) -> bool:
        profile = self._profile()
        if profile is None:
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, "Import a measure file", "", "Measure files (*.toml)"
            )
            if not path:
                return False
        try:
            measure = MeasureService(profile).import_file(Path(path))
        except (MeasureFileError, OSError) as exc:
            self.message.setText(f"⚠ Not imported: {exc}")
            return False
        self.message.setText(f"Imported {measure.name}. {measure.copyright}")
        self.set_profile(profile)
        return True
