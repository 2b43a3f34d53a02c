"""Which passages hold the amount a "how many / how much / how long / when" question asks for."""

from __future__ import annotations

import pytest

from retrieval.amounts import DATE, DURATION, MONEY_OR_SHARE, SCORE, amount_asked, amount_share, asks_amount
from retrieval.ranking import stem


def test_what_a_question_counts():
    assert amount_asked("How many research staff are on fixed-term contracts?").counted == {"research", "staff"}
    assert amount_asked("How many people were killed?").counted == {stem("people")}
    assert amount_asked("how much will water bills go up?").shapes == (MONEY_OR_SHARE,)
    assert amount_asked("How much money is the government spending?").shapes == (MONEY_OR_SHARE,)
    assert amount_asked("How long was she jailed for?").shapes == (DURATION,)
    assert amount_asked("When is the final?").shapes == (DATE,)
    assert amount_asked("What was the score in the quarter-final?").shapes == (SCORE,)
    assert not amount_asked("what did Healey say about talks?")
    assert asks_amount("How many offers have been made?") and not asks_amount("who said it?")


@pytest.mark.parametrize(
    "text, held",
    [
        ("The storm has killed 42 people across the region.", True),
        ("Forty-two people have died, officials said.", True),
        ("People were angry on Tuesday, and 2,000 homes lost power.", False),
        ("People in the region were angry.", False),
    ],
)
def test_a_number_of_what_is_counted(text, held):
    assert (amount_share(text, amount_asked("how many people died?")) > 0) is held


@pytest.mark.parametrize(
    "question, text, held",
    [
        ("How much has the city set aside?", "The city has set aside $12 million for the recovery.", True),
        ("How much will bills rise?", "Bills will rise by 8 per cent next year.", True),
        ("How much did shares rise?", "Shares rose 40% on Monday.", True),
        ("How much will it cost?", "It will cost two billion pounds.", True),
        ("How much will bills rise?", "Bills will rise next year, 3 regulators said.", False),
        ("How long was she jailed for?", "She was jailed for six years on Friday.", True),
        ("How long was she jailed for?", "She was jailed on Friday.", False),
        ("When is the final?", "The final is at Wembley on 17 May.", True),
        ("When did they last meet?", "They had not met since 1965.", True),
        ("What was the score?", "Moreau won 6-4 3-6 7-6 6-2.", True),
    ],
)
def test_with_nothing_counted_the_shape_of_the_answer_counts(question, text, held):
    assert (amount_share(text, amount_asked(question)) > 0) is held


def test_a_sentence_with_the_count_and_the_questions_other_words_is_surest():
    amount, context = amount_asked("how many people were killed?"), {stem("killed")}
    killed = "Gunmen opened fire on Wednesday, killing at least 19 people. The museum was closed."
    wounded = "Two officials were killed. About 50 other people were wounded."
    assert amount_share(killed, amount, context) > amount_share(wounded, amount, context) > 0
    assert amount_share("Officials were killed in the attack.", amount, context) == 0
