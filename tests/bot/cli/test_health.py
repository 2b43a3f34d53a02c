"""``onrecord health``: fresh heartbeat file, exit 0; stale or missing, one line and exit 1."""

from __future__ import annotations

import time

from bot.discord.heartbeat import beat, health_problem


def test_a_fresh_heartbeat_is_healthy_and_a_stale_or_missing_one_is_not(tmp_path):
    path = tmp_path / "onrecord.heartbeat"
    assert "not running" in health_problem(path)
    beat(path)
    assert health_problem(path) is None
    assert "stalled" in health_problem(path, stale_after=60, now=time.time() + 120)
    path.write_text("{half")
    assert "cannot read" in health_problem(path)


def test_onrecord_health_exit_codes(tmp_path, monkeypatch, capsys):
    from bot import cli

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "beat"
    monkeypatch.setenv("ONRECORD_HEARTBEAT_FILE", str(path))
    assert cli.main(["health"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("onrecord: unhealthy:") and err.count("\n") == 0
    beat(path)
    assert cli.main(["health"]) == 0
