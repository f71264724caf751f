"""The Linux menu entry and software-centre metadata pass their validators, with every icon size.

``desktop-file-validate`` (desktop-file-utils) and ``appstreamcli`` (appstream) come from
packaging/debian-test-packages.txt, so CI has them; a machine without them fails here, by name.
"""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from tests.test_version import pyproject_version

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "packaging" / "linkworker-desktop.desktop"
METAINFO = ROOT / "packaging" / "uk.nhs.linkworker_desktop.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
# The sizes the freedesktop icon theme specification's hicolor theme lists for apps.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def validator(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: run packaging/setup-debian.sh --test"
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_the_desktop_file_passes_desktop_file_validate():
    done = run(validator("desktop-file-validate"), str(DESKTOP))
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "error:" not in report, report


def test_desktop_file_validate_does_report_a_broken_file(tmp_path):
    broken = tmp_path / "broken.desktop"
    broken.write_text(DESKTOP.read_text().replace("Type=Application\n", ""))
    done = run(validator("desktop-file-validate"), str(broken))
    assert done.returncode == 1
    assert 'required key "Type" in group "Desktop Entry" is not present' in done.stdout


def test_the_metainfo_passes_appstreamcli_validate():
    done = run(validator("appstreamcli"), "validate", "--no-net", str(METAINFO))
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "Validation was successful" in report, report


def test_appstreamcli_validate_does_report_a_broken_file(tmp_path):
    broken = tmp_path / METAINFO.name
    broken.write_text(METAINFO.read_text().replace("<id>uk.nhs.linkworker_desktop</id>", ""))
    done = run(validator("appstreamcli"), "validate", "--no-net", str(broken))
    assert done.returncode != 0
    assert "Validation failed" in done.stdout + done.stderr


def test_the_menu_entry_names_the_bundled_program_and_icon():
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP)
    assert entry["Desktop Entry"]["Exec"] == "linkworker-desktop"
    assert entry["Desktop Entry"]["Icon"] == "linkworker-desktop"


def test_the_metainfo_launches_the_menu_entry_and_lists_this_release():
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("launchable") == DESKTOP.name
    releases = [r.get("version") for r in component.iter("release")]
    assert releases[0] == pyproject_version()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_the_icon_is_there_at_its_exact_pixel_size(size):
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "linkworker-desktop.png"
    assert png_size(path) == (size, size)


def test_no_other_icon_sizes_are_shipped_and_the_scalable_icon_is_an_svg():
    shipped = sorted((ICONS / "hicolor").glob("*/apps/linkworker-desktop.png"))
    assert sorted(p.parent.parent.name for p in shipped) == sorted(f"{s}x{s}" for s in ICON_SIZES)
    svg = ET.parse(ICONS / "linkworker-desktop.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_make_icons_draws_every_size_from_the_svg(qapp, tmp_path, capsys):
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "packaging" / "make_icons.py"
    )
    assert spec and spec.loader
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    assert make_icons.SIZES == ICON_SIZES
    assert make_icons.main(tmp_path / "icons") == 0
    for size in ICON_SIZES:
        drawn = (
            tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "linkworker-desktop.png"
        )
        assert png_size(drawn) == (size, size)
    assert len(capsys.readouterr().out.splitlines()) == len(ICON_SIZES)
