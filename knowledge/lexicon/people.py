"""The words news copy uses for people: honorifics with their gender, titles and offices,
qualifiers of an office, descriptions, spokespeople and groups."""

from __future__ import annotations

# Honorifics before a name: the honorific, the gender it tells ("-" for none), the title it
# abbreviates ("-" for none), and tags: ``courtesy`` for a courtesy or academic title
# (Mr, Dr, Lady), ``word`` for a whole word rather than an abbreviation (Sir, Professor),
# ``title-only`` for an abbreviation read in questions but not yet before names in articles ("Cllr"),
# ``stop-only`` for one that is an honorific only with its full stop ("Del." of a delegate; "Del" is a name).
HONORIFIC_TABLE = """
mr         m  -               courtesy
mrs        f  -               courtesy
ms         f  -               courtesy
miss       f  -               courtesy word
mx         -  -               courtesy
dr         -  -               courtesy
prof       -  professor       courtesy
professor  -  -               word
sir        m  -               courtesy word
dame       f  -               courtesy word
lord       m  -               courtesy word
lady       f  -               courtesy word
rev        -  reverend
sen        -  senator
rep        -  representative
gov        -  governor
gen        -  general
col        -  colonel
capt       -  captain
lt         -  lieutenant
sgt        -  sergeant
del        -  delegate        stop-only
det        -  detective
insp       -  inspector
supt       -  superintendent
cllr       -  councillor      title-only
pres       -  president       title-only
atty       -  attorney        title-only
cmdr       -  commander       title-only
adm        -  admiral         title-only
amb        -  ambassador      title-only
"""
_HONORIFIC_ROWS = [line.split() for line in HONORIFIC_TABLE.strip().splitlines()]
#: Honorifics read before a name in an article, with the gender each tells (None: either).
HONORIFICS: dict[str, str | None] = {
    row[0]: (None if row[1] == "-" else row[1]) for row in _HONORIFIC_ROWS if "title-only" not in row[3:]
}
#: Honorifics that are one only with their full stop ("Del.").
STOPPED_HONORIFICS = frozenset(row[0] for row in _HONORIFIC_ROWS if "stop-only" in row[3:])
#: Courtesy and academic titles: Mr, Mrs, Dr, Sir, Lady ...
COURTESY_HONORIFICS = frozenset(row[0] for row in _HONORIFIC_ROWS if "courtesy" in row[3:])
#: Honorifics written as abbreviations, which a full stop follows without ending a sentence ("Dr.").
ABBREVIATED_HONORIFICS = frozenset(row[0] for row in _HONORIFIC_ROWS if not {"word", "title-only"} & set(row[3:]))
#: Abbreviated titles and the word each stands for ("Gov." -> governor).
TITLE_ABBREVIATIONS = {row[0]: row[2] for row in _HONORIFIC_ROWS if row[2] != "-"}
#: Gender told by an honorific: "m" or "f" (honorifics that tell none are left out).
HONORIFIC_GENDER = {word: gender for word, gender in HONORIFICS.items() if gender}

# Descriptions written as false titles ("substitute Kofi Mensah", "local builder Aaron Petersen").
FALSE_TITLES = {
    "substitute",
    "builder",
    "farmer",
    "shopkeeper",
    "pensioner",
    "retiree",
    "landlord",
    "tenant",
    "commuter",
    "passenger",
    "shopper",
    "parent",
    "grandmother",
    "grandfather",
    "worker",
    "volunteer",
    "chef",
    "photographer",
    "journalist",
    "reporter",
    "comedian",
    "dancer",
    "musician",
    "footballer",
    "cricketer",
    "golfer",
    "boxer",
    "fighter",
    "sprinter",
    "midwife",
    "paramedic",
    "firefighter",
    "tutor",
    "mentor",
    "colleague",
    "producer",
    "filmmaker",
    "broadcaster",
    "commentator",
    "pundit",
    "critic",
    "blogger",
    "podcaster",
    "influencer",
    "man",
    "woman",
    "girl",
    "boy",
}
# Head nouns of job titles and roles (lowercase; multiword titles end in one of these).
# People a story names by their relation to it ("the victim's mother", "a witness"): both
# a role noun and a description rather than an office.
RELATIONS = {
    "witness",
    "victim",
    "resident",
    "survivor",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "friend",
    "neighbour",
    "neighbor",
}

