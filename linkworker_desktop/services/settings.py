"""Settings declared once, typed, with defaults and limits; stored inside the encrypted caseload.

Secrets never live here: they belong in the key file or the OS keyring.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from linkworker_desktop.storage.unit_of_work import Actor, UnitOfWork


@dataclass(frozen=True, slots=True)
class IntSetting:
    key: str
    default: int
    minimum: int
    maximum: int
    label: str

    def clean(self, value: Any) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return self.default
        return max(self.minimum, min(self.maximum, number))


@dataclass(frozen=True, slots=True)
class TextSetting:
    key: str
    default: str
    label: str

    def clean(self, value: Any) -> str:
        return str(value).strip() if value is not None else self.default


@dataclass(frozen=True, slots=True)
class BoolSetting:
    key: str
    default: bool
    label: str

    def clean(self, value: Any) -> bool:
        return value if isinstance(value, bool) else self.default


AUTO_LOCK_MINUTES = IntSetting(
    "security.auto_lock_minutes", 5, 1, 15, "Lock the caseload after this many idle minutes"
)
FIRST_CONTACT_TARGET_DAYS = IntSetting(
    "service.first_contact_target_days", 14, 1, 90, "Contact a new referral within (days)"
)
FOLLOW_UP_CAP = IntSetting("service.follow_up_cap", 5, 0, 20, "Follow-up sessions offered")
INITIAL_MINUTES = IntSetting("service.initial_minutes", 45, 10, 120, "Initial session (minutes)")
FOLLOW_UP_MINUTES = IntSetting("service.follow_up_minutes", 30, 10, 120, "Follow-up (minutes)")
MEASURE_REVIEW_EVERY = IntSetting(
    "service.measure_review_every", 3, 1, 10, "Repeat the wellbeing measure every (sessions)"
)
DEFAULT_MEASURE = TextSetting("service.default_measure", "ons4", "Wellbeing measure")
SERVICE_NAME = TextSetting("service.name", "Social Prescribing Service", "Service name")
SERVICE_PHONE = TextSetting("service.phone", "", "Service phone number")
SERVICE_EMAIL = TextSetting("service.email", "", "Service email address")
SERVICE_ADDRESS = TextSetting("service.address", "", "Service address")
SERVICE_LOGO = TextSetting("service.logo_path", "", "Logo image file (PNG or JPEG)")
LOCAL_CRISIS_LINE = TextSetting(
    "service.local_crisis_line", "", "Local crisis line (printed on every plan)"
)
WORKER_CONTACT = TextSetting("worker.contact", "", "How patients reach you (phone or email)")
PAPER_SIZE = TextSetting("print.paper_size", "A4", "Paper size (A4 or Letter)")
# Exports that leave the service show counts from 1 to this minus one as "<8" (small numbers
# can identify people); 1 turns suppression off for the service's own eyes.
REPORT_SUPPRESS_BELOW = IntSetting(
    "report.suppress_below", 8, 1, 100, 'In exports, hide counts below (shown as "<N")'
)
# Backups: where they go (a folder path is not a secret) and how many are kept.
BACKUP_FOLDER = TextSetting("backup.folder", "", "Back up to this folder")
BACKUP_KEEP = IntSetting("backup.keep", 7, 1, 365, "Backups to keep")
BACKUP_DAILY = BoolSetting("backup.daily", True, "Back up once a day")
BACKUP_ON_QUIT = BoolSetting("backup.on_quit", True, "Back up when the app closes")

ALL = (
    AUTO_LOCK_MINUTES,
    FIRST_CONTACT_TARGET_DAYS,
    FOLLOW_UP_CAP,
    INITIAL_MINUTES,
    FOLLOW_UP_MINUTES,
    MEASURE_REVIEW_EVERY,
    DEFAULT_MEASURE,
    SERVICE_NAME,
    SERVICE_PHONE,
    SERVICE_EMAIL,
    SERVICE_ADDRESS,
    SERVICE_LOGO,
    LOCAL_CRISIS_LINE,
    WORKER_CONTACT,
    PAPER_SIZE,
    REPORT_SUPPRESS_BELOW,
)
# Shown on their own in Settings → Backups (through services/backups.py), not in the form above.
BACKUP = (BACKUP_FOLDER, BACKUP_KEEP, BACKUP_DAILY, BACKUP_ON_QUIT)


AnySetting = IntSetting | TextSetting | BoolSetting


class Settings:
    """Read and write the declared settings of one open caseload."""

    def __init__(self, conn: Any, actor: Actor):
        self._conn = conn
        self._actor = actor

    def get(self, setting: AnySetting) -> Any:
        row = self._conn.execute(
            "SELECT value FROM settings WHERE key = ?", (setting.key,)
        ).fetchone()
        if row is None:
            return setting.default
        return setting.clean(json.loads(row[0]))

    def set(self, setting: AnySetting, value: Any) -> Any:
        cleaned = setting.clean(value)
        with UnitOfWork(self._conn, self._actor) as uow:
            uow.set_setting(setting.key, cleaned)
        return cleaned
