"""``onrecord serve`` and ``onrecord sync`` from the command line: a missing token or a bad setting is one line."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("command", ["serve", "sync"])
def test_serve_and_sync_without_a_token_exit_with_one_line(command, monkeypatch, tmp_path, capsys):
    from bot import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert cli.main([command]) == 1
    err = capsys.readouterr().err.strip()
    assert "DISCORD_TOKEN is not set" in err and err.count("\n") == 0


def test_a_bad_setting_stops_serve_with_one_line(monkeypatch, tmp_path, capsys):
    from bot import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONRECORD_COOLDOWN", "fast")
    assert cli.main(["serve"]) == 1
    assert capsys.readouterr().err.strip().startswith("onrecord: ONRECORD_COOLDOWN='fast'")