TITLE_NOUNS = {
    "president",
    "minister",
    "secretary",
    "chancellor",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "chief",
    "director",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "leader",
    "governor",
    "senator",
    "mayor",
    "ambassador",
    "mp",
    "mep",
    "msp",
    "congressman",
    "congresswoman",
    "representative",
    "general",
    "commander",
    "officer",
    "ceo",
    "cfo",
    "coo",
    "founder",
    "co-founder",
    "head",
    "manager",
    "coach",
    "captain",
    "strategist",
    "economist",
    "analyst",
    "professor",
    "lecturer",
    "editor",
    "correspondent",
    "member",
    "adviser",
    "advisor",
    "counsel",
    "attorney",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "bishop",
    "archbishop",
    "rabbi",
    "imam",
    "envoy",
    "commissioner",
    "inspector",
    "sheriff",
    "constable",
    "lawyer",
    "researcher",
    "scientist",
    "author",
    "president-elect",
    "deputy",
    "treasurer",
    "superintendent",
    "principal",
    "dean",
    "star",
    "player",
    "striker",
    "midfielder",
    "goalkeeper",
    "defender",
    "champion",
    "executive",
    "partner",
    "trustee",
    "councillor",
    "councilor",
    "speaker",
    "premier",
    "chairs",
    "whip",
    "administrator",
    "counterpart",
    "official",
    "negotiator",
    "campaigner",
    "activist",
    "organiser",
    "organizer",
    "investor",
    "owner",
    "vice-president",
    "lawmaker",
    "legislator",
    "prosecutor",
    "detective",
    "sergeant",
    "colonel",
    "lieutenant",
    "admiral",
    "emir",
    "sheikh",
    "sultan",
    "chaplain",
    "headteacher",
    "headmaster",
    "doctor",
    "surgeon",
    "nurse",
    "physician",
    "psychologist",
    "historian",
    "expert",
    "teacher",
    "student",
    "candidate",
    "nominee",
    "staffer",
    "aide",
    "assistant",
    "host",
    "presenter",
    "actor",
    "actress",
    "singer",
    "writer",
    "novelist",
    "poet",
    "artist",
    "designer",
    "architect",
    "engineer",
    "entrepreneur",
    "banker",
    "trader",
    "broker",
    "boss",
    "referee",
    "umpire",
    "forward",
    "winger",
    "batsman",
    "bowler",
    "jockey",
    "rider",
    "driver",
    "pilot",
    "runner",
    "swimmer",
    "cyclist",
    "skipper",
    "veteran",
    "rookie",
    "rapper",
    "model",
    # American political copy: "Obama consultant Cornell Belcher", "GOP pollster Ann Lee"
    "consultant",
    "pollster",
    "columnist",
    "anchor",
    "contributor",
    "lobbyist",
    "surrogate",
    "operative",
    "businessman",
    "businesswoman",
    "billionaire",
    "mogul",
    "magnate",
    "tycoon",
    "pastor",
    "priest",
    "evangelist",
    "publisher",
    "comptroller",
    "clerk",
    "delegate",
    "co-chair",
    "moderator",
    "demographer",
} | FALSE_TITLES
TITLE_NOUNS |= RELATIONS
# Words a role may be built from besides capitalised words and the title noun itself.
ROLE_MODIFIERS = {
    "defence",
    "defense",
    "foreign",
    "interior",
    "finance",
    "home",
    "health",
    "education",
    "justice",
    "trade",
    "prime",
    "deputy",
    "vice",
    "general",
    "chief",
    "executive",
    "press",
    "senior",
    "junior",
    "former",
    "acting",
    "interim",
    "shadow",
    "assistant",
    "associate",
    "managing",
    "national",
    "regional",
    "country",
    "state",
    "federal",
    "interest",
    "rate",
    "policy",
    "security",
    "military",
    "political",
    "economic",
    "research",
    "head",
    "team",
    "soccer",
    "football",
    "tennis",
    "cricket",
    "rugby",
    "basketball",
    "baseball",
    "club",
    "top-ranked",
    "world",
    "union",
    "party",
    "opposition",
    "local",
    "city",
    "county",
    "environment",
    "energy",
    "transport",
    "culture",
    "business",
    "labour",
    "labor",
    "work",
    "pensions",
    "technology",
    "science",
    "treasury",
    "economy",
    "communications",
    "digital",
    "development",
    "international",
    "european",
    "chief-executive",
    "first",
    "second",
    "third",
    "lead",
    "principal",
    "permanent",
    "special",
    "government",
    "legal",
}

