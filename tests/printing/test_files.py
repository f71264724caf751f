"""A saved PDF is owner-only whatever the umask, replaces an older copy whole, and gets ".pdf"."""

from __future__ import annotations

import os
import stat

import pytest

from linkworker_desktop.printing.files import with_pdf_suffix, write_private


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("plan", "plan.pdf"), ("plan.PDF", "plan.PDF"), ("plan.v2", "plan.v2.pdf")],
)
def test_a_name_typed_without_pdf_gets_it(tmp_path, typed, saved):
    assert with_pdf_suffix(tmp_path / typed) == tmp_path / saved


def test_a_new_file_is_owner_only_even_with_an_open_umask(tmp_path):
    previous = os.umask(0o000)
    try:
        write_private(tmp_path / "plan.pdf", b"%PDF-1.4 new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "plan.pdf").stat().st_mode) == 0o600
    assert (tmp_path / "plan.pdf").read_bytes() == b"%PDF-1.4 new"


def test_an_older_readable_copy_is_replaced_and_made_owner_only(tmp_path):
    old = tmp_path / "plan.pdf"
    old.write_bytes(b"older")
    old.chmod(0o644)
    write_private(old, b"%PDF-1.4 newer")
    assert old.read_bytes() == b"%PDF-1.4 newer"
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_a_folder_that_is_gone_raises_and_leaves_nothing_behind(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_private(tmp_path / "unplugged" / "plan.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []
