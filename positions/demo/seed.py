"""The seed article's facts as data: actors, roles, outlets, sources, quotes, positions, topics.

The UNN article (late November 2024) is machine-translated: names in it are garbled, so each
actor carries the article's spelling as an alias, and the Ukrainian spelling too, so a search in
either language finds it. The Ukrainian names, titles and summaries are ours, for the Ukrainian
pages; no quote gets a Ukrainian "original": the article's Ukrainian text was not found, and a
translation back from its English would not be what was said. Facts the article leaves out come
from the pages named in the sources' notes; nothing else is added (no made-up URL, title or day).
Beside the article, the two statements that answered Le Monde's report on the record (Downing
Street's and Jean-Noël Barrot's) come from the pages named in their sources, read for the seed.

`seed_demo` owns these rows and brings an existing database in line with them: a row whose
natural key changed lists its earlier keys (`previous_titles`, `previous_texts`,
`previous_topics`) so that it is updated rather than created again, and positions an earlier seed
made that this one does not are listed in REMOVED_POSITIONS to be deleted. Each change is said in
the row's history: a position's `why`, or the fields that changed.
"""

import datetime
from typing import Any

from positions.choices import ActorKind, OfficeRank, Stance
from sources.dates import DatePrecision as P
from sources.models import Attribution, OutletKind, Translation, Verification

TOPICS = [
    ("combat-troops", "Combat troops", "Combat units in Ukraine during the war.", True),
    ("instructors", "Instructors", "Trainers and specialists.", True),
    ("reassurance-force", "Reassurance force", "A post-ceasefire force.", True),
    ("peacekeeping", "Peacekeeping", "A mandated peacekeeping mission.", True),
    ("air-policing", "Air policing", "Policing Ukraine's airspace.", True),
    ("troops-for-russia", "Troops for Russia", "Foreign troops fighting for Russia, e.g. North Korea's.", False),
    ("foreign-volunteers", "Foreign volunteers", "Ukraine's International Legion.", False),
]

OUTLETS = [
    {"slug": "unn", "name": "UNN", "url": "https://unn.ua/", "country": "UA", "kind": OutletKind.NEWS_AGENCY},
    {
        "slug": "le-monde",
        "name": "Le Monde",
        "url": "https://www.lemonde.fr/",
        "country": "FR",
        "kind": OutletKind.NEWSPAPER,
    },
    {"slug": "lbc", "name": "LBC", "url": "https://www.lbc.co.uk/", "country": "GB", "kind": OutletKind.BROADCASTER},
    # Named as the reference record names them (positions/data/record.csv), so loading either finds the other's.
    {
        "slug": "politico-europe",
        "name": "Politico Europe",
        "url": "https://www.politico.eu/",
        "country": "BE",
        "kind": OutletKind.NEWSPAPER,
    },
    {
        "slug": "french-embassy-in-the-united-kingdom",
        "name": "French Embassy in the United Kingdom",
        "url": "https://uk.ambafrance.org/",
        "country": "FR",
        "kind": OutletKind.GOVERNMENT,
    },
]