# Nouns for someone who speaks for a body or a person ("a spokeswoman for the council").
SPOKESPEOPLE = {
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "representative",
    "official",
    "source",
    "aide",
    "adviser",
    "advisor",
    "officer",
    "insider",
    "staffer",
    "person",
    "confidant",
    "operative",
    "ally",
    "donor",
    "supporter",
    "delegate",
    "voter",
    "member",
    "narrator",
    "announcer",
}
# Role nouns that tell their holder's gender.
GENDER_OF_NOUN = {
    "spokesman": "m",
    "spokeswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "actress": "f",
    "mother": "f",
    "father": "m",
    "son": "m",
    "daughter": "f",
    "wife": "f",
    "husband": "m",
    "brother": "m",
    "sister": "f",
    "headmaster": "m",
}
# Title nouns a later reference may use for the same office ("the boss" for the chief executive).
TITLE_SYNONYMS = {
    "chief": {"chair", "chairman", "chairwoman", "head", "leader", "chief"},
    "chair": {"chief", "chairman", "chairwoman", "chairperson", "head"},
    "chairman": {"chair", "chief", "chairwoman", "chairperson"},
    "chairwoman": {"chair", "chief", "chairman", "chairperson"},
    "head": {"chief", "leader", "director", "chair"},
    "leader": {"head", "chief"},
    "spokesperson": {"spokesman", "spokeswoman"},
    "spokesman": {"spokesperson"},
    "spokeswoman": {"spokesperson"},
    "boss": {"chief", "head", "director", "executive", "ceo", "manager", "coach"},
    "skipper": {"captain"},
    "captain": {"skipper"},
    "manager": {"boss"},
    "coach": {"boss"},
}

# Words a title before a name is built from ("the former Defence Secretary", "local builder").
TITLE_WORDS = TITLE_NOUNS | ROLE_MODIFIERS | {"the", "a", "an"}
# Modifiers that make a different office of the same title (a shadow, former or deputy minister):
# the Home Secretary is not the shadow home secretary.
QUALIFIED_OFFICE = frozenset("shadow former ex deputy vice junior assistant acting outgoing interim".split())
# Role nouns that describe someone rather than name an office ("the dog's owner", "the driver").
DESCRIPTIVE_NOUNS = {
    "owner",
    "driver",
    "student",
    "teacher",
    "nurse",
    "doctor",
    "fan",
    "rider",
    "pilot",
    "runner",
    "veteran",
    "rookie",
    "candidate",
    "author",
    "writer",
    "host",
    "presenter",
    "lawyer",
    "surgeon",
    "physician",
    "aide",
    "assistant",
    "expert",
    "researcher",
    "scientist",
    "historian",
} | FALSE_TITLES
DESCRIPTIVE_NOUNS |= RELATIONS
# Professions by which a feature refers back to the person it is about ("the actor said").
PROTAGONIST_NOUNS = {
    "actor",
    "actress",
    "star",
    "singer",
    "presenter",
    "comedian",
    "rapper",
    "musician",
    "footballer",
    "model",
    "broadcaster",
    "influencer",
}

