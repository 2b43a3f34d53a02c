"""Autocomplete callbacks for the speaker and article options, shared by every command that has them."""

from __future__ import annotations

import discord
from discord import app_commands

from ... import replies


async def speaker_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Offer up to 25 canonical speaker names best matching what has been typed (aliases match too)."""
    return await interaction.client.autocomplete(replies.speaker_choices, current)  # type: ignore[attr-defined]


async def article_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Offer up to 25 articles (title · date, valued by id) best matching what has been typed."""
    return await interaction.client.autocomplete(replies.article_choices, current)  # type: ignore[attr-defined]
