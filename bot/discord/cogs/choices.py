"""Autocomplete callbacks for the speaker and article options, shared by every command that has them."""

from __future__ import annotations

import discord
from discord import app_commands

from ... import replies
from ..bot import collection_of


async def speaker_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Offer up to 25 canonical speaker names this server sees best matching what has been typed (aliases match too)."""
    client = interaction.client
    return await client.autocomplete(  # type: ignore[attr-defined]
        replies.speaker_choices, current, collection=collection_of(interaction.guild)
    )


async def article_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Offer up to 25 articles this server sees (title · date, valued by id) best matching what has been typed."""
    client = interaction.client
    return await client.autocomplete(  # type: ignore[attr-defined]
        replies.article_choices, current, collection=collection_of(interaction.guild)
    )
