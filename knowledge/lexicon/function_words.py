"""Closed-class words (function words, pronouns, determiners, auxiliaries) and the other short
lists a rule reads to tell a word's part in a sentence."""

from __future__ import annotations

from .dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from .people import ABBREVIATED_HONORIFICS
from .speech import CLAUSE_OPENERS, CREDIT_VERBS, SAY, TELL

# Capitalised words that are not (parts of) people's names.
NOT_NAME = (
    {
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "but",
        "and",
        "or",
        "if",
        "when",
        "while",
        "as",
        "after",
        "before",
        "since",
        "although",
        "though",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "meanwhile",
        "however",
        "still",
        "yet",
        "last",
        "next",
        "despite",
        "many",
        "some",
        "two",
        "three",
        "four",
        "five",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "for",
        "of",
        "to",
        "by",
        "with",
        "from",
        "about",
        "so",
        "then",
        "now",
        "also",
        "even",
        "only",
        "just",
        "more",
        "most",
        "all",
        "both",
        "each",
        "every",
        "no",
        "not",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "where",
        "read",
        "share",
        "photograph",
        "additional",
        "updated",
        "related",
        "today",
        "yesterday",
        "tomorrow",
        "during",
        "under",
        "over",
        "into",
        "against",
        "between",
        "among",
        "through",
        "without",
        "within",
        "across",
        "like",
        "unlike",
        "because",
        "until",
        "unless",
        "whether",
        "thousands",
        "hundreds",
        "millions",
        "dozens",
        "several",
        "other",
        "others",
        "another",
        "such",
        "one",
        "first",
        "second",
        "third",
        "new",
        "old",
        "top",
        "former",
        "according",
        "instead",
        "perhaps",
        "please",
        "topics",
        "advertisement",
        "sign",
        "subscribe",
        "search",
        "home",
        "news",
        "opinion",
        "sport",
        "sports",
        "culture",
        "lifestyle",
        "video",
        "watch",
        "listen",
        "click",
    }
    # sentence adverbs that open a sentence capitalised ("Indeed, …", "Shortly after …")
    | {
        "indeed",
        "shortly",
        "finally",
        "recently",
        "earlier",
        "initially",
        "eventually",
        "ultimately",
        "separately",
        "privately",
        "publicly",
        "similarly",
        "additionally",
        "clearly",
        "apparently",
        "certainly",
        "fortunately",
        "unfortunately",
        "ironically",
        "notably",
        "previously",
        "originally",
        "subsequently",
        "reportedly",
        "immediately",
        "currently",
        "frankly",
        "specifically",
        "interestingly",
        "importantly",
        "obviously",
        "moreover",
        "furthermore",
        "nonetheless",
        "nevertheless",
    }
    # capitalised inside a title-case run ("Is More Important Than Electing Ross"), never in a name
    | {"than", "is", "are", "was", "were", "has", "have", "had", "be", "do", "does", "versus", "vs"}
    | set(MONTHS)
    | set(WEEKDAYS)
    | set(CLAUSE_OPENERS)
    | set(CREDIT_VERBS)
)
# Words that cannot be part of a false title before a name ("local builder Aaron Petersen").
FUNCTION_WORDS = {
    "to",
    "for",
    "of",
    "with",
    "by",
    "at",
    "in",
    "on",
    "from",
    "into",
    "onto",
    "about",
    "and",
    "but",
    "or",
    "nor",
    "as",
    "than",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "while",
    "after",
    "before",
    "since",
    "if",
    "because",
    "once",
    "unless",
    "until",
    "whether",
    "although",
    "though",
    "whereas",
    "whenever",
    "wherever",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "this",
    "these",
    "those",
    "not",
    "also",
    "then",
    "so",
    "like",
    "unlike",
    "against",
    "between",
    "among",
    "over",
    "under",
    "without",
    "within",
    "during",
    "where",
    "why",
    "how",
    "what",
    "would",
    "will",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "per",
    "via",
    "amid",
    "despite",
    "toward",
    "towards",
    "upon",
} | {SAY.past, SAY.third, TELL.past, TELL.third}
# Words that open a clause before the sentence's subject ("After …", "Speaking at …, he said").
SUBORDINATORS = {
    "after",
    "as",
    "when",
    "while",
    "before",
    "since",
    "although",
    "though",
    "despite",
    "in",
    "at",
    "on",
    "during",
    "following",
    "amid",
    "unlike",
    "like",
} | set(CLAUSE_OPENERS)
# Connectives that may open a sentence before its subject ("But Ayotte isn't interested.").
SENTENCE_CONNECTIVES = (
    "but",
    "and",
    "yet",
    "so",
    "still",
    "now",
    "then",
    "meanwhile",
    "instead",
    "later",
    "earlier",
    "however",
    "indeed",
    "also",
    "again",
    "today",
    "tonight",
    "here",
    "there",
)
# Words after a name that show it is not a clause's subject ("Smith of", "Smith and").
NOT_VERBS = {
    "of",
    "and",
    "or",
    "in",
    "at",
    "on",
    "to",
    "for",
    "with",
    "from",
    "by",
    "who",
    "whose",
    "which",
    "that",
    "as",
    "than",
    "but",
    "after",
    "before",
    "during",
    "over",
    "under",
    "into",
}
# Lowercase words inside a name or a title of a work ("Institute for Fiscal Studies", "Pan de la Vida").
SMALL_WORDS = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "de", "la", "del", "y"}
# Abbreviations a full stop follows without ending the sentence ("Dr.", "Sept.", "U.S.").
ABBREVIATIONS = (
    {
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "mt",
        "ft",
        "approx",
        "dept",
        "est",
        "fig",
        "vol",
    }
    | ABBREVIATED_HONORIFICS
    | MONTH_ABBREVIATIONS
)
# Words of a role phrase that are not its modifiers ("the minister of ...").
ROLE_STOPWORDS = {"the", "a", "an", "his", "her", "their", "its", "of", "for", "at", "in", "to"}
# Personal pronouns a speaker may be referred to by, with their gender (None: any).
PRONOUN_GENDER = {"he": "m", "she": "f", "they": None, "it": None}
PRONOUN_OF_POSSESSIVE = {"his": "he", "her": "she", "their": "they", "its": "it"}
# Determiners of a noun phrase that may be a source ("a spokesman", "two officials", "its statement").
SOURCE_DETERMINERS = (
    "the",
    "another",
    "an",
    "a",
    "some",
    "many",
    "several",
    "other",
    "two",
    "three",
    "four",
    "his",
    "her",
    "their",
    "its",
    "one",
)
# Words between a subject and its speech verb ("has also previously said", "would later say").
AUXILIARY_WORDS = (
    "has",
    "have",
    "had",
    "also",
    "previously",
    "later",
    "earlier",
    "then",
    "again",
    "once",
    "repeatedly",
    "recently",
    "would",
    "will",
    "did",
    "does",
    "do",
    "only",
    "first",
    "still",
    "further",
    "not",
    "never",
)
# Words ending in -ly that are not adverbs.
NOT_ADVERBS = ("family", "ally", "rally", "assembly", "supply", "reply", "monopoly", "anomaly", "bully")
# Lowercase words that do not modify a name after "the" ("the region said" is no name).
NOT_MODIFIERS = {"as", "of", "in", "with", "and", "to", "for", "at", "by", "on", "from", "that", "who", "region"} | {
    SAY.past,
    SAY.third,
}
# Words that do not open an appositive role after a name ("Ann Cole, who …", "Ann Cole, said …").
NOT_APPOSITIVES = {"who", "which", "whose", "and", "but", "he", "she"} | {SAY.past, SAY.third}
# Subjects that mean one member of a group just named ("Fans flooded the post. One wrote: …").
ONE_OF_A_GROUP = {"one", "another", "one of them", "another one", "a second", "a third"}
# Picture notes between a name and its verb: "(pictured)", "(left)".
PICTURE_NOTES = (
    "pictured",
    "left",
    "right",
    "centre",
    "center",
    "above",
    "below",
    "inset",
    "top",
    "bottom",
    "second left",
    "second right",
)
# Words that label a stretch of copy rather than a speaker when they open it with a colon
# ("VIDEO: …", "UPDATE: …", "The Latest: …"), in a transcript or a headline.
RUBRIC_WORDS = frozenset(
    """
    video audio watch photo photos update updated breaking exclusive live latest note editor editors
    correction clarification analysis opinion transcript crosstalk applause laughter excerpt excerpts
    read listen related more also source sources report poll
    """.split()
)
# Auxiliary verbs of a question ("did X say", "has X said").
AUXILIARIES = frozenset("did does do has have had is was were are will would could can should might may".split())
# Pronouns and words that stand for a person in a question ("what did he say", "did anyone").
PRONOUNS = frozenset(
    "he she they it you we i him her them his its their this that someone anyone somebody anybody".split()
)
# Determiners before a noun in a question.
DETERMINERS = frozenset("the a an this that these those".split())
# Words that carry no topic of their own in a question.
STOPWORDS = frozenset(
    """
    a an the and or but of to in on at by for with about from into over after before during as than then
    is are was were be been being do does did done has have had having will would shall should can could may might must
    what who whom whose which when where why how that this these those there here it its it's
    i me my we our you your he him his she her they them their
    not no nor so too very just also any some all each every both more most much many such only own same
    up down out off again further once if because while until
    """.split()
)
# Prepositions that introduce the topic after a speech verb ("say about", "think of").
TOPIC_PREPOSITIONS = frozenset("about on of regarding concerning over after when".split())
# Words for holding a view: "who was sceptical of ...", "who is critical of ..." asks who said so.
OPINION_WORDS = frozenset(
    "sceptical skeptical critical doubtful unconvinced worried concerned optimistic pessimistic confident "
    "angry furious unhappy disappointed pleased happy supportive opposed against".split()
)
