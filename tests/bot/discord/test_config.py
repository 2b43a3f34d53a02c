"""Reading the bot's configuration from the environment and .env: values, defaults, errors, no token leaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.discord.config import DEFAULT_API_BASE, BotConfig, parse_cooldown
from bot.errors import ConfigError

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-token-value_1234567890"


def test_defaults_with_an_empty_environment():
    config = BotConfig.from_env({}, dotenv=False)
    assert config.token is None
    assert config.db is None
    assert config.answer_channels == frozenset()
    assert config.dev_guild is None
    assert config.cooldown == (3, 30.0)
    assert config.log_level == "INFO"
    assert config.api_base == DEFAULT_API_BASE == "https://discord.com/api/v10"
    assert config.gateway_url is None
    assert not config.wants_message_content


def test_every_variable_is_read():
    config = BotConfig.from_env(
        {
            "DISCORD_TOKEN": f"  {TOKEN}\n",
            "ONRECORD_DB": "/srv/onrecord/kb.sqlite",
            "ONRECORD_ANSWER_CHANNELS": "111111111111111111, 222222222222222222",
            "ONRECORD_DEV_GUILD": "333333333333333333",
            "ONRECORD_COOLDOWN": "5/60",
            "ONRECORD_LOG_LEVEL": "debug",
            "DISCORD_API_BASE": "http://127.0.0.1:8080/api/v10/",
            "DISCORD_GATEWAY_URL": "ws://127.0.0.1:8080/gateway",
        },
        dotenv=False,
    )
    assert config.token == TOKEN
    assert config.db == Path("/srv/onrecord/kb.sqlite")
    assert config.answer_channels == {111111111111111111, 222222222222222222}
    assert config.wants_message_content
    assert config.dev_guild == 333333333333333333
    assert config.cooldown == (5, 60.0)
    assert config.log_level == "DEBUG"
    assert config.api_base == "http://127.0.0.1:8080/api/v10"
    assert config.gateway_url == "ws://127.0.0.1:8080/gateway"


def test_the_token_never_appears_in_repr_or_str():
    config = BotConfig.from_env({"DISCORD_TOKEN": TOKEN}, dotenv=False)
    assert TOKEN not in repr(config)
    assert TOKEN not in str(config)
    assert "secret" not in repr(config)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3/30", (3, 30.0)),
        ("3/30s", (3, 30.0)),
        (" 10 / 2.5 ", (10, 2.5)),
        ("off", None),
        ("0", None),
        (None, (3, 30.0)),
        ("", (3, 30.0)),
    ],
)
def test_cooldown_parsing(text, expected):
    assert parse_cooldown(text) == expected


@pytest.mark.parametrize("text", ["3", "three/30", "0/30", "3/0", "-1/30", "3/30/4", "3 per 30"])
def test_a_bad_cooldown_names_the_variable_and_the_format(text):
    with pytest.raises(ConfigError, match=r"ONRECORD_COOLDOWN=.*QUESTIONS/SECONDS"):
        parse_cooldown(text)


@pytest.mark.parametrize(
    "name, value",
    [
        ("ONRECORD_ANSWER_CHANNELS", "general"),
        ("ONRECORD_ANSWER_CHANNELS", "123,abc"),
        ("ONRECORD_DEV_GUILD", "my-server"),
        ("ONRECORD_DEV_GUILD", "-5"),
        ("ONRECORD_LOG_LEVEL", "loud"),
        ("DISCORD_API_BASE", "discord.com/api"),
        ("DISCORD_GATEWAY_URL", "https://gateway.discord.gg"),
        ("ONRECORD_COOLDOWN", "fast"),
    ],
)
def test_bad_values_give_one_clear_line_naming_the_variable(name, value):
    with pytest.raises(ConfigError) as caught:
        BotConfig.from_env({name: value}, dotenv=False)
    message = str(caught.value)
    assert message.startswith(f"{name}=")
    assert "\n" not in message


def test_blank_values_count_as_unset():
    config = BotConfig.from_env({"DISCORD_TOKEN": "  ", "ONRECORD_DEV_GUILD": "", "ONRECORD_DB": ""}, dotenv=False)
    assert config.token is None and config.dev_guild is None and config.db is None


def test_dotenv_fills_in_but_never_overrides(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\nONRECORD_COOLDOWN=2/10\n# a comment\n")
    monkeypatch.chdir(tmp_path)
    config = BotConfig.from_env({"ONRECORD_COOLDOWN": "4/20"})
    assert config.token == TOKEN
    assert config.cooldown == (4, 20.0)
    assert BotConfig.from_env({}, dotenv=False).token is None


def test_from_env_defaults_to_the_process_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONRECORD_DEV_GUILD", "42")
    assert BotConfig.from_env().dev_guild == 42


def test_shards_and_the_shard_ids_of_this_process():
    from bot.discord.config import BotConfig
    from bot.errors import ConfigError

    assert BotConfig.from_env({}, dotenv=False).shards is None
    config = BotConfig.from_env({"ONRECORD_SHARDS": "4", "ONRECORD_SHARD_IDS": "2, 3"}, dotenv=False)
    assert (config.shards, config.shard_ids) == (4, (2, 3))
    for bad in (
        {"ONRECORD_SHARD_IDS": "1"},
        {"ONRECORD_SHARDS": "2", "ONRECORD_SHARD_IDS": "2"},
        {"ONRECORD_SHARDS": "0"},
    ):
        with pytest.raises(ConfigError, match="ONRECORD_SHARD"):
            BotConfig.from_env(bad, dotenv=False)
