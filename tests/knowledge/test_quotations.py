"""Finding quotations: marks, apostrophes, multi-paragraph quotes, split quotes, pull quotes, non-speech."""

from __future__ import annotations

import pytest

from knowledge.marks import find_spans
from knowledge.quotations import speaker_label
from tests.knowledge.made_up import article, speakers_of, texts


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("“We will win,” said Maria Lopez.", ["We will win,"]),
        ('"We will win," said Maria Lopez.', ["We will win,"]),
        ('“We will win," said Maria Lopez, "and soon.”', ["We will win,", "and soon."]),
        ("”We will win”, said Maria Lopez.", ["We will win"]),  # a misused closing glyph that opens
    ],
)
def test_curly_straight_and_mixed_marks(paragraph, expected):
    assert texts(article(paragraph)) == expected


def test_apostrophes_are_not_quotation_marks():
    a = article(
        "Nato’s players’ union said the club didn’t pay, and the fans' anger grew; "
        "Ms O'Neill said: “It’s the players’ money, not Nato’s.”"
    )
    assert texts(a) == ["It’s the players’ money, not Nato’s."]


def test_single_marks_inside_double_marks_stay_in_the_outer_quote():
    a = article("“He told me ‘never again’ and I believed him,” said Ana Ruiz.")
    assert texts(a) == ["He told me ‘never again’ and I believed him,"]
    assert a.quotes[0].speaker == "Ana Ruiz"


def test_single_marks_quote_when_the_copy_uses_no_double_marks():
    spans = find_spans("The minister said 'we are ready' and left.", 0, singles=True)
    assert len(spans) == 1
    a = article(
        "The chief executive, Sam Patel, said 'we are ready for this' on Monday.",
        "Patel added that the firm's plans 'will not change'.",
    )
    assert texts(a) == ["we are ready for this", "will not change"]
    assert {q.speaker for q in a.quotes} == {"Sam Patel"}


def test_headline_with_single_marks_is_attributed_from_the_body():
    a = article(
        "Nurses 'pushed to breaking point'",
        "Nurses across the country are being pushed to breaking point, says a survey by the "
        "Royal College of Nursing published on Monday.",
    )
    headline = [q for q in a.quotes if q.paragraphs == [0]]
    assert [q.text for q in headline] == ["pushed to breaking point"]
    assert "survey" in headline[0].speaker


def test_multi_paragraph_quote_is_one_quote_over_its_paragraphs():
    a = article(
        "Dr Amara Obi said: “The first point is simple.",
        "“The second point follows from it.",
        "“And the third ends it.”",
        "Her colleague disagreed.",
    )
    assert len(a.quotes) == 1
    quote = a.quotes[0]
    assert quote.paragraphs == [0, 1, 2]
    assert quote.text == "The first point is simple.\nThe second point follows from it.\nAnd the third ends it."
    assert quote.speaker == "Amara Obi"
    assert quote.kind == "direct"


def test_a_quote_left_open_ends_with_its_paragraph_when_the_next_does_not_reopen():
    a = article("Tom Reed said: “We are still waiting", "The council did not reply.")
    assert texts(a) == ["We are still waiting"]
    assert a.quotes[0].paragraphs == [0]


def test_quote_split_by_its_attribution_gives_both_halves_to_the_speaker():
    a = article("“We have done everything we can,” the coach, Lena Berg, said, “and we will keep going.”")
    assert texts(a) == ["We have done everything we can,", "and we will keep going."]
    assert [q.speaker for q in a.quotes] == ["Lena Berg", "Lena Berg"]


def test_second_sentence_of_a_paragraph_belongs_to_the_same_speaker():
    a = article('"It was hard," Kofi Mensah said. "We needed this. Now we can rest."')
    assert [q.speaker for q in a.quotes] == ["Kofi Mensah", "Kofi Mensah"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The bank’s forecasts put the long-run “neutral” rate at 3 percent.",
        "Visitors queued outside the “Crystal Palace” arena before dawn.",
        "Critics have panned the film “The Long Night” since it opened.",
        "Prices rose, according to the so-called “heat map” of regional data.",
    ],
)
def test_scare_quotes_names_and_titles_are_nobodys_speech(paragraph):
    a = article(paragraph)
    assert all(q.speaker is None for q in a.quotes)
    assert not a.speakers


def test_partial_quote_inside_reported_speech_belongs_to_the_subject():
    a = article(
        "Priya Shah, the charity’s director, said the cuts would hurt “the poorest families first” "
        "and called them “a false economy”."
    )
    assert [(q.text, q.speaker, q.kind) for q in a.quotes] == [
        ("the poorest families first", "Priya Shah", "partial"),
        ("a false economy", "Priya Shah", "partial"),
    ]


