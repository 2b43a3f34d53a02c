"""The lexicon: forms derived from lemmas, sets well formed, and one new line reaching every rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import knowledge.lexicon as lexicon
from knowledge.lexicon import inflect


@pytest.mark.parametrize(
    "lemma, third, past, ing",
    [
        ("say", "says", "said", "saying"),
        ("tell", "tells", "told", "telling"),
        ("write", "writes", "wrote", "writing"),
        ("speak", "speaks", "spoke", "speaking"),
        ("reply", "replies", "replied", "replying"),
        ("deny", "denies", "denied", "denying"),
        ("stress", "stresses", "stressed", "stressing"),
        ("agree", "agrees", "agreed", "agreeing"),
        ("argue", "argues", "argued", "arguing"),
        ("admit", "admits", "admitted", "admitting"),
        ("quip", "quips", "quipped", "quipping"),
        ("snap", "snaps", "snapped", "snapping"),
        ("plead", "pleads", "pleaded", "pleading"),
        ("whisper", "whispers", "whispered", "whispering"),
    ],
)
def test_forms_are_derived_from_the_lemma(lemma, third, past, ing):
    forms = inflect(lemma)
    assert (forms.third, forms.past, forms.ing) == (third, past, ing)


@pytest.mark.parametrize(
    "lemma, british, american",
    [
        ("label", ("labelled", "labelling"), ("labeled", "labeling")),
        ("signal", ("signalled", "signalling"), ("signaled", "signaling")),
    ],
)
def test_british_and_american_spellings_are_both_derived(lemma, british, american):
    forms = inflect(lemma)
    assert (forms.past, forms.ing) == british
    assert (forms.us_past, forms.us_ing) == american
    assert set(british + american) <= forms.all()


def test_speech_verb_sets_hold_the_forms_their_tags_say():
    assert {"said", "says", "saying", "told", "adding", "labelled", "labeled", "quoted"} <= lexicon.SPEECH_VERBS
    # a noun first ("a note", "calls") or another use ("speak") does not frame a quotation
    assert not {"note", "notes", "call", "calls", "speak", "speaks", "speaking", "post", "state"} & lexicon.SPEECH_VERBS
    assert {"said", "says", "noted", "replied"} <= lexicon.INVERTING_VERBS
    assert "notes" not in lexicon.INVERTING_VERBS and "told" not in lexicon.INVERTING_VERBS
    assert "adding" in lexicon.PARTICIPLES and "reporting" not in lexicon.PARTICIPLES
    assert lexicon.TELLING_VERBS == {"tell", "tells", "told", "telling"}
    assert {"said", "told", "warned"} <= lexicon.REPORTING_VERBS
    assert {"think", "thought", "say", "saying"} <= lexicon.QUESTION_VERBS
    assert lexicon.PLAIN_SAYING_VERBS <= lexicon.QUESTION_VERBS


def test_a_verb_whose_present_frames_only_inverted():
    # "…,” reads the notice frames a quotation; "she reads novels" does not
    assert {"reads", "read"} <= lexicon.INVERTING_VERBS
    assert "reads" in lexicon.SPEECH_VERBS and "reads" in lexicon.INVERTED_ONLY_VERBS
    assert "read" not in lexicon.INVERTED_ONLY_VERBS and "reading" not in lexicon.SPEECH_VERBS


def test_interrupted_frames_only_before_its_speaker():
    # "…,” interrupted Pell reports words; "Pell interrupted the meeting" does not
    assert "interrupted" in lexicon.INVERTING_VERBS and "interrupted" in lexicon.INVERTED_ONLY_VERBS
    assert "interrupting" not in lexicon.PARTICIPLES


def test_a_crowd_verb_gives_its_participles():
    assert {"chanting", "shouting"} <= lexicon.speech.CROWD_PARTICIPLES <= lexicon.PARTICIPLES
    assert "saying" not in lexicon.speech.CROWD_PARTICIPLES


def test_a_phrasal_verb_inflects_its_first_word_and_frames_with_its_particle():
    forms = inflect("shoot back")
    assert (forms.third, forms.past, forms.ing) == ("shoots back", "shot back", "shooting back")
    assert "shot back" in lexicon.SPEECH_VERBS and "shot back" in lexicon.INVERTING_VERBS
    assert "shot" not in lexicon.SPEECH_VERBS


def test_honorifics_carry_their_gender():
    assert lexicon.HONORIFICS["mr"] == "m" and lexicon.HONORIFICS["ms"] == "f" and lexicon.HONORIFICS["dr"] is None
    assert lexicon.HONORIFIC_GENDER == {k: v for k, v in lexicon.HONORIFICS.items() if v}
    assert {"mr", "dr", "sgt"} <= lexicon.ABBREVIATED_HONORIFICS and "sir" not in lexicon.ABBREVIATED_HONORIFICS
    assert lexicon.TITLE_ABBREVIATIONS["gov"] == "governor"


def test_months_map_names_and_abbreviations_to_their_number():
    assert lexicon.MONTHS["sept"] == lexicon.MONTHS["september"] == 9 and lexicon.MONTHS["may"] == 5
    assert len(lexicon.MONTH_NAMES) == 12 and "may" not in lexicon.MONTH_ABBREVIATIONS


def _word_collections():
    for name in lexicon.__all__:
        value = getattr(lexicon, name)
        if isinstance(value, (set, frozenset, tuple, dict)) and name not in {"IRREGULAR_VERBS", "SPEECH_VERB_TAGS"}:
            yield name, value


@pytest.mark.parametrize("name, words", list(_word_collections()))
def test_every_word_list_is_non_empty_and_lower_case(name, words):
    assert words
    keys = [w for w in words if isinstance(w, str)]
    assert keys == [w.lower() for w in keys], name


def test_one_new_lemma_reaches_frames_reporting_and_questions():
    """Adding "intone" with its tags is one line, and every rule that reads the lexicon sees it."""
    script = r'''
import importlib
from pathlib import Path
import knowledge.lexicon.speech as speech
source = Path(speech.__file__).read_text(encoding="utf-8")
source = source.replace('SPEECH_VERB_TABLE = """\n', 'SPEECH_VERB_TABLE = """\nintone  frames inverts reports asks\n', 1)
exec(compile(source, speech.__file__, "exec"), speech.__dict__)
import knowledge.lexicon as lexicon, knowledge.lexicon.function_words as fw
for module in (fw, lexicon):
    importlib.reload(module)
import knowledge.phrases, knowledge.frames, knowledge.attribution, knowledge.extraction
for module in (knowledge.phrases, knowledge.frames, knowledge.attribution, knowledge.extraction):
    importlib.reload(module)
from knowledge.model import Document, Paragraph
assert {"intoned", "intones"} <= lexicon.REPORTING_VERBS
assert "intone" in lexicon.QUESTION_VERBS and "intoned" in lexicon.INVERTING_VERBS
paragraphs = [Paragraph(index=0, text="“We will build it,” intoned Ann Cole, the council leader.", source_index=0)]
article = knowledge.extraction.extract_knowledge(Document(id="t", title=None, date=None, source=None,
                                                          paragraphs=paragraphs))
assert [q.speaker for q in article.quotes] == ["Ann Cole"], article.quotes
'''
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_without_the_new_lemma_the_frame_is_not_read():
    from tests.knowledge.made_up import article, speakers_of

    assert "intoned" not in lexicon.SPEECH_VERBS
    assert speakers_of(article("“We will build it,” intoned Ann Cole, the council leader.")) != ["Ann Cole"]