# Plural nouns for a group that speaks ("officials said", "critics say").
GROUP_NOUNS = {
    "officials",
    "police",
    "critics",
    "analysts",
    "experts",
    "witnesses",
    "residents",
    "sources",
    "economists",
    "investors",
    "lawmakers",
    "organisers",
    "organizers",
    "officers",
    "researchers",
    "scientists",
    "doctors",
    "prosecutors",
    "authorities",
    "activists",
    "protesters",
    "campaigners",
    "supporters",
    "opponents",
    "locals",
    "media",
    "others",
    "people",
    "members",
    "staff",
    "workers",
    "employees",
    "leaders",
    "ministers",
    "students",
    "teachers",
    "parents",
    "fans",
    "players",
    "observers",
    "diplomats",
    "traders",
    "strategists",
    "academics",
    "families",
    "relatives",
    "neighbours",
    "neighbors",
    "executives",
    "unions",
    "groups",
    "governments",
    "agencies",
    "companies",
    "negotiators",
    "aides",
    "advisers",
    "advisors",
    "allies",
    "spokespeople",
    "representatives",
    "lawyers",
    "attorneys",
    "protestors",
    "demonstrators",
    "survivors",
    "victims",
    "judges",
    "jurors",
    "reviewers",
    "commentators",
    "pundits",
    "voters",
    "readers",
    "viewers",
    "customers",
    "passengers",
    "patients",
    "nurses",
    "farmers",
    "drivers",
    "owners",
    "tenants",
    "bosses",
    "managers",
    "coaches",
    "senators",
    "councillors",
    "villagers",
    "eyewitnesses",
    "commuters",
    "shoppers",
    "marchers",
    "spectators",
    "onlookers",
    "hecklers",
    "attendees",
    "participants",
    "delegates",
    "crowds",
    "audiences",
    "questioners",
    "hosts",
    "callers",
    "panelists",
    "moderators",
    "friends",
    "donors",
    "surrogates",
    "backers",
    "colleagues",
    "lobbyists",
    "insiders",
    "operatives",
    "staffers",
    "advocates",
    "reporters",
    "journalists",
    "columnists",
    "editors",
}
# Singular nouns for a gathering that speaks as one ("the crowd chanted", "the audience booed").
GATHERING_NOUNS = frozenset({"crowd", "audience", "congregation", "chorus"})
# Capitalised nouns for a member of a party or movement, which with "one"/"a" describe an
# unnamed source ("said one Ohio Democrat", "added a Nevada Republican").
PARTY_MEMBER_NOUNS = frozenset({"democrat", "republican", "libertarian", "independent", "conservative", "tory"})
# Group nouns too vague to name a source on their own ("others said", "people say").
VAGUE_GROUP_NOUNS = frozenset({"media", "others", "people"})
# What a spokesperson or a friend may speak for: "a friend of the couple", "a spokesman for the family".
KIN_NOUNS = (
    "couple",
    "family",
    "families",
    "victim",
    "victims",
    "deceased",
    "dead man",
    "dead woman",
    "accused",
    "defendant",
    "player",
    "singer",
    "star",
    "boy",
    "girl",
    "child",
    "children",
    "man",
    "woman",
)
# Nouns that stand for a role in a question ("the Ofwat boss", "the union official").
GENERIC_ROLE_NOUNS = frozenset(
    "boss chief head leader spokesman spokeswoman spokesperson official officer representative executive "
    "chair chairman chairwoman director minister secretary president".split()
)
# Nouns for someone who works for or speaks for a body or a person ("Ashdown's lawyer").
OFFICE_NOUNS = frozenset(
    "lawyer lawyers solicitor barrister counsel attorney adviser advisor aide deputy coach manager captain "
    "founder owner ceo cfo analyst economist researcher scientist professor expert source sources staff".split()
)
# Lowercase particles inside a person's name: "Ursula von der Leyen", "Piet de Vries".
NAME_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "du",
    "la",
    "le",
    "al",
    "bin",
    "ben",
    "el",
    "dos",
    "das",
    "del",
    "della",
    "ter",
    "ten",
    "st",
}
# Lowercase articles joined to a surname by a hyphen ("Anwar al-Awlaki", "Abdel Fattah el-Sisi").
#: Generational suffixes after a surname ("Vann R. Newkirk II", "Ann Lee Jr."), lower case without the stop.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
NAME_PREFIXES = ("al", "el", "ad", "ash", "as", "at", "az", "ar", "an", "abu", "ibn")
# Further nouns for someone or something that speaks as the subject of a sentence ("The crowd
# chanted", "One attendee wrote", "The contract bars"), beyond titles, spokespeople, groups,
# institutions and the documents of the organisation words.
SPEAKING_NOUNS = frozenset(
    "crowd audience person people someone everyone nobody attendee participant commenter user member "
    "supporter voter protester resident worker employee official source spokesperson insider friend "
    "neighbor neighbour witness ally critic opponent rival challenger nominee contender incumbent "
    "campaign team crew panel jury class congregation chorus band poll survey "
    "contract plan proposal bill law act policy order agreement ad advert video brief platform manifesto "
    "message page site book article editorial column note text sign slogan banner motion resolution "
    "petition rule guidance measure legislation amendment budget strategy summary transcript suit "
    "footnote passage account photo picture image movie film voice projection forecast estimate model "
    "interview tweet rally sermon caption headline story heavyweight friend reporter journalist piece clip "
    "finding segment broadcast show programme program documentary episode speech remark comment".split()
)
# Words that end like a noun for a person ("-er", "-or") but are none ("the number", "a quarter").
NOT_PERSON_NOUNS = frozenset(
    "number other order matter quarter power corner border manner chapter center centre character "
    "error factor floor honor honour labor labour major minor answer sector effort member after later "
    "never rather together ever whether under over either neither further summer winter".split()
)
# Words for a political party or its members that may stand before a name as a role
# ("Democrat Ann Lee", "Republican Tom Ross") or after a place ("a Leeds Republican").
PARTY_WORDS = frozenset({"democrat", "democratic", "republican", "gop", "libertarian", "tory", "labour", "liberal"})
