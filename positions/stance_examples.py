"""A real example of each stance, and a real statement that looks like it but is coded otherwise, for /about/.

Every statement here is a row of the data as it was coded: the seed (positions/demo/seed.py) or
the reference record (positions/data/record.csv), word for word, with its speaker, date and source
(tests/positions/test_stance_examples.py holds them to it). The counter-example says why its
words fall under another stance, by the definitions in positions/definitions.py. The reasons quote
no words of the data: the catalogue test takes quoted words in a message for interface English.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from positions.choices import Stance
from sources.dates import DatePrecision as P


@dataclass(frozen=True)
class Statement:
    actor_slug: str
    name: str
    name_uk: str
    stated_on: datetime.date
    precision: str
    topic: str  # the topic's slug
    stance: str
    quote: str
    url: str


@dataclass(frozen=True)
class StanceExample:
    example: Statement
    counter: Statement
    why: str | Promise  # why the counter-example is coded otherwise


STANCE_EXAMPLES = {
    Stance.SUPPORTS: StanceExample(
        example=Statement(
            "john-healey",
            "John Healey",
            "Джон Гілі",
            datetime.date(2025, 8, 15),
            P.DAY,
            "reassurance-force",
            Stance.SUPPORTS,
            "In the circumstances of a ceasefire we’re ready to put UK boots on the ground in Ukraine. They are ready "
            "to go, they’re ready to act from day one.",
            "https://www.pravda.com.ua/eng/news/2025/08/15/7526369/",
        ),
        counter=Statement(
            "emmanuel-macron",
            "Emmanuel Macron",
            "Емманюель Макрон",
            datetime.date(2025, 2, 24),
            P.DAY,
            "reassurance-force",
            Stance.OPEN,
            "We are ready and willing to provide those security guarantees, which could perhaps include troops, but "
            "they would be there to maintain peace,",
            "https://japantoday.com/category/world/trump-says-putin-has-accepted-concept-of-peacekeepers-as-part-of-"
            "ukraine-deal",
        ),
        why=_(
            "He is ready to give security guarantees, but says troops could only perhaps be part of them: the option "
            "is kept, not committed to."
        ),
    ),
    Stance.OPEN: StanceExample(
        example=Statement(
            "jean-noel-barrot",
            "Jean-Noël Barrot",
            "Жан-Ноель Барро",
            datetime.date(2024, 11, 22),
            P.DAY,
            "combat-troops",
            Stance.OPEN,
            "What President Macron said is that we should not set and express red lines, we should set a strategic "
            "ambiguity and not say what we ought or what we ought not to do, and this is the reason why we do not "
            "discard any option publicly",
            "https://uk.ambafrance.org/Ukrainians-must-be-given-the-strongest-possible-hand-Minister",
        ),
        counter=Statement(
            "elina-valtonen",
            "Elina Valtonen",
            "Еліна Валтонен",
            datetime.date(2024, 3, 1),
            P.MONTH,
            "combat-troops",
            Stance.OPPOSES,
            "Now’s not the time to send boots on the ground, and we are not even willing to discuss it at this stage. "
            "But for the long term, of course we shouldn’t be ruling anything out,",
            "https://www.pravda.com.ua/eng/news/2024/03/31/7448988/",
        ),
        why=_("She leaves the long term open, but says no for now, and no for now is “opposes”."),
    ),
    Stance.UNDECIDED: StanceExample(
        example=Statement(
            "margarita-robles",
            "Margarita Robles",
            "Маргарита Роблес",
            datetime.date(2025, 3, 6),
            P.DAY,
            "reassurance-force",
            Stance.UNDECIDED,
            "this meeting does not imply what Spain's position will be from the perspective of the possible sending "
            "of troops.",
            "https://mundoamerica.com/news/2025/03/06/67c99c87e9cf4adf4f8b4596.html",
        ),
        counter=Statement(
            "anthony-albanese",
            "Anthony Albanese",
            "Ентоні Албаніз",
            datetime.date(2025, 3, 4),
            P.DAY,
            "peacekeeping",
            Stance.OPEN,
            "There is discussion at the moment about potential peacekeeping. And from my government's perspective, we "
            "are open to consideration of any proposals going forward.",
            "https://www.sakshipost.com/news/australia-open-sending-peacekeeping-troops-ukraine-albanese-383642",
        ),
        why=_("Nothing is decided here either, but he puts the option on the table, which makes it “open”."),
    ),
    Stance.OPPOSES: StanceExample(
        example=Statement(
            "david-lammy",
            "David Lammy",
            "Девід Леммі",
            datetime.date(2024, 11, 1),
            P.MONTH,
            "combat-troops",
            Stance.OPPOSES,
            "We are very clear that we stand ready and continue to support the Ukrainians with training particularly, "
            "but there has been a longstanding position that we are not committing UK troops to the theatre of "
            "action. … That is certainly the UK position, and remains the UK position at this time.",
            "https://www.lbc.co.uk/news/lammy-uk-not-sending-troops-ukraine",
        ),
        counter=Statement(
            "klaus-iohannis",
            "Klaus Iohannis",
            "Клаус Йоганніс",
            datetime.date(2024, 3, 12),
            P.DAY,
            "combat-troops",
            Stance.RULES_OUT,
            "Romania will not send combatants to Ukraine. We support Ukraine in many ways and will continue,",
            "https://www.romania-insider.com/romania-no-troops-ukraine-iohannis-march-2024",
        ),
        why=_("The refusal has no time limit (neither now nor at this time), so it rules it out."),
    ),
    Stance.RULES_OUT: StanceExample(
        example=Statement(
            "pete-hegseth",
            "Pete Hegseth",
            "Піт Гегсет",
            datetime.date(2025, 2, 12),
            P.DAY,
            "reassurance-force",
            Stance.RULES_OUT,
            "To be clear, as part of any security guarantee, there will not be U.S. troops deployed to Ukraine,",
            "https://voz.us/en/world/250212/21006/secretary-hegseth-declares-before-nato-that-it-is-not-realistic-to-"
            "return-ukraine-to-its-pre-war-borders.html",
        ),
        counter=Statement(
            "uk-prime-ministers-spokesperson",
            "Prime Minister's Official Spokesperson (UK)",
            "Офіційний речник прем'єр-міністра Великої Британії",
            datetime.date(2024, 11, 25),
            P.DAY,
            "combat-troops",
            Stance.OPPOSES,
            "Yes, beyond what I’ve said previously about providing medical training and the military presence we have "
            "around the embassy we don’t have plans for U.K. troops to be in combat alongside Ukrainian troops.",
            "https://www.politico.eu/article/uk-david-lammy-not-sending-troops-into-ukraine-at-this-time-russia-war/",
        ),
        why=_(
            "“Yes” answers whether the UK could rule it out, but the answer itself speaks only of plans for now: "
            "“opposes”."
        ),
    ),
    Stance.COMMENTARY: StanceExample(
        example=Statement(
            "taras-semenyuk",
            "Taras Semenyuk",
            "Тарас Семенюк",
            datetime.date(2024, 11, 1),
            P.MONTH,
            "combat-troops",
            Stance.COMMENTARY,
            "For example, the participation of foreign troops could lead to a large-scale escalation, in fact, to the "
            "Third World War, when other countries join the conflict.",
            "https://unn.ua/en/amp/why-nato-does-not-send-troops-to-ukraine-expert-reveals-important-details",
        ),
        counter=Statement(
            "jakub-janda",
            "Jakub Janda",
            "Якуб Янда",
            datetime.date(2025, 9, 1),
            P.MONTH,
            "combat-troops",
            Stance.SUPPORTS,
            "Therefore, after eleven years of Russian war in Europe, Europeans should deploy several divisions of "
            "forces to Ukraine right now.",
            "https://carnegieendowment.org/europe/strategic-europe/2025/09/taking-the-pulse-should-europeans-deploy-"
            "a-reassurance-force-in-ukraine-regardless-of-a-ceasefire?center=europe&lang=en",
        ),
        why=_(
            "An analyst, but he argues for sending troops now, so “supports” (an analyst's words never decide a "
            "country's stance)."
        ),
    ),
}
