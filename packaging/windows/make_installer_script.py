"""Write the Inno Setup script for the Windows installer from its template, and check it.

Run on the Windows build machine after ``bash packaging/build.sh``:
    python packaging\\windows\\make_installer_script.py
    iscc build\\windows\\linkworker-desktop.iss
The version comes from pyproject.toml and the paths point into dist\\, so the installer can
never carry another version's number or miss the bundle; a missing bundle stops it here, with
what to do, rather than halfway through ISCC.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(__file__).resolve().parent / "linkworker-desktop.iss.in"
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
SOURCE = re.compile(r'^Source:\s*"([^"]+)"', re.MULTILINE)
APP_FILE = re.compile(r'Filename:\s*"\{app\}\\([^"]+)"')


def project_version(root: Path = ROOT) -> str:
    return str(tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"])


def render(version: str, bundle: Path, output_dir: Path, template: Path = TEMPLATE) -> str:
    values = {"@VERSION@": version, "@BUNDLE@": str(bundle), "@OUTPUT_DIR@": str(output_dir)}
    return PLACEHOLDER.sub(lambda m: values[m.group(0)], template.read_text())


def source_paths(script: str) -> list[Path]:
    """The files and folders the script takes from this machine (a trailing \\* is a folder)."""
    found = []
    for source in SOURCE.findall(script):
        found.append(Path(source[:-2] if source.endswith("\\*") else source))
    return found


def missing_sources(script: str) -> list[str]:
    """What the script names that is not there: its sources, and the files its shortcuts start."""
    sources = source_paths(script)
    missing = [str(path) for path in sources if not path.exists()]
    folders = [path for path in sources if path.is_dir()]
    for name in APP_FILE.findall(script):
        if not any((folder / Path(*name.split("\\"))).is_file() for folder in folders):
            missing.append(f"{{app}}\\{name}")
    return list(dict.fromkeys(missing))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the Windows installer's Inno Setup script.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "linkworker-desktop")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "build" / "windows" / "linkworker-desktop.iss"
    )
    args = parser.parse_args(argv)
    script = render(project_version(), args.bundle.resolve(), args.output_dir.resolve())
    missing = missing_sources(script)
    if missing:
        print(
            "The installer script was not written: it needs "
            + ", ".join(missing)
            + ". Build the Windows bundle first (bash packaging/build.sh, in Git Bash).",
            file=sys.stderr,
        )
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(script)
    print(f"Wrote {args.out}; build the installer with: iscc {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
