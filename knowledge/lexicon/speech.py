"""The verbs and nouns of saying, written once as lemmas with what each does, and the rules that
derive every form of a verb (says, said, saying; British labelled and American labeled).

Each line of ``SPEECH_VERB_TABLE`` is a lemma (a phrasal verb joined by "_": ``shoot_back``)
and its tags. Adding a verb is one line, and its tags carry it to every rule that reads the
lexicon:

- ``frames``: it frames a quotation in an article ("X said", "said X", "adding:");
  ``past-only``: only its past does ("spoke", "posted": "speak", "post" are other uses);
  ``noun``: its lemma and -s form are nouns first ("a note", "calls"), so they do not frame;
  ``inverted-only``: it frames only before its speaker ("…,” remembered Cole; "Cole remembered
  her as kind" reports no words);
  ``base-noun``: its lemma alone is ("the state"); ``no-ing``: its -ing form does not frame;
  ``no-participle``: its -ing form does not open a participle clause ("reporting");
  ``crowd``: what a crowd does with one voice, so its -ing clause belongs to the group just
  named ("about 40 marchers had gathered, chanting");
- ``inverts``: its past and -s forms may come before the speaker ("…,” said Kohli, "says a
  report"); ``inverts-past``: only its past does;
- ``names``: "what he called …" ("called", "calls"); ``names-past``: only the past
  ("dubbed"); ``names-as``: with "as" ("described as");
- ``reports``: a paragraph that puts it next to a name reports that person ("Healey said",
  "said Azzouz"); ``reports-past``: only its past does ("stated": "states" next to a name is
  "United States"); ``reports-pronoun``: a paragraph that opens "He/She/They …" with it
  reports the person the pronoun stands for;
- ``asks``: a question with it asks for someone's words or views ("what did X say");
  ``asks-ing``: its -ing form too; ``asks-base``: only its lemma ("what did X make of Y",
  not "offers have been made"); ``plain``: it asks only for words, adding nothing to
  what they are about ("say", "tell", "mention").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs whose past and participle no suffix rule gives: lemma -> (past, past participle).
IRREGULAR_VERBS = {
    lemma: tuple(forms.split())
    for lemma, forms in (
        ("say", "said said"),
        ("tell", "told told"),
        ("speak", "spoke spoken"),
        ("write", "wrote written"),
        ("think", "thought thought"),
        ("feel", "felt felt"),
        ("see", "saw seen"),
        ("mean", "meant meant"),
        ("make", "made made"),
        ("meet", "met met"),
        ("take", "took taken"),
        ("give", "gave given"),
        ("win", "won won"),
        ("lose", "lost lost"),
        ("fall", "fell fallen"),
        ("rise", "rose risen"),
        ("steal", "stole stolen"),
        ("pay", "paid paid"),
        ("buy", "bought bought"),
        ("sell", "sold sold"),
        ("bring", "brought brought"),
        ("seek", "sought sought"),
        ("catch", "caught caught"),
        ("teach", "taught taught"),
        ("fight", "fought fought"),
        ("begin", "began begun"),
        ("run", "ran run"),
        ("come", "came come"),
        ("go", "went gone"),
        ("get", "got gotten"),
        ("know", "knew known"),
        ("grow", "grew grown"),
        ("throw", "threw thrown"),
        ("show", "showed shown"),
        ("drive", "drove driven"),
        ("ride", "rode ridden"),
        ("break", "broke broken"),
        ("choose", "chose chosen"),
        ("freeze", "froze frozen"),
        ("hide", "hid hidden"),
        ("keep", "kept kept"),
        ("leave", "left left"),
        ("lead", "led led"),
        ("hold", "held held"),
        ("build", "built built"),
        ("send", "sent sent"),
        ("spend", "spent spent"),
        ("lend", "lent lent"),
        ("find", "found found"),
        ("hear", "heard heard"),
        ("sit", "sat sat"),
        ("stand", "stood stood"),
        ("understand", "understood understood"),
        ("strike", "struck struck"),
        ("shoot", "shot shot"),
        ("flee", "fled fled"),
        ("bleed", "bled bled"),
        ("eat", "ate eaten"),
        ("fly", "flew flown"),
        ("draw", "drew drawn"),
        ("forbid", "forbade forbidden"),
        ("forget", "forgot forgotten"),
        ("forgive", "forgave forgiven"),
        ("swim", "swam swum"),
        ("sing", "sang sung"),
        ("drink", "drank drunk"),
        ("sink", "sank sunk"),
        ("shrink", "shrank shrunk"),
        ("wear", "wore worn"),
        ("tear", "tore torn"),
        ("swear", "swore sworn"),
        ("bear", "bore borne"),
        ("lie", "lay lain"),
        ("hit", "hit hit"),
        ("set", "set set"),
        ("cut", "cut cut"),
        ("put", "put put"),
        ("quit", "quit quit"),
        ("read", "read read"),
        ("bet", "bet bet"),
        ("shut", "shut shut"),
    )
}
# Plurals no suffix rule gives: singular -> plural.
IRREGULAR_PLURALS = {
    "man": "men",
    "woman": "women",
    "child": "children",
    "person": "people",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "life": "lives",
    "wife": "wives",
    "knife": "knives",
    "leaf": "leaves",
    "half": "halves",
    "thief": "thieves",
    "crisis": "crises",
    "analysis": "analyses",
}
# Verbs of two syllables or more stressed on the last, which double their final consonant (admitted).
_STRESSED_LAST = {
    "admit",
    "concur",
    "commit",
    "regret",
    "rebut",
    "refer",
    "occur",
    "omit",
    "permit",
    "submit",
    "begin",
    "forget",
    "compel",
    "control",
    "patrol",
    "expel",
    "propel",
}


@dataclass(frozen=True)
class VerbForms:
    """The forms of one verb; ``us_past`` and ``us_ing`` hold American spellings that differ from the British."""

    lemma: str
    third: str  # says
    past: str  # said
    ing: str  # saying
    us_past: str | None = None  # labeled (British labelled)
    us_ing: str | None = None  # labeling

    def all(self) -> set[str]:
        """Return every form, the lemma included."""
        return {self.lemma, self.third, self.past, self.ing} | {f for f in (self.us_past, self.us_ing) if f}

    def pasts(self) -> set[str]:
        """Return the past in every spelling."""
        return {self.past} | ({self.us_past} if self.us_past else set())

    def ings(self) -> set[str]:
        """Return the -ing form in every spelling."""
        return {self.ing} | ({self.us_ing} if self.us_ing else set())


def _doubles(lemma: str) -> bool:
    """Return True when the final consonant doubles before -ed/-ing (snapped, quipped, admitted)."""
    if lemma in _STRESSED_LAST:
        return True
    # one syllable, one vowel letter, one final consonant: snap, dub, quip ("qu" is a consonant)
    return bool(re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma.replace("qu", "q")))


def _doubles_l_in_british(lemma: str) -> bool:
    """label -> labelled (British), labeled (American): an unstressed last syllable ending in vowel + l."""
    return (
        bool(re.search(r"[^aeiou][aeiou]l$", lemma))
        and len(re.findall(r"[aeiou]+", lemma)) >= 2
        and lemma not in _STRESSED_LAST
    )


def third_person(lemma: str) -> str:
    """say -> says, reply -> replies, stress -> stresses."""
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    return lemma + "s"


def _suffixed(lemma: str, suffix: str) -> str:
    """Add -ed or -ing by the regular rules (agreed, argued, replied, snapped, dying)."""
    if suffix == "ed":
        if lemma.endswith("e"):
            return lemma + "d"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ied"
    else:
        if lemma.endswith("ie"):
            return lemma[:-2] + "ying"
        if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
            return lemma[:-1] + "ing"
    if _doubles(lemma):
        return lemma + lemma[-1] + suffix
    return lemma + suffix


def inflect(lemma: str) -> VerbForms:
    """Return the forms of the verb ``lemma`` ("say" -> says, said, saying; "label" -> labelled/labeled).

    A phrasal verb inflects its first word ("shoot back" -> shot back).
    """
    if " " in lemma:
        head, particle = lemma.split(" ", 1)
        forms = inflect(head)
        return VerbForms(
            lemma,
            f"{forms.third} {particle}",
            f"{forms.past} {particle}",
            f"{forms.ing} {particle}",
            us_past=f"{forms.us_past} {particle}" if forms.us_past else None,
            us_ing=f"{forms.us_ing} {particle}" if forms.us_ing else None,
        )
    irregular = IRREGULAR_VERBS.get(lemma)
    past = irregular[0] if irregular else _suffixed(lemma, "ed")
    ing = _suffixed(lemma, "ing")
    if _doubles_l_in_british(lemma):
        return VerbForms(
            lemma,
            third_person(lemma),
            lemma + "led",
            lemma + "ling",
            us_past=past if not irregular else None,
            us_ing=ing,
        )
    return VerbForms(lemma, third_person(lemma), past, ing)


SPEECH_VERB_TABLE = """
say           frames inverts reports reports-pronoun asks asks-ing plain
tell          frames reports reports-pronoun asks asks-ing plain
add           frames inverts reports reports-pronoun asks plain
warn          frames inverts reports reports-pronoun asks
declare       frames inverts reports asks
vow           frames reports reports-pronoun asks
claim         frames inverts reports reports-pronoun asks
insist        frames inverts reports reports-pronoun asks
state         frames base-noun inverts-past reports-past asks plain
announce      frames inverts reports reports-pronoun asks
explain       frames inverts reports reports-pronoun asks
note          frames noun inverts-past reports reports-pronoun asks plain
argue         frames inverts reports reports-pronoun asks
ask           frames inverts reports asks
reply         frames inverts reports asks
respond       frames inverts-past asks
answer        frames inverts-past asks
write         frames inverts reports reports-pronoun asks
tweet         frames inverts-past asks
acknowledge   frames inverts-past reports reports-pronoun asks
admit         frames inverts reports reports-pronoun asks
concede       frames inverts reports reports-pronoun asks
confirm       frames inverts reports reports-pronoun
deny          frames reports-pronoun asks
suggest       frames inverts reports reports-pronoun asks
predict       frames inverts reports reports-pronoun asks
promise       frames reports-pronoun asks
pledge        frames
urge          frames reports reports-pronoun asks
call          frames noun names reports-pronoun asks
describe      frames names-as reports reports-pronoun asks
accuse        frames reports-pronoun asks
complain      frames asks
recall        frames inverts reports asks
remark        frames inverts-past asks plain
observe       frames inverts-past
conclude      frames inverts
stress        frames inverts reports reports-pronoun asks
emphasise     frames asks
emphasize     frames asks
report        frames noun no-participle inverts-past
reveal        frames reports reports-pronoun asks
joke          frames inverts-past reports asks
quip          frames inverts-past asks
boast         frames inverts-past asks
shout         frames inverts-past crowd
lament        frames inverts asks
caution       frames inverts-past reports
assert        frames asks
maintain      frames
contend       frames
counter       frames base-noun inverts-past
retort        frames inverts-past
press         frames past-only inverts-past
retaliate     frames past-only inverts-past
confide       frames inverts-past
snipe         frames past-only inverts-past
shoot_back    frames past-only inverts-past
fire_back     frames past-only inverts-past
hit_back      frames past-only inverts-past
testify       frames inverts-past
indicate      frames inverts-past
interject     frames inverts-past
interrupt     frames past-only inverts-past inverted-only
read          frames past-only inverts-past inverts-third
continue      frames no-ing inverts
muse          frames inverts-past
demand        frames noun asks
label         frames names-past
brand         frames names-past
dub           frames names-past
term          frames noun names
signal        frames no-participle
whisper       frames inverts-past
post          frames past-only inverts-past asks
allege        frames
proclaim      frames
recount       frames
speak         frames past-only asks plain
wonder        frames
concur        frames
reiterate     frames
threaten      frames no-participle
cite          frames
quote         frames past-only asks
praise        frames asks
criticise     frames reports-pronoun asks
criticize     frames reports-pronoun asks
hail          frames
condemn       frames asks
welcome       frames asks
agree         frames inverts
fume          frames inverts
rage          frames inverts-past
gush          frames inverts
snap          frames inverts-past
scoff         frames inverts-past
plead         frames inverts-past
exclaim       frames inverts-past
sigh          frames inverts
laugh         frames inverts asks
chuckle       frames inverts-past
sneer         frames inverts-past
yell          frames inverts-past
chant         frames inverts-past crowd
cry_out       frames inverts-past
put_it        frames no-participle
go_on         frames past-only inverts-past
scream        frames inverts-past
mutter        frames inverts-past
murmur        frames inverts-past
enthuse       frames inverts
reflect       frames inverts
assure        frames inverts-past
decry         frames
bemoan        frames
bark          frames inverts-past
grouse        frames inverts-past
opine         frames inverts
exhort        frames inverts-past
remember      frames inverts-past inverted-only
denounce      frames
mock          frames
chide         frames
scold         frames
think         asks asks-ing plain
believe       asks
blame         reports-pronoun asks
mention       asks plain
point         asks
talk          asks plain
want          asks
feel          asks
see           asks
view          asks
hope          asks
fear          asks
worry         asks
defend        asks
dismiss       reports-pronoun asks
reject        reports-pronoun asks
refuse        reports-pronoun
express       asks
question      frames past-only inverts-past asks
deem          asks
recommend     asks
propose       asks
mean          asks
make          asks-base
comment       asks plain
react         frames past-only inverts-past asks
"""

SPEECH_VERB_TAGS: dict[str, frozenset[str]] = {
    line.split()[0].replace("_", " "): frozenset(line.split()[1:]) for line in SPEECH_VERB_TABLE.strip().splitlines()
}
VERB_FORMS: dict[str, VerbForms] = {lemma: inflect(lemma) for lemma in SPEECH_VERB_TAGS}


def _lemmas(tag: str) -> list[str]:
    return [lemma for lemma, tags in SPEECH_VERB_TAGS.items() if tag in tags]


def _framing_forms(lemma: str) -> set[str]:
    forms, tags = VERB_FORMS[lemma], SPEECH_VERB_TAGS[lemma]
    if "past-only" in tags:
        return forms.pasts() | ({forms.third} if "inverts-third" in tags else set())
    found = forms.all()
    if "noun" in tags:
        found -= {lemma, forms.third}
    if "base-noun" in tags:
        found -= {lemma}
    if "no-ing" in tags:
        found -= forms.ings()
    return found


def _past_and_third(tag: str, past_tag: str | None = None) -> frozenset[str]:
    found = {f for lemma in _lemmas(tag) for f in VERB_FORMS[lemma].pasts() | {VERB_FORMS[lemma].third}}
    if past_tag:
        found |= {f for lemma in _lemmas(past_tag) for f in VERB_FORMS[lemma].pasts()}
    return frozenset(found)


#: Every form that frames a quotation in an article ("said", "tells", "adding", "labelled").
SPEECH_VERBS = frozenset(f for lemma in _lemmas("frames") for f in _framing_forms(lemma))
#: Forms that may come before their subject: "…,” said Kohli.
INVERTING_VERBS = _past_and_third("inverts", "inverts-past") | frozenset(
    VERB_FORMS[lemma].third for lemma in _lemmas("inverts-third")
)
#: Forms that frame a quotation only inverted, before their speaker: "…,” remembered Cole.
INVERTED_ONLY_VERBS = frozenset(f for lemma in _lemmas("inverted-only") for f in VERB_FORMS[lemma].all()) | frozenset(
    VERB_FORMS[lemma].third for lemma in _lemmas("inverts-third")
)
#: -ing forms that open a clause borrowing the sentence's speaker: "…, adding: “…”".
PARTICIPLES = frozenset(
    f
    for lemma in _lemmas("frames")
    if not {"no-participle", "inverted-only"} & SPEECH_VERB_TAGS[lemma]
    for f in VERB_FORMS[lemma].ings() & _framing_forms(lemma)
)
#: -ing forms of what a crowd does with one voice: "…, where marchers had gathered, chanting “…”".
CROWD_PARTICIPLES = frozenset(f for lemma in _lemmas("crowd") for f in VERB_FORMS[lemma].ings())
#: Forms of "what he called …": "called", "calls", "dubbed" (NAMING_AS_VERBS take "as": "described as").
NAMING_VERBS = _past_and_third("names", "names-past")
NAMING_AS_VERBS = _past_and_third("names-as")
#: The forms of "tell", whose object is the hearer ("told reporters"), not the speaker.
TELLING_VERBS = frozenset(VERB_FORMS["tell"].all())
#: The forms of "accuse", whose cue keeps its "of" ("accused ... of").
ACCUSING_VERBS = frozenset(VERB_FORMS["accuse"].all())
#: Forms that, next to a name, say whom a paragraph reports ("Healey said", "said Azzouz").
REPORTING_VERBS = _past_and_third("reports", "reports-past")
#: Forms that, after "He/She/They", say the paragraph reports the person the pronoun stands for.
PRONOUN_REPORTING_VERBS = _past_and_third("reports-pronoun")
#: Forms that ask for someone's words or views in a question ("what did X say", "how does X see").
QUESTION_VERBS = frozenset(
    f
    for lemma in _lemmas("asks")
    for f in (
        VERB_FORMS[lemma].all()
        if "asks-ing" in SPEECH_VERB_TAGS[lemma]
        else VERB_FORMS[lemma].all() - VERB_FORMS[lemma].ings()
    )
) | frozenset(_lemmas("asks-base"))
#: Question verbs that ask only for words, adding nothing to what the words are about.
PLAIN_SAYING_VERBS = frozenset(
    f for f in QUESTION_VERBS if any(f in VERB_FORMS[lemma].all() for lemma in _lemmas("plain"))
)
#: Phrases between a subject and its speech verb that are not the verb ("has continued to say").
AUXILIARY_PHRASES = ("continued to", "continues to", "went on to", "was quoted as", "is quoted as")

# Nouns of saying. ``frames``: after a possessive it frames a quotation ("Mr Trump’s suggestion
# that “…”"); ``asks``: in a question it asks for someone's words ("X's view on", "the reaction of X").
SPEECH_NOUN_TABLE = """
suggestion frames
claim frames
claims frames
words frames asks
remark frames
remarks frames asks
comment frames asks
comments frames asks
description frames
assertion frames
statement frames asks
statements asks
warning frames asks
warnings asks
promise frames asks
pledge frames asks
insistence frames
argument frames asks
arguments asks
message frames asks
tweet frames
post frames
speech frames
vow frames
charge frames
accusation frames
demand frames
view frames asks
views asks
belief frames
contention frames
complaint frames asks
complaints asks
question frames
plea frames asks
call frames
declaration frames
announcement frames
prediction frames
response frames asks
reply frames
admission frames
verdict frames asks
assessment frames
phrase frames
characterisation frames
characterization frames
boast frames
threat frames
insult frames
quip frames
joke frames
reaction asks
reactions asks
opinion asks
opinions asks
position asks
take asks
quote asks
quotes asks
thoughts asks
stance asks
objection asks
objections asks
concern asks
concerns asks
criticism asks
criticisms asks
advice asks
explanation asks
reasoning asks
answer asks
answers asks
appeal asks
case asks
"""
_NOUN_TAGS = {line.split()[0]: set(line.split()[1:]) for line in SPEECH_NOUN_TABLE.strip().splitlines()}
#: Nouns that frame a quotation after a possessive: "Mr Trump’s suggestion that “…”".
SPEECH_NOUNS = frozenset(n for n, tags in _NOUN_TAGS.items() if "frames" in tags)
#: Nouns that ask for someone's words in a question: "X's view on", "the reaction of X".
QUESTION_SPEECH_NOUNS = frozenset(n for n, tags in _NOUN_TAGS.items() if "asks" in tags)
#: Nouns for the setting of a statement, kept in its cue: "said in a statement".
SETTING_NOUNS = ("statement", "tweet", "post", "letter", "speech", "interview")
#: The forms of "say" and "tell", which other word lists and rules refer to.
SAY = VERB_FORMS["say"]
TELL = VERB_FORMS["tell"]
#: Speech verbs whose presence marks a block as reported news rather than page chrome.
NEWS_SPEECH_VERBS = (SAY.past, SAY.third, TELL.past, VERB_FORMS["add"].past)
#: Verb forms that open a clause before its subject: "Asked about it, he said", "Speaking at …".
CLAUSE_OPENERS = ("asked", "speaking", "addressing", "responding", "writing", "talking")
#: Verb forms of a credit line under a story: "Reporting by", "Additional writing by".
CREDIT_VERBS = ("reporting", "writing", "editing", "compiled", "edited", "written", "produced", "translated")
