"""``linkworker --version``: the version from the package metadata, with no caseload needed."""

from __future__ import annotations

import pytest

from linkworker_desktop.cli.main import main
from tests.test_version import pyproject_version


def test_version_prints_the_installed_version_and_needs_no_command(capsys, data_dir):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"linkworker {pyproject_version()}\n"
    assert not data_dir.exists()
