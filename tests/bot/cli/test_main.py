"""The command line's promise: whatever goes wrong, the user gets one line and an exit code."""

from __future__ import annotations

import subprocess
import sys

import pytest

import bot.cli.quotes
from bot.cli import main
from tests.conftest import REPO


@pytest.fixture
def broken_reader(monkeypatch):
    def fail(path):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bot.cli.quotes, "load_article", fail)


def test_an_unexpected_error_is_one_line_without_a_traceback(broken_reader, capsys):
    assert main(["quotes"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "onrecord: unexpected error: RuntimeError: disk on fire (run with -v for the details)"
    ]
    assert "Traceback" not in err


def test_verbose_shows_the_traceback_of_an_unexpected_error(broken_reader, capsys):
    assert main(["-v", "quotes"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("onrecord: unexpected error: RuntimeError: disk on fire\n")
    assert "Traceback" in err


def test_a_user_error_is_one_line(tmp_path, capsys):
    assert main(["quotes", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "missing.txt" in err


def test_the_command_line_starts_without_loading_discord_py():
    code = "import sys, bot.cli; sys.exit('discord' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or "importing bot.cli imported discord.py"