def test_pull_quote_is_marked_and_repeats_the_body_quote_without_the_name():
    body = "We cannot keep asking staff to do more with less, and we will say so loudly"
    a = article(
        "Health Secretary Rosa Diaz warned on Tuesday that services were stretched.",
        f"{body} Health Secretary Rosa Diaz",
        f"Ms Diaz said: “{body}.”",
    )
    assert a.paragraphs[1].role == "pullquote"
    assert a.paragraphs[0].role == "body"
    pull = next(q for q in a.quotes if q.kind == "pullquote")
    original = next(q for q in a.quotes if q.kind != "pullquote")
    assert pull.text == body
    assert "Rosa" not in pull.text
    assert pull.repeats == original.id
    assert pull.speaker == original.speaker == "Rosa Diaz"
    assert [q.id for q in a.quotes] == ["q1", "q2"]


def test_quote_ids_follow_article_order():
    a = article("“One,” said Ann Lee.", "“Two,” said Ben Cho.", "“Three,” said Ann Lee.")
    assert [q.id for q in a.quotes] == ["q1", "q2", "q3"]
    assert [q.paragraphs for q in a.quotes] == [[0], [1], [2]]


def test_unattributed_long_quote_is_kept_without_a_speaker():
    a = article("“This is a long sentence that somebody plainly said out loud,” read a sign on the wall.")
    assert texts(a) == ["This is a long sentence that somebody plainly said out loud,"]
    assert a.quotes[0].speaker is None


def test_a_short_opening_that_runs_into_the_next_paragraph_is_kept():
    a = article("“First part,” said Olga Berg. “Second part continues", "“and ends here.”")
    assert [(q.text, q.speaker, q.paragraphs) for q in a.quotes] == [
        ("First part,", "Olga Berg", [0]),
        ("Second part continues\nand ends here.", "Olga Berg", [0, 1]),
    ]


def test_unattributed_quote_in_a_headline_shaped_line_is_not_the_storys():
    a = article(
        "“It was a difficult day,” said Ana Ruiz.",
        "Minister: “We will rebuild every single home that was lost” in floods",
        "The rebuilding starts next week.",
    )
    assert texts(a) == ["It was a difficult day,"]


def test_pull_quote_between_paragraphs_of_one_quotation_does_not_break_it():
    a = article(
        "Coach Ivan Petrov said: “We worked hard all season and we never gave up on each other.",
        "We never gave up on each other Coach Ivan Petrov",
        "“That is why we won.”",
    )
    body = [q for q in a.quotes if q.kind != "pullquote"]
    assert [(q.paragraphs, q.speaker) for q in body] == [([0, 2], "Ivan Petrov")]
    assert a.paragraphs[1].role == "pullquote"


@pytest.mark.parametrize(
    "pull",
    [
        "“Nobody here wanted this fight, but we will finish it” — Ines Moro, union leader",
        "Nobody here wanted this fight, but we will finish it Ines Moro, union leader",
    ],
)
def test_pull_quote_with_marks_or_a_lowercase_title(pull):
    a = article(
        "Union leader Ines Moro addressed the rally on Saturday.",
        pull,
        "Ms Moro said: “Nobody here wanted this fight, but we will finish it.”",
    )
    assert a.paragraphs[1].role == "pullquote"
    kinds = [(q.kind, q.speaker) for q in a.quotes]
    assert kinds == [("pullquote", "Ines Moro"), ("direct", "Ines Moro")]
    assert a.quotes[0].repeats == a.quotes[1].id
    assert "Moro" not in a.quotes[0].text


def test_double_marks_inside_double_marks_and_an_unclosed_quote_before_a_new_one():
    nested = article("“He said “no” to me, and that was that,” said Ana Ruiz.")
    assert texts(nested) == ["He said “no” to me, and that was that,"]
    unclosed = article("Ana Ruiz said: “We tried everything. “Nothing worked,” she added.")
    assert texts(unclosed) == ["We tried everything.", "Nothing worked,"]


def test_question_or_exclamation_before_the_attribution_does_not_end_the_sentence():
    a = article("“Why would we stop now?” Petra Novak asked. “We have only just begun!” Novak said.")
    assert [(q.text, q.speaker) for q in a.quotes] == [
        ("Why would we stop now?", "Petra Novak"),
        ("We have only just begun!", "Petra Novak"),
    ]


def test_single_mark_copy_with_a_stray_double_mark_still_quotes_with_singles():
    a = article(
        "Mr Hale said: 'We are delighted with the result.'",
        "'It has been a long road,' he added, calling the show \"Dragon Rising\" a triumph.",
        "Fans called it 'the best night of the year'.",
    )
    assert texts(a)[:2] == ["We are delighted with the result.", "It has been a long road,"]
    assert a.quotes[0].speaker == a.quotes[1].speaker == "Hale"


def test_plural_possessive_inside_a_single_mark_quote():
    a = article("'The players' union is strong and the fans' patience is not endless,' said Joe Kerr.")
    assert texts(a) == ["The players' union is strong and the fans' patience is not endless,"]
    assert a.quotes[0].speaker == "Joe Kerr"


