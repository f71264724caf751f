"""What Help → About tells a link worker or the IT service desk about this installation."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from linkworker_desktop import __version__
from linkworker_desktop.services import machine_config, sync_service
from linkworker_desktop.services.profile import OpenProfile, ProfileFiles
from linkworker_desktop.storage import migrations

NOT_CONNECTED = "Not connected"
NO_FILE = "None"


def app_version() -> str:
    """The installed package's version; a source checkout without metadata says the code's."""
    try:
        return metadata.version("linkworker-desktop")
    except metadata.PackageNotFoundError:
        return __version__


@dataclass(frozen=True, slots=True)
class AboutFacts:
    version: str
    data_folder: str
    schema: str
    hub: str
    directory_feed: str
    machine_config: str


def about_facts(files: ProfileFiles, profile: OpenProfile | None) -> AboutFacts:
    """The facts shown; the schema and the enrolled hub are read only while unlocked."""
    latest = migrations.latest_version()
    machine = machine_config.current()
    if profile is not None and profile.is_open:
        schema = f"{migrations.current_version(profile.conn)} (this version's newest: {latest})"
        status = sync_service.status(profile)
        hub = status.hub_url if status.enrolled else ""
    else:
        schema = f"Unlock to read it (this version's newest: {latest})"
        hub = ""
    if not hub and machine.hub_url:
        hub = f"{machine.hub_url} (set by your organisation; not enrolled yet)"
    config = str(machine.path) if machine.path else NO_FILE
    if machine.problems:
        problems = len(machine.problems)
        config += f" ({problems} problem{'s' if problems != 1 else ''}: see Settings)"
    return AboutFacts(
        version=app_version(),
        data_folder=str(files.folder),
        schema=schema,
        hub=hub or NOT_CONNECTED,
        directory_feed=machine.directory_feed_url or NO_FILE,
        machine_config=config,
    )
