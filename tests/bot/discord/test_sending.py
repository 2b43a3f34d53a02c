"""Sending posts to Discord: embeds, the Back/More pager only the asker can press, ephemeral notices."""

from __future__ import annotations

import re

import discord

from bot.discord.sending import NOT_YOURS, Pager, send_notice, send_pages, to_embeds
from bot.render import answer_pages, notice_post
from retrieval import Answer
from tests.bot.discord.stubs import StubInteraction, many_pages
from tests.bot.fake_answerer import passage


def test_to_embeds_carries_every_part():
    post = answer_pages(Answer("q", None, "said", False, None, answers=[passage("Yes.", paragraphs=[0])]))[0]
    (embed,) = to_embeds(post)
    assert isinstance(embed, discord.Embed)
    data = embed.to_dict()
    assert data["author"]["name"] == "Maria Lopez, harbour master"
    assert data["description"] == "“Yes.”"
    assert data["footer"]["text"].endswith("¶ 1")


async def test_send_pages_attaches_a_pager_only_when_there_is_more():
    one = StubInteraction()
    await send_pages(one, many_pages(2))
    ((name, kwargs),) = one.response.calls
    assert name == "send_message" and "view" not in kwargs
    assert len(kwargs["embeds"]) == 2 and kwargs["allowed_mentions"].to_dict()["parse"] == []
    several = StubInteraction()
    await send_pages(several, many_pages(7))
    view = several.response.calls[0][1]["view"]
    assert isinstance(view, Pager) and len(view.pages) == 3 and view.origin is several


# -- paging buttons ------------------------------------------------------------------------------


async def test_only_the_asker_can_page():
    pager = Pager(many_pages(7), owner_id=1)
    stranger = StubInteraction(user_id=2)
    assert await pager.interaction_check(stranger) is False
    ((name, kwargs),) = stranger.response.calls
    assert kwargs["content"] == NOT_YOURS and kwargs["ephemeral"] is True
    assert await pager.interaction_check(StubInteraction(user_id=1)) is True


async def test_more_and_back_move_between_pages_and_buttons_follow():
    pages = many_pages(7)
    pager = Pager(pages, owner_id=1)
    assert pager.back.disabled and not pager.more.disabled
    press = StubInteraction()
    await pager.more.callback(press)
    assert pager.page == 1
    kwargs = press.response.calls[0][1]
    assert kwargs["content"] == pages[1].content and kwargs["view"] is pager
    await pager.more.callback(StubInteraction())
    assert pager.page == 2 and pager.more.disabled and not pager.back.disabled
    await pager.back.callback(StubInteraction())
    assert pager.page == 1


async def test_the_pager_disables_its_buttons_when_it_expires():
    pager = Pager(many_pages(7), owner_id=1)
    origin = StubInteraction()
    pager.origin = origin
    await pager.on_timeout()
    assert all(item.disabled for item in pager.children)
    assert origin.actions[0][0] == "edit_original" and origin.actions[0][1]["view"] is pager


async def test_send_notice_is_ephemeral():
    interaction = StubInteraction()
    await send_notice(interaction, "hello @everyone")
    kwargs = interaction.response.calls[0][1]
    assert kwargs["ephemeral"] is True and kwargs["allowed_mentions"].to_dict()["parse"] == []
    assert notice_post("x").ephemeral


def test_mention_syntax_echoed_in_embeds_is_shown_as_typed_never_as_a_mention():
    from bot.discord.sending import neutralise_mentions, post_text
    from bot.render import Card, Post

    typed = "what did <@123> and <@!124> say to <@&456> in <#789> with @everyone and @here?"
    post = Post(cards=(Card(title=typed, body=typed, author=typed, footer=typed),), content=typed)
    embed = to_embeds(post)[0].to_dict()
    texts = [embed["title"], embed["description"], embed["author"]["name"], embed["footer"]["text"], post_text(post)]
    for text in texts:
        assert not re.search(r"<(@[!&]?|#)\d+>|@(everyone|here)", text), text
        assert "<\uff20123>" in text  # still readable as typed
    assert len(neutralise_mentions(typed)) == len(typed)  # so a post within Discord's limits stays within them
    assert neutralise_mentions("mail me at a@b.org, 3 < 4 and <#x>") == "mail me at a@b.org, 3 < 4 and <#x>"


async def test_the_pager_switches_off_on_time_counted_from_the_first_response_whatever_is_pressed():
    import asyncio

    pager = Pager(many_pages(7), owner_id=1, timeout=0.4)
    origin = StubInteraction()
    pager.origin = origin
    pager.start_clock()
    for _ in range(3):  # presses do not extend its life, as discord.py's own view timeout would
        await asyncio.sleep(0.1)
        await pager.more.callback(StubInteraction())
    await asyncio.sleep(0.5)
    assert pager.is_finished() and all(item.disabled for item in pager.children)
    assert [a for a, _ in origin.actions] == ["edit_original"]


async def test_pagers_still_live_are_switched_off_at_shutdown():
    pagers = [Pager(many_pages(7), owner_id=1, timeout=600) for _ in range(2)]
    for pager in pagers:
        pager.origin = StubInteraction()
        pager.start_clock()
    await Pager.switch_off_all()
    assert all(p.is_finished() and all(i.disabled for i in p.children) for p in pagers)
    assert not Pager.live