# Sources are matched by URL; without a known URL, by outlet, title and publication date.
SOURCES = [
    {
        # UNN's English page: its text is word for word the seed article, typos included. Its
        # headline and date were not seen, so the title describes it and the date stays "Nov 2024".
        # It is a machine translation of a Ukrainian article that was not found.
        "key": "unn",
        "outlet": "unn",
        "title": "Political analyst Taras Semenyuk on sending foreign troops to Ukraine (UNN comment)",
        "url": "https://unn.ua/en/amp/why-nato-does-not-send-troops-to-ukraine-expert-reveals-important-details",
        "published_on": datetime.date(2024, 11, 1),
        "published_precision": P.MONTH,
        "language": "en",
        "notes": (
            "UNN's English edition, a machine translation of a Ukrainian article that was not found; names "
            "in it are garbled. The title here describes the article and is not its headline, which was not "
            "seen; nor was its exact date (late November 2024)."
        ),
    },
    {
        "key": "le-monde",
        "outlet": "le-monde",
        "title": "Guerre en Ukraine : l'envoi de militaires européens en discussion",
        "published_on": datetime.date(2024, 11, 25),
        "published_precision": P.DAY,
        "language": "fr",
        "notes": "Published online after Keir Starmer's 11 Nov 2024 visit to France. URL not recorded.",
    },
    {
        # The outlet's site is recorded with "www", so the article's address is too.
        "key": "lbc",
        "outlet": "lbc",
        "title": (
            "Lammy insists UK is not sending troops to Ukraine after Russia cautions against deploying "
            "soldiers-for-hire"
        ),
        "previous_titles": ["Lammy at the G7 foreign ministers' meeting in Italy: UK not committing troops"],
        "url": "https://www.lbc.co.uk/news/lammy-uk-not-sending-troops-ukraine",
        "published_on": datetime.date(2024, 11, 26),
        "published_precision": P.DAY,
        "language": "en",
        "notes": (
            "Published 26 November 2024, 07:28. LBC reports what David Lammy told La Repubblica, Le Monde and "
            "Die Welt at the G7 foreign ministers' meeting in Italy; it does not say on which day he spoke."
        ),
    },
    {
        # Read for the seed: the page quotes the Prime Minister's spokesperson's two answers of Monday 25 Nov.
        "key": "politico",
        "outlet": "politico-europe",
        "title": "UK: We’re not sending troops into Ukraine ‘at this time’",
        "url": "https://www.politico.eu/article/uk-david-lammy-not-sending-troops-into-ukraine-at-this-time-russia-war/",
        "published_on": datetime.date(2024, 11, 26),
        "published_precision": P.DAY,
        "language": "en",
        "notes": (
            "Politico Europe, 26 November 2024. Quotes the Prime Minister's official spokesperson telling reporters "
            "on Monday (25 November), when pressed on Le Monde's article, that there were no plans for troops."
        ),
    },
    {
        # The French government's own transcript of the BBC interview: the primary record of his words.
        "key": "ambafrance",
        "outlet": "french-embassy-in-the-united-kingdom",
        "title": 'Ukrainians must be given the "strongest possible hand" - Minister',
        "url": "https://uk.ambafrance.org/Ukrainians-must-be-given-the-strongest-possible-hand-Minister",
        "published_on": datetime.date(2024, 11, 22),
        "published_precision": P.DAY,
        "language": "en",
        "notes": (
            "Transcript of the interview Jean-Noël Barrot gave to the BBC's Sunday with Laura Kuenssberg, "
            "headed “Paris, 22 November 2024”."
        ),
    },
]

