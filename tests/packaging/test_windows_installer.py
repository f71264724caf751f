"""The Windows installer's Inno Setup script, generated and checked here since ISCC is Windows-only.

A fake bundle laid out as PyInstaller makes it on Windows stands in for dist/linkworker-desktop.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from tests.test_version import pyproject_version

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def maker():
    path = ROOT / "packaging" / "windows" / "make_installer_script.py"
    spec = importlib.util.spec_from_file_location("make_installer_script", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bundle(tmp_path) -> Path:
    folder = tmp_path / "dist" / "linkworker-desktop"
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "linkworker-desktop.exe").write_bytes(b"MZ")
    (folder / "_internal" / "python311.dll").write_bytes(b"MZ")
    return folder


def generate(maker, bundle: Path, tmp_path: Path) -> tuple[int, str]:
    out = tmp_path / "build" / "linkworker-desktop.iss"
    code = maker.main(
        ["--bundle", str(bundle), "--output-dir", str(tmp_path / "dist"), "--out", str(out)]
    )
    return code, out.read_text() if out.exists() else ""


def setting(script: str, key: str) -> str:
    found = re.findall(rf"^{key}=(.*)$", script, re.MULTILINE)
    assert len(found) == 1, f"{key} is set {len(found)} times"
    return found[0]


def test_the_script_names_only_files_the_bundle_has(maker, bundle, tmp_path):
    code, script = generate(maker, bundle, tmp_path)
    assert code == 0
    sources = maker.source_paths(script)
    assert sources == [bundle]
    assert maker.missing_sources(script) == []
    assert "@" not in re.sub(r"'[^']*'", "", script.split("[Code]")[0])  # no placeholder left


def test_the_version_is_pyprojects(maker, bundle, tmp_path):
    _code, script = generate(maker, bundle, tmp_path)
    version = pyproject_version()
    assert setting(script, "AppVersion") == version
    assert setting(script, "VersionInfoVersion") == version
    assert setting(script, "OutputBaseFilename") == f"linkworker-desktop-{version}-setup"
    assert setting(script, "OutputDir") == str(tmp_path / "dist")


def test_it_installs_per_user_without_admin_and_lets_it_install_for_everyone(
    maker, bundle, tmp_path
):
    _code, script = generate(maker, bundle, tmp_path)
    assert setting(script, "PrivilegesRequired") == "lowest"
    assert setting(script, "PrivilegesRequiredOverridesAllowed") == "commandline dialog"
    assert setting(script, "DefaultDirName") == r"{autopf}\Linkworker Desktop"


def test_start_menu_entries_and_an_uninstaller_that_keeps_the_caseload_unless_asked(
    maker, bundle, tmp_path
):
    _code, script = generate(maker, bundle, tmp_path)
    icons = script.split("[Icons]")[1].split("[")[0]
    assert r'Name: "{group}\Linkworker Desktop"; Filename: "{app}\linkworker-desktop.exe"' in icons
    assert r'Name: "{group}\Uninstall Linkworker Desktop"; Filename: "{uninstallexe}"' in icons
    code = script.split("[Code]")[1]
    assert "{param:REMOVEDATA|no}" in code
    assert "MB_YESNO or MB_DEFBUTTON2" in code  # "No", keep it, is the default answer
    assert r"ExpandConstant('{localappdata}\linkworker-desktop')" in code
    assert "[UninstallDelete]" not in script  # nothing else removes data unasked


def test_the_caseload_folder_it_offers_to_remove_is_the_apps_data_folder(monkeypatch):
    """{localappdata}\\linkworker-desktop is where platformdirs keeps profiles on Windows."""
    import platformdirs.windows

    from linkworker_desktop import APP_ID

    local = "C:\\Users\\sam\\AppData\\Local"
    folders = {"CSIDL_LOCAL_APPDATA": local, "CSIDL_APPDATA": "C:\\Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    monkeypatch.setattr(platformdirs.windows.os.path, "normpath", lambda path: path)
    found = platformdirs.windows.Windows(APP_ID, appauthor=False).user_data_dir
    assert found.replace("/", "\\") == local + "\\linkworker-desktop"


def test_without_a_bundle_no_script_is_written_and_it_says_what_to_do(maker, tmp_path, capsys):
    code, script = generate(maker, tmp_path / "dist" / "linkworker-desktop", tmp_path)
    assert (code, script) == (1, "")
    err = capsys.readouterr().err
    assert err.startswith("The installer script was not written: it needs ")
    assert err.rstrip().endswith(
        "Build the Windows bundle first (bash packaging/build.sh, in Git Bash)."
    )
    assert str(tmp_path / "dist" / "linkworker-desktop") in err


def test_a_bundle_without_the_program_is_refused(maker, bundle, tmp_path, capsys):
    (bundle / "linkworker-desktop.exe").unlink()
    code, script = generate(maker, bundle, tmp_path)
    assert (code, script) == (1, "")
    err = capsys.readouterr().err
    assert err.count(r"{app}\linkworker-desktop.exe") == 1
