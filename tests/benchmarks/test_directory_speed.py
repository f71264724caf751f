"""Importing a 5,000-service feed (target under 10 s) and searching it (under 30 ms a keystroke)."""

from __future__ import annotations

import copy

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.services.demo_directory import demo_feed
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.ui.views.directory_view import DirectoryView
from tests.benchmarks.keystrokes import DIRECTORY_TYPED, benchmark_typing
from tests.conftest import FAST_KDF, PASSPHRASE


def _feed(size: int) -> dict:
    base = demo_feed(count=66)["contents"]
    contents = []
    for n in range(size):
        record = copy.deepcopy(base[n % len(base)])
        record["id"] = f"bench-{n}"
        record["name"] = f"{record['name']} {n}"
        contents.append(record)
    return {"contents": contents}


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    folder = tmp_path_factory.mktemp("directory")
    handle, _ = profile.create_profile(
        profile.ProfileFiles(folder / "p"), PASSPHRASE, "Bench", kdf=FAST_KDF
    )
    yield handle
    handle.close()


def test_import_5000_services(benchmark, opened):
    feed = _feed(5000)
    report = benchmark.pedantic(
        lambda: Directory(opened).import_feed(feed, "bench"), rounds=1, iterations=1
    )
    assert report.added == 5000


@pytest.mark.parametrize("keystrokes", ["c", "co", "coff", "coffee", "walking gr"])
def test_search_keystroke_at_5000(benchmark, opened, keystrokes):
    directory = Directory(opened)
    if not directory.search("coffee", limit=1):
        directory.import_feed(_feed(5000), "bench")
    hits = benchmark(directory.search, keystrokes, limit=100)
    assert isinstance(hits, list)


def test_directory_screen_key_presses_at_5000(benchmark, opened, qapp):
    """Typing in the Directory screen with 5,000 services, each press until repainted."""
    directory = Directory(opened)
    if not directory.search("coffee", limit=1):
        directory.import_feed(_feed(5000), "bench")
    view = DirectoryView(lambda: opened)
    view.resize(1200, 700)
    view.set_profile(opened)
    view.show()
    qapp.processEvents()
    measured = benchmark_typing(benchmark, view.search, view.table.viewport(), DIRECTORY_TYPED)
    assert measured["presses"] == 3 * len(DIRECTORY_TYPED)
    assert view.search.text() == ""
    view.close()
    view.deleteLater()