ACTORS: list[dict[str, Any]] = [
    {
        "slug": "keir-starmer",
        "name": "Keir Starmer",
        "name_uk": "Кір Стармер",
        "kind": ActorKind.OFFICIAL,
        "country": "GB",
        "aliases": "Cyrus Starmer\nКір Стармер",
        "roles": [("Prime Minister of the United Kingdom", "GB", datetime.date(2024, 7, 5), None, OfficeRank.HEAD)],
    },
    {
        "slug": "david-lammy",
        "name": "David Lammy",
        "name_uk": "Девід Леммі",
        "kind": ActorKind.OFFICIAL,
        "country": "GB",
        "aliases": "David Lamy\nДевід Леммі",
        "roles": [
            (
                "Foreign Secretary",
                "GB",
                datetime.date(2024, 7, 5),
                datetime.date(2025, 9, 5),
                OfficeRank.FOREIGN_DEFENCE,
            ),
            (
                "Deputy Prime Minister and Justice Secretary",
                "GB",
                datetime.date(2025, 9, 5),
                None,
                OfficeRank.MINISTER,
            ),
        ],
    },
    {
        "slug": "emmanuel-macron",
        "name": "Emmanuel Macron",
        "name_uk": "Емманюель Макрон",
        "kind": ActorKind.OFFICIAL,
        "country": "FR",
        "aliases": "Еммануель Макрон",
        "roles": [("President of the French Republic", "FR", datetime.date(2017, 5, 14), None, OfficeRank.HEAD)],
    },
    {
        # As the reference record has him (positions/data/record_actors.csv).
        "slug": "jean-noel-barrot",
        "name": "Jean-Noël Barrot",
        "name_uk": "Жан-Ноель Барро",
        "kind": ActorKind.OFFICIAL,
        "country": "FR",
        "aliases": "Jean-Noel Barrot\nЖан-Ноель Барро",
        "roles": [
            (
                "Minister for Europe and Foreign Affairs of France",
                "FR",
                datetime.date(2024, 9, 21),
                None,
                OfficeRank.FOREIGN_DEFENCE,
            )
        ],
    },
    {
        # The office, not a person: Politico does not name the spokesperson. The role starts with the
        # Prime Minister it speaks for (Keir Starmer, from 5 July 2024), which is all the seed needs.
        "slug": "uk-prime-ministers-spokesperson",
        "name": "Prime Minister's Official Spokesperson (UK)",
        "name_uk": "Офіційний речник прем'єр-міністра Великої Британії",
        "kind": ActorKind.OFFICIAL,
        "country": "GB",
        "aliases": "Downing Street spokesperson\nPrime Minister's official spokesman",
        "roles": [
            (
                "Official Spokesperson of Prime Minister Keir Starmer",
                "GB",
                datetime.date(2024, 7, 5),
                None,
                OfficeRank.SPOKESPERSON,
            )
        ],
    },
    {
        "slug": "france",
        "name": "France",
        "name_uk": "Франція",
        "kind": ActorKind.STATE,
        "country": "FR",
        "aliases": "French government\nФранція\nуряд Франції",
    },
    {
        "slug": "united-kingdom",
        "name": "United Kingdom",
        # As django-countries names the country on the same pages; the formal name is an alias.
        "name_uk": "Велика Британія",
        "kind": ActorKind.STATE,
        "country": "GB",
        "aliases": "UK\nBritish government\nСполучене Королівство\nВелика Британія\nуряд Великої Британії",
    },
    {
        "slug": "verkhovna-rada",
        "name": "Verkhovna Rada of Ukraine",
        "name_uk": "Верховна Рада України",
        "kind": ActorKind.LEGISLATURE,
        "country": "UA",
        "aliases": "Verkhovna Rada\nВерховна Рада України",
    },
    {
        "slug": "taras-semenyuk",
        "name": "Taras Semenyuk",
        "name_uk": "Тарас Семенюк",
        "kind": ActorKind.ANALYST,
        "country": "UA",
        "aliases": "Тарас Семенюк\nTaras Semeniuk",
        "description": "Ukrainian political analyst.",
        "description_uk": "Український політолог.",
    },
]

NOV_2024 = (datetime.date(2024, 11, 1), P.MONTH)

# Every quote taken from UNN's article is its English text, a machine translation (the Ukrainian
# original was not found, so there is no original text), and `reported`: the words reach us
# through the agency's report, not from a primary record. Semenyuk spoke to UNN itself, but only
# UNN's machine-translated report of his comment is available.
UNN_QUOTE = {
    "translation": Translation.MACHINE,
    "verification": Verification.REPORTED,
    "attribution": Attribution.DIRECT,
}

