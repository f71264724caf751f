"""What Help → About says: the version, the data folder, the schema, the hub, the config file."""

from __future__ import annotations

from linkworker_desktop.services import about
from linkworker_desktop.storage import migrations
from tests.support.machine_config import write_machine_config


def test_an_unlocked_caseload_not_enrolled_without_a_configuration(open_profile, profile_files):
    latest = migrations.latest_version()
    assert latest >= 9
    facts = about.about_facts(profile_files, open_profile)
    assert facts == about.AboutFacts(
        version="0.1.0",
        data_folder=str(profile_files.folder),
        schema=f"{latest} (this version's newest: {latest})",
        hub="Not connected",
        directory_feed="None",
        machine_config="None",
    )


def test_locked_says_how_to_read_the_schema(profile_files):
    facts = about.about_facts(profile_files, None)
    latest = migrations.latest_version()
    assert facts.schema == f"Unlock to read it (this version's newest: {latest})"
    assert facts.hub == "Not connected"


def test_the_organisations_hub_and_file_before_enrolment(open_profile, profile_files):
    path = write_machine_config(
        '[organisation]\nhub_url = "https://hub.riverside.example.nhs.uk"\n'
        'directory_feed_url = "https://directory.riverside.example.nhs.uk/feed.json"\n'
        "[locked]\nfollow_up_cap = 99\n"
    )
    facts = about.about_facts(profile_files, open_profile)
    assert facts.hub == (
        "https://hub.riverside.example.nhs.uk (set by your organisation; not enrolled yet)"
    )
    assert facts.directory_feed == "https://directory.riverside.example.nhs.uk/feed.json"
    assert facts.machine_config == f"{path} (1 problem: see Settings)"


def test_an_enrolled_laptop_names_its_hub(org):
    laptop = org.laptop()
    facts = about.about_facts(laptop.files, laptop.profile)
    assert facts.hub == org.hub.url