def test_doubled_apostrophes_are_double_marks():
    a = article("''We will reopen the bridge in May,'' said Ann Cole, the council leader. ''It's the council's job.''")
    assert [(q.text, q.speaker) for q in a.quotes] == [
        ("We will reopen the bridge in May,", "Ann Cole"),
        ("It's the council's job.", "Ann Cole"),
    ]


def test_initials_do_not_end_a_sentence():
    a = article("Ann Cole spoke first. “We will not stop,” Rep. J.T. Halloway said on Monday.")
    assert [(q.text, q.speaker) for q in a.quotes] == [("We will not stop,", "J.T. Halloway")]


def test_doubled_apostrophe_copy_with_inner_single_marks_still_quotes_with_the_doubled_ones():
    a = article(
        "''People tell me, 'You cannot win,' and I say, 'Watch me,''' Ms. Lee said.",
        "Tom Ross called it ''a 'fantasy' budget that nobody can pay for.''",
    )
    assert texts(a) == [
        "People tell me, 'You cannot win,' and I say, 'Watch me,'",
        "a 'fantasy' budget that nobody can pay for.",
    ]


@pytest.mark.parametrize(
    "paragraph, first",
    [
        (
            '"She said she would be \'above the law,\' " said Ann Cole. "It is wrong."',
            "She said she would be 'above the law,'",
        ),
        (
            "''She said she would be 'above the law,'  '' said Ann Cole. ''It is wrong.''",
            "She said she would be 'above the law,'",
        ),
        (
            "''She said she would be above the law, '' said Ann Cole. ''It is wrong.''",
            "She said she would be above the law,",
        ),
    ],
)
def test_a_closing_straight_mark_set_off_by_spaces_still_closes_the_quote(paragraph, first):
    a = article(paragraph)
    assert [(q.text.strip(), q.speaker) for q in a.quotes] == [(first, "Ann Cole"), ("It is wrong.", "Ann Cole")]


@pytest.mark.parametrize(
    "paragraph",
    [
        'Rep. Ann Cole:"I have not heard anyone cite that figure before today."',
        "\u202a”I have not heard anyone cite that figure before today.” posted Ann Cole.",
    ],
)
def test_a_mark_after_a_colon_or_an_invisible_direction_mark_opens_the_quote(paragraph):
    a = article(paragraph)
    assert [(q.text, q.speaker) for q in a.quotes] == [
        ("I have not heard anyone cite that figure before today.", "Ann Cole")
    ]


def test_a_question_ended_by_its_speaker_and_her_description_is_one_sentence():
    a = article(
        "Volunteers Eva Mill and Gloria Major sit by the door.",
        "“How are you today?” Major, a retired worker, said quietly. “We knocked on every door.”",
    )
    assert speakers_of(a) == ["Gloria Major", "Gloria Major"]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ('"', '"'), ("''", "''"), ("``", "''")])
def test_a_quotation_left_open_continues_in_a_paragraph_that_opens_with_a_mark_of_any_style(opening, closing):
    a = article(
        "Ann Cole, the council leader, spoke on Monday.",
        f"{opening}We will build the bridge,{closing} Cole said. {opening}It is what the town needs.",
        f"{opening}Nobody will stop it.{closing}",
        f"Tom Ross disagreed. {opening}It is a waste,{closing} he said.",
    )
    assert [(q.text, q.speaker, q.kind) for q in a.quotes] == [
        ("We will build the bridge,", "Ann Cole", "direct"),
        ("It is what the town needs.\nNobody will stop it.", "Ann Cole", "direct"),
        ("It is a waste,", "Tom Ross", "direct"),
    ]


def test_wire_copy_backtick_pairs_are_quotation_marks():
    a = article("``We apologize,'' Dan Pellow of Harbour Securities wrote to clients on Friday.")
    assert [(q.text, q.speaker, q.kind) for q in a.quotes] == [("We apologize,", "Dan Pellow", "direct")]


@pytest.mark.parametrize(
    "words, label",
    [
        ("BRANDT: Let’s begin with the ferry.", "BRANDT"),
        ("MS. BRANDT: Let’s begin with the ferry.", "BRANDT"),
        ("Ingrid Keller: If I may add, the fares stay.", "Ingrid Keller"),
        ("VIDEO: The ferry leaves the pier at dawn.", None),
        ("UPDATE: The ferry is late.", None),
        ("Ferry Tales: A Harbour History", None),
        ("The plan is simple: the ferry sails at dawn.", None),
    ],
)
def test_a_speaker_label_opens_a_transcript_turn(words, label):
    assert speaker_label(words) == label


@pytest.mark.parametrize(
    "paragraph, quoted",
    [
        (
            '"The ferry is late again,"Ingrid Keller said. "Nobody is surprised."',
            ["The ferry is late again,", "Nobody is surprised."],
        ),
        ('Ingrid Keller said,"The ferry is late again."', ["The ferry is late again."]),
    ],
)
def test_a_straight_mark_with_its_space_left_out_still_closes_or_opens(paragraph, quoted):
    assert [paragraph[s.start : s.end] for s in find_spans(paragraph, 0)] == quoted