QUOTES = [
    {
        # UNN's sentence about Le Monde's report (Le Monde's own article was not found).
        "key": "le-monde-discussion",
        "source": "unn",
        # The whole sentence: an earlier seed began it at "The newspaper", a capital the article does not have.
        "text": (
            "For example, the newspaper Le Monde reported that after the visit of British Prime Minister Cyrus "
            "Starmer to France, both countries again returned to the mentioned topic."
        ),
        "previous_texts": [
            "The newspaper Le Monde reported that after the visit of British Prime Minister Cyrus Starmer "
            "to France, both countries again returned to the mentioned topic."
        ],
        # UNN's page is dated only "Nov 2024" and gives no day for the talks it reports: the month.
        "said": NOV_2024,
        **UNN_QUOTE,
        # Not Starmer's words nor France's: UNN's paraphrase of a Le Monde report that cited unnamed
        # sources. It can never decide a stance as if either had said it.
        "attribution": Attribution.ANONYMOUS,
    },
    {
        # LBC's two sentences of his, word for word, joined where LBC's own words stand between them.
        # English words of an English speaker: the original. `reported`: LBC reports what he told
        # other newspapers. The date: LBC does not say when he spoke and was published on 26 Nov at
        # 07:28; the Kyiv Independent (26 Nov 2024) says he told journalists at the G7 ministerial
        # meeting on 25 Nov, other reports "on Tuesday morning" (26 Nov). Outlets disagree on the
        # day, so the month (the positions built on it say why in their date evidence).
        "key": "lammy-rejects",
        "source": "lbc",
        "text": (
            "We are very clear that we stand ready and continue to support the Ukrainians with training "
            "particularly, but there has been a longstanding position that we are not committing UK troops "
            "to the theatre of action. … That is certainly the UK position, and remains the UK position at "
            "this time."
        ),
        "previous_texts": ["Not committing UK troops to the theatre of action … remains the UK position at this time."],
        "said": NOV_2024,
        "translation": Translation.ORIGINAL,
        "verification": Verification.REPORTED,
        "attribution": Attribution.DIRECT,
    },
    {
        "key": "semenyuk-rada",
        "source": "unn",
        "text": (
            "We are not talking about instructors or specialists, but about combat units. This requires "
            "permission from the Verkhovna Rada of Ukraine. In particular, there should be a decision on the "
            "admission of foreign troops to the territory of Ukraine."
        ),
        "said": NOV_2024,
        **UNN_QUOTE,
    },
    {
        # From the start of the case he speaks of (troops sent during the war, should Russia advance fast)
        # to the end of his answer, the sentence an earlier seed cut included.
        "key": "semenyuk-parliament",
        "source": "unn",
        "text": (
            "For example, earlier it was said that NATO troops could be sent to Ukraine if Russia begins to rapidly "
            "advance through the territory, creating a threat to NATO. Then perhaps they will consider such an idea. "
            "But even in such a situation, the decision must be made by the Parliament of a NATO member country. "
            "This is not an easy process. It wasn't just one person who decided and sent it. Now we are not talking "
            "about sending foreign troops."
        ),
        "previous_texts": [
            "Even in such a situation, the decision must be made by the Parliament of a NATO member country. "
            "This is not an easy process. Now we are not talking about sending foreign troops."
        ],
        "said": NOV_2024,
        **UNN_QUOTE,
    },
    {
        "key": "semenyuk-legion",
        "source": "unn",
        "text": (
            "If we talk about the participation of North Korean troops on the side of Russia, then this is one "
            'format. Russians can say: "you also have an international Legion." But it is necessary to clearly '
            "distinguish the Foreign Legion, which is a separate combat unit, from the regular troops of another "
            "state. Regular troops of another state are authorized by the Parliament of that country."
        ),
        "said": NOV_2024,
        **UNN_QUOTE,
    },
    {
        "key": "semenyuk-rumours",
        "source": "unn",
        "text": (
            "Perhaps Russia will do everything possible to use this situation not only against our country, "
            "but also against our partners. Therefore, so far this is only rumors and unverified information."
        ),
        "said": NOV_2024,
        **UNN_QUOTE,
    },
]

QUOTES += [
    {
        "key": "semenyuk-escalation",
        "source": "unn",
        "text": (
            "For example, the participation of foreign troops could lead to a large-scale escalation, in fact, "
            "to the Third World War, when other countries join the conflict."
        ),
        "said": NOV_2024,
        **UNN_QUOTE,
    },
    {
        "key": "semenyuk-balance",
        "source": "unn",
        "text": (
            "This can potentially affect, but it all depends on the number of these troops, their composition "
            "and how they are used. The impact is possible, but it is calculated within the framework of "
            "so-called strategic planning. Here you need to analyze and express yourself very carefully. For "
            "example, the presence of about 200 F-16 aircraft with about 500 pilots and corresponding missiles, "
            "obviously, can change a certain balance of power"
        ),
        "said": NOV_2024,
        **UNN_QUOTE,
    },
]

