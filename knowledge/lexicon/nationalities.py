"""Nationalities: the words for a person from a country, and each country's adjectives and nouns."""

from __future__ import annotations

# Words that name a person by nationality ("the Frenchman", "Croatian Ivan Kovac"); words ending in
# -ian, -ese, -ish, -ean, -can are recognised by their ending as well.
DEMONYMS = frozenset({
    "american", "argentine", "aussie", "belarusian", "briton", "chinese", "croat", "czech", "dane", "dutchman",
    "dutchwoman", "englishman", "englishwoman", "estonian", "ethiopian", "finn", "frenchman", "frenchwoman",
    "german", "ghanaian", "greek", "iraqi", "irishman", "irishwoman", "israeli", "japanese", "kazakh",
    "kenyan", "kiwi", "korean", "latvian", "lithuanian", "mexican", "moroccan", "pakistani", "pole",
    "portuguese", "scot", "scotsman", "scotswoman", "serb", "slovak", "slovenian", "spaniard", "swede",
    "swiss", "thai", "turk", "ugandan", "uzbek", "welshman", "welshwoman",
})
# Given names with a nationality's ending: "Christian", "Julian", "Adrian" are not demonyms.
GIVEN_LIKE_DEMONYMS = {"christian", "cristian", "sebastian", "julian", "adrian", "damian", "fabian", "brian",
                       "maximilian", "vivian", "lillian", "gillian", "marian", "florian", "kilian", "killian",
                       "lucian", "dorian", "cyprian", "jillian", "jordan"}
# Nationality adjectives and nouns, by the country they come from ("French" is about France).
NATIONALITIES = {
    country: forms.split()
    for country, forms in (
        ("france", "french frenchman frenchwoman"), ("spain", "spanish spaniard"), ("uk", "britain british briton britons"),
        ("england", "english"), ("scotland", "scottish scot scots"), ("wales", "welsh"), ("ireland", "irish"),
        ("germany", "german germans"), ("italy", "italian italians"), ("russia", "russian russians"),
        ("ukraine", "ukrainian ukrainians"), ("china", "chinese"), ("japan", "japanese"), ("korea", "korean koreans"),
        ("india", "indian indians"), ("pakistan", "pakistani"), ("usa", "america american americans"),
        ("canada", "canadian canadians"), ("mexico", "mexican mexicans"), ("brazil", "brazilian brazilians"),
        ("argentina", "argentine argentinian argentinean"), ("chile", "chilean"), ("colombia", "colombian"),
        ("peru", "peruvian"), ("australia", "australian australians aussie"), ("zealand", "zealander"),
        ("norway", "norwegian norwegians"), ("sweden", "swedish swede swedes"), ("denmark", "danish dane danes"),
        ("finland", "finnish finn finns"), ("iceland", "icelandic"), ("netherlands", "dutch"),
        ("belgium", "belgian belgians"), ("switzerland", "swiss"), ("austria", "austrian austrians"),
        ("poland", "polish pole poles"), ("portugal", "portuguese"), ("greece", "greek greeks"),
        ("turkey", "turkish turk turks"), ("israel", "israeli israelis"), ("iran", "iranian iranians"),
        ("iraq", "iraqi iraqis"), ("syria", "syrian syrians"), ("egypt", "egyptian egyptians"),
        ("tunisia", "tunisian tunisians"), ("morocco", "moroccan moroccans"), ("algeria", "algerian"),
        ("libya", "libyan"), ("nigeria", "nigerian nigerians"), ("kenya", "kenyan kenyans"),
        ("ethiopia", "ethiopian"), ("ghana", "ghanaian"), ("africa", "african africans"),
        ("europe", "european europeans"), ("asia", "asian asians"), ("croatia", "croatian croat croats"),
        ("serbia", "serbian serb serbs"), ("hungary", "hungarian"), ("romania", "romanian"),
        ("bulgaria", "bulgarian"), ("czechia", "czech czechs"), ("slovakia", "slovak slovakian"),
        ("slovenia", "slovenian slovene"), ("kazakhstan", "kazakh kazakhstani"), ("georgia", "georgian"),
        ("armenia", "armenian"), ("azerbaijan", "azerbaijani azeri"), ("belarus", "belarusian"),
        ("lithuania", "lithuanian"), ("latvia", "latvian"), ("estonia", "estonian"), ("cuba", "cuban"),
        ("venezuela", "venezuelan"), ("vietnam", "vietnamese"), ("thailand", "thai"), ("indonesia", "indonesian"),
        ("philippines", "filipino filipina philippine"), ("malaysia", "malaysian"), ("singapore", "singaporean"),
        ("taiwan", "taiwanese"), ("afghanistan", "afghan afghans"), ("bangladesh", "bangladeshi"),
        ("lebanon", "lebanese"), ("jordan", "jordanian"), ("saudi", "saudis"), ("qatar", "qatari"),
        ("yemen", "yemeni"), ("palestine", "palestinian palestinians"), ("somalia", "somali somalian"),
        ("sudan", "sudanese"), ("uganda", "ugandan"), ("zimbabwe", "zimbabwean"), ("jamaica", "jamaican"),
    )
}
