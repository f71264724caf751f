"""The machine-wide configuration an IT team deploys: the hub, the organisation, locked settings.

One TOML file per computer, written by IT (Intune, Group Policy, a package), read-only to link
workers. A bad file never stops the app: each problem is logged and shown in Settings, and the
key it names falls back to the safe default (a locked setting stays locked, at the app's
default), so a typo can neither unlock what IT meant to lock nor leave a laptop unusable.
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkworker_desktop.domain.addresses import host_of, is_loopback
from linkworker_desktop.services import settings as declared

log = logging.getLogger(__name__)

# Tests and unusual deployments point the app at another file with this variable.
PATH_VARIABLE = "LINKWORKER_MACHINE_CONFIG"
FOLDER_NAME = "Linkworker Desktop"

ORGANISATION_KEYS = ("name", "hub_url", "directory_feed_url")
# The settings IT may lock, by the name used in the file.
LOCKABLE: dict[str, declared.IntSetting] = {
    "auto_lock_minutes": declared.AUTO_LOCK_MINUTES,
    "follow_up_cap": declared.FOLLOW_UP_CAP,
    "first_contact_target_days": declared.FIRST_CONTACT_TARGET_DAYS,
}
OFFER_DEMO_DATA = "offer_demo_data"
LOCKED_KEYS = (*LOCKABLE, OFFER_DEMO_DATA)
# Every key the file may hold, as "table.key": the documentation and the example list them all.
ALL_KEYS = tuple(
    [f"organisation.{key}" for key in ORGANISATION_KEYS] + [f"locked.{key}" for key in LOCKED_KEYS]
)


def machine_config_path() -> Path:
    """Where this computer's configuration lives (it need not exist)."""
    override = os.environ.get(PATH_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / FOLDER_NAME / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / FOLDER_NAME / "config.toml"
    return Path("/etc/xdg/linkworker-desktop/config.toml")


@dataclass(frozen=True)
class MachineConfig:
    """What the file fixed. ``path`` is None when this computer has no file."""

    path: Path | None = None
    organisation: str = ""
    hub_url: str = ""
    directory_feed_url: str = ""
    locked: dict[str, Any] = field(default_factory=dict)  # setting key -> fixed value
    demo_data_offered: bool = True
    problems: tuple[str, ...] = ()

    def is_locked(self, setting: declared.AnySetting) -> bool:
        return setting.key in self.locked


class _Reader:
    """Collects each problem as one sentence naming the file and the key."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def problem(self, key: str, what: str) -> None:
        self.problems.append(f"{self.path}: {key}: {what}")

    def table(self, data: dict[str, Any], name: str, known: tuple[str, ...]) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            self.problem(name, "should be a table ([" + name + "]); it was ignored.")
            return {}
        for key in value:
            if key not in known:
                self.problem(
                    f"{name}.{key}",
                    f"is not a setting this version knows (it knows {', '.join(known)}); "
                    "it was ignored.",
                )
        return {key: value[key] for key in known if key in value}

    def address(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            self.problem(key, "should be an address in quotes; it was ignored.")
            return ""
        text = value.strip().rstrip("/")
        scheme = text.split("://", 1)[0].lower() if "://" in text else ""
        if not host_of(text) or scheme not in ("https", "http"):
            self.problem(key, f"{value!r} is not a web address (https://…); it was ignored.")
            return ""
        if scheme == "http" and not is_loopback(text):
            self.problem(
                key,
                f"{value!r} uses plain http://, which would send records unencrypted; "
                "use its https:// address. It was ignored.",
            )
            return ""
        return text


def _parse(path: Path, text: str) -> MachineConfig:
    reader = _Reader(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reader.problem("(whole file)", f"is not valid TOML ({exc}); none of it was used.")
        return MachineConfig(path=path, problems=tuple(reader.problems))
    for key in data:
        if key not in ("organisation", "locked"):
            reader.problem(
                key, "is not a section this version knows ([organisation] or [locked]); ignored."
            )
    org = reader.table(data, "organisation", ORGANISATION_KEYS)
    name = org.get("name", "")
    if not isinstance(name, str):
        reader.problem("organisation.name", "should be text in quotes; it was ignored.")
        name = ""
    hub_url = reader.address("organisation.hub_url", org["hub_url"]) if "hub_url" in org else ""
    feed = org.get("directory_feed_url")
    feed_url = reader.address("organisation.directory_feed_url", feed) if feed is not None else ""
    locked: dict[str, Any] = {}
    demo_offered = True
    for key, value in reader.table(data, "locked", LOCKED_KEYS).items():
        where = f"locked.{key}"
        if key == OFFER_DEMO_DATA:
            if isinstance(value, bool):
                demo_offered = value
            else:
                demo_offered = False  # the safe reading of a muddled switch: no demo data
                reader.problem(where, "should be true or false; demo data will not be offered.")
            continue
        setting = LOCKABLE[key]
        if isinstance(value, bool) or not isinstance(value, int):
            reader.problem(
                where,
                f"should be a whole number from {setting.minimum} to {setting.maximum}; "
                f"it stays locked at the app's default, {setting.default}.",
            )
            value = setting.default
        elif not setting.minimum <= value <= setting.maximum:
            reader.problem(
                where,
                f"{value} is outside {setting.minimum} to {setting.maximum}; "
                f"it stays locked at the app's default, {setting.default}.",
            )
            value = setting.default
        locked[setting.key] = value
    return MachineConfig(
        path=path,
        organisation=name.strip(),
        hub_url=hub_url,
        directory_feed_url=feed_url,
        locked=locked,
        demo_data_offered=demo_offered,
        problems=tuple(reader.problems),
    )


def read_machine_config(path: Path) -> MachineConfig:
    """The configuration in ``path``; a missing file is no configuration, not a problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return MachineConfig()
    except OSError as exc:
        problem = f"{path}: (whole file): cannot be read ({exc.strerror}); none of it was used."
        return MachineConfig(path=path, problems=(problem,))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problem = f"{path}: (whole file): is not UTF-8 text; none of it was used."
        return MachineConfig(path=path, problems=(problem,))
    return _parse(path, text)


_cache: dict[tuple[str, int, int], MachineConfig] = {}


def current() -> MachineConfig:
    """This computer's configuration, read again only when the file changes."""
    path = machine_config_path()
    try:
        stat = path.stat()
        stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (str(path), -1, -1)
    found = _cache.get(stamp)
    if found is None:
        found = read_machine_config(path)
        for problem in found.problems:
            log.warning("Machine configuration problem: %s", problem)
        _cache.clear()
        _cache[stamp] = found
    return found