# The two statements of 25 Nov 2024 that answer Le Monde's report on the record, word for word as the
# pages read for the seed give them (and as the reference record has them, positions/data/record.csv).
QUOTES += [
    {
        # Politico: "with Starmer's spokesperson telling reporters when pressed on the Le Monde article Monday".
        "key": "spokesperson-no-plans",
        "source": "politico",
        "text": "[There are] no plans for troops in that manner.",
        "said": (datetime.date(2024, 11, 25), P.DAY),
        "translation": Translation.ORIGINAL,
        "verification": Verification.REPORTED,
        "attribution": Attribution.SPOKESPERSON,
    },
    {
        # Politico: "Asked if the U.K. could rule out sending troops to Ukraine, the prime minister's spokesperson said".
        "key": "spokesperson-not-in-combat",
        "source": "politico",
        "text": (
            "Yes, beyond what I’ve said previously about providing medical training and the military presence we "
            "have around the embassy we don’t have plans for U.K. troops to be in combat alongside Ukrainian troops."
        ),
        "said": (datetime.date(2024, 11, 25), P.DAY),
        "translation": Translation.ORIGINAL,
        "verification": Verification.REPORTED,
        "attribution": Attribution.SPOKESPERSON,
    },
    {
        # The embassy's transcript of his English answer on the BBC: the primary record, opened and read.
        "key": "barrot-no-option-discarded",
        "source": "ambafrance",
        "text": (
            "What President Macron said is that we should not set and express red lines, we should set a strategic "
            "ambiguity and not say what we ought or what we ought not to do, and this is the reason why we do not "
            "discard any option publicly"
        ),
        "said": (datetime.date(2024, 11, 22), P.DAY),
        "translation": Translation.ORIGINAL,
        "verification": Verification.CONFIRMED,
        "attribution": Attribution.DIRECT,
    },
]

SPOKESPERSON_DAY = (
    "Politico (26 Nov 2024) says the spokesperson told reporters on Monday, 25 Nov, when pressed on Le Monde's article."
)

LAMMY_DAY_UNCERTAIN = (
    "Month only: LBC (26 Nov 2024, 07:28) does not say on which day he spoke; the Kyiv Independent says 25 Nov, "
    "other reports Tuesday morning (26 Nov)."
)

# A position's "why" is what seed_demo writes in its history when it brings an older copy in line
# (a new row's history says it was added by seed_demo).
ANONYMOUS_REPORT_WHY = "Re-coded: UNN's account of Le Monde's report citing unnamed sources, not their own words"

POSITIONS: list[dict[str, Any]] = [
    {
        # Not Starmer's words: what UNN says Le Monde reported from unnamed sources. Kept, marked as such,
        # so the report is on the record; it never decides the United Kingdom's stance.
        "actor": "keir-starmer",
        "topic": "combat-troops",
        "quote": "le-monde-discussion",
        "stance": Stance.OPEN,
        "summary": (
            "Reported, not said by him: UNN writes that Le Monde, citing unnamed sources, reported that after "
            "Starmer's 11 Nov 2024 visit to France the UK and France returned to discussing sending troops."
        ),
        "summary_uk": (
            "Повідомлення, а не його слова: УНН пише, що Le Monde з посиланням на неназвані джерела повідомила, "
            "що після візиту Стармера до Франції 11 листопада 2024 року Велика Британія та Франція повернулися "
            "до обговорення відправлення військ."
        ),
        "why": ANONYMOUS_REPORT_WHY,
    },
    {
        "actor": "france",
        "topic": "combat-troops",
        "quote": "le-monde-discussion",
        "stance": Stance.OPEN,
        "summary": (
            "Reported, not said by the French government: UNN writes that Le Monde, citing unnamed sources, reported "
            "that France and the UK returned to discussing sending European troops to Ukraine."
        ),
        "summary_uk": (
            "Повідомлення, а не слова уряду Франції: УНН пише, що Le Monde з посиланням на неназвані джерела "
            "повідомила, що Франція та Велика Британія повернулися до обговорення відправлення європейських "
            "військ в Україну."
        ),
        "why": ANONYMOUS_REPORT_WHY,
    },
    {
        "actor": "uk-prime-ministers-spokesperson",
        "topic": "combat-troops",
        "quote": "spokesperson-no-plans",
        "stance": Stance.OPPOSES,
        "date_evidence": SPOKESPERSON_DAY,
        "conditions": "No plans at present.",
        "conditions_uk": "Наразі планів немає.",
        "summary": "Downing Street, pressed on Le Monde's report, said there were no plans for troops in that manner.",
        "summary_uk": (
            "Даунінг-стріт, відповідаючи на запитання про статтю Le Monde, заявила, що таких планів щодо військ немає."
        ),
    },
    {
        # "Yes" answers "could the UK rule it out", but the words are "we don't have plans": against it
        # now, not excluded for good, so `opposes` (the less categorical of the two, as the rules say).
        "actor": "uk-prime-ministers-spokesperson",
        "topic": "combat-troops",
        "quote": "spokesperson-not-in-combat",
        "stance": Stance.OPPOSES,
        "date_evidence": (
            "Politico (26 Nov 2024) reports it beside the spokesperson's answer of Monday, 25 Nov, on Le Monde's "
            "article."
        ),
        "conditions": "Beyond medical training and the military presence around the embassy.",
        "conditions_uk": "Крім медичного навчання та військової присутності біля посольства.",
        "summary": (
            "The Prime Minister's spokesperson said the UK had no plans for British troops to be in combat alongside "
            "Ukrainian troops, beyond medical training and the military presence around the embassy."
        ),
        "summary_uk": (
            "Речник прем'єр-міністра заявив, що Велика Британія не планує, щоб британські військові брали участь "
            "у бойових діях пліч-о-пліч з українськими, крім медичного навчання та військової присутності біля "
            "посольства."
        ),
    },
    {
        "actor": "jean-noel-barrot",
        "topic": "combat-troops",
        "quote": "barrot-no-option-discarded",
        "stance": Stance.OPEN,
        "date_evidence": "The French Embassy's transcript of the BBC interview is headed “Paris, 22 November 2024”.",
        "summary": (
            "Asked on the BBC whether French troops might one day be deployed in Ukraine, Barrot said France keeps "
            "a strategic ambiguity and does not publicly discard any option."
        ),
        "summary_uk": (
            "На запитання BBC, чи можуть французькі війська колись бути розгорнуті в Україні, Барро відповів, що "
            "Франція зберігає стратегічну невизначеність і публічно не відкидає жодного варіанту."
        ),
    },
    {
        "actor": "david-lammy",
        "topic": "combat-troops",
        "quote": "lammy-rejects",
        "stance": Stance.OPPOSES,
        "date_evidence": LAMMY_DAY_UNCERTAIN,
        "conditions": "At this time.",
        "conditions_uk": "Наразі.",
        "summary": "Lammy rejected the idea at the G7 foreign ministers' meeting in Italy: no UK troops to the theatre of action.",
        "summary_uk": "Леммі відкинув цю ідею на зустрічі міністрів закордонних справ G7 в Італії: жодних британських військ у зоні бойових дій.",
    },
    {
        "actor": "taras-semenyuk",
        "topic": "combat-troops",
        "quote": "semenyuk-rada",
        "stance": Stance.COMMENTARY,
        "summary": "Admitting foreign combat units to Ukraine requires a decision of the Verkhovna Rada; instructors are a different matter.",
        "summary_uk": "Допуск іноземних бойових підрозділів в Україну потребує рішення Верховної Ради України; інструктори — інша справа.",
    },
    {
        "actor": "taras-semenyuk",
        "topic": "combat-troops",
        "quote": "semenyuk-rumours",
        "stance": Stance.COMMENTARY,
        "summary": "Talk of sending troops is so far only rumours and unverified information, which Russia may exploit.",
        "summary_uk": "Розмови про відправлення військ — поки що лише чутки й неперевірена інформація, якою може скористатися Росія.",
    },
    {
        # Combat troops: he speaks of NATO troops sent during the war should Russia advance fast, not of
        # a force after a ceasefire, where an earlier seed filed it.
        "actor": "taras-semenyuk",
        "topic": "combat-troops",
        "previous_topics": ["reassurance-force"],
        "quote": "semenyuk-parliament",
        "stance": Stance.COMMENTARY,
        "summary": (
            "Even if NATO troops were sent should Russia advance fast, a NATO member's parliament would have to "
            "decide, not one person; sending troops is not being discussed now."
        ),
        "summary_uk": (
            "Навіть якби війська НАТО відправили в разі швидкого наступу Росії, рішення мав би ухвалити парламент "
            "країни — члена НАТО, а не одна людина; зараз про відправлення військ не йдеться."
        ),
        "why": "Cut sentence restored; filed under combat troops, the case he speaks of",
    },
    {
        "actor": "taras-semenyuk",
        "topic": "foreign-volunteers",
        "quote": "semenyuk-legion",
        "stance": Stance.COMMENTARY,
        "summary": "Ukraine's International Legion must be distinguished from another state's regular troops.",
        "summary_uk": "Інтернаціональний легіон України слід чітко відрізняти від регулярних військ іншої держави.",
    },
    {
        "actor": "taras-semenyuk",
        "topic": "troops-for-russia",
        "quote": "semenyuk-legion",
        "stance": Stance.COMMENTARY,
        "summary": "North Korean troops fighting for Russia are a different format from Ukraine's volunteers.",
        "summary_uk": "Північнокорейські війська, що воюють за Росію, — це інший формат, ніж іноземні добровольці в Україні.",
    },
    {
        "actor": "taras-semenyuk",
        "topic": "combat-troops",
        "quote": "semenyuk-escalation",
        "stance": Stance.COMMENTARY,
        "summary": (
            "Foreign troops taking part could lead to a large-scale escalation, in fact to a Third World War, "
            "with other countries joining the conflict."
        ),
        "summary_uk": (
            "Участь іноземних військ може призвести до масштабної ескалації, фактично до Третьої світової війни, "
            "коли до конфлікту долучаться інші країни."
        ),
    },
    {
        # Combat troops, not air policing: he answers whether another country's troops could change
        # the balance of power at the front during the war; aircraft with their pilots are his example
        # of such troops, not a force policing Ukraine's airspace.
        "actor": "taras-semenyuk",
        "topic": "combat-troops",
        "quote": "semenyuk-balance",
        "stance": Stance.COMMENTARY,
        "summary": (
            "Foreign troops could affect the balance of power at the front, depending on their number, "
            "composition and use: about 200 F-16s with about 500 pilots could change it."
        ),
        "summary_uk": (
            "Іноземні війська можуть вплинути на баланс сил на фронті залежно від їхньої кількості, складу "
            "та застосування: близько 200 F-16 з близько 500 пілотами могли б його змінити."
        ),
    },
]

# Positions an earlier seed made and this one does not, with the reason seed_demo writes in their
# history when it deletes them from an older database.
REMOVED_POSITIONS: list[dict[str, Any]] = [
    {
        # "We are not talking about instructors or specialists, but about combat units": the sentence
        # sets instructors aside, and the article says nothing else of them.
        "actor": "taras-semenyuk",
        "topic": "instructors",
        "quote": "semenyuk-rada",
        "why": "Removed: the quote sets instructors aside and says nothing of them",
    },
]
