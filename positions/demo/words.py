"""Words for synthetic quotes in English, Ukrainian and French (names are in names.py).

Used only by `generate_data` (positions/demo/synthetic.py) to make benchmark data that reads like
the real thing: quotes of realistic length, Cyrillic and French originals with their English text.
"""

from positions.choices import Stance

# Per topic slug: how the topic reads inside a sentence, in English, Ukrainian and French.
TOPIC_PHRASES = {
    "combat-troops": (
        "sending combat troops to Ukraine",
        "відправлення бойових військ в Україну",
        "l'envoi de troupes de combat en Ukraine",
    ),
    "instructors": (
        "sending military instructors to Ukraine",
        "відправлення військових інструкторів в Україну",
        "l'envoi d'instructeurs militaires en Ukraine",
    ),
    "reassurance-force": (
        "a reassurance force after a ceasefire",
        "сили підтримки після припинення вогню",
        "une force de réassurance après un cessez-le-feu",
    ),
    "peacekeeping": (
        "a peacekeeping mission in Ukraine",
        "миротворчу місію в Україні",
        "une mission de maintien de la paix en Ukraine",
    ),
    "air-policing": (
        "policing Ukraine's airspace",
        "патрулювання повітряного простору України",
        "la police du ciel ukrainien",
    ),
    "troops-for-russia": (
        "foreign troops fighting for Russia",
        "іноземні війська, що воюють на боці Росії",
        "les troupes étrangères qui combattent pour la Russie",
    ),
    "foreign-volunteers": (
        "foreign volunteers in Ukraine's International Legion",
        "іноземних добровольців в Інтернаціональному легіоні України",
        "les volontaires étrangers de la Légion internationale ukrainienne",
    ),
}
GENERIC_TOPIC_PHRASES = ("this question", "це питання", "cette question")

# Per stance: sentences in (English, Ukrainian, French); {t} is the topic phrase in that language.
STANCE_SENTENCES: dict[str, list[tuple[str, str, str]]] = {
    Stance.SUPPORTS: [
        ("We support {t}.", "Ми підтримуємо {t}.", "Nous soutenons {t}."),
        (
            "We fully back {t}, together with our allies.",
            "Ми повністю підтримуємо {t} разом із нашими союзниками.",
            "Nous appuyons pleinement {t}, aux côtés de nos alliés.",
        ),
    ],
    Stance.OPEN: [
        (
            "Nothing should be ruled out, including {t}.",
            "Нічого не можна виключати, зокрема {t}.",
            "Rien ne doit être exclu, y compris {t}.",
        ),
        (
            "We are ready to consider {t} under certain conditions.",
            "Ми готові розглянути {t} за певних умов.",
            "Nous sommes prêts à examiner {t} sous certaines conditions.",
        ),
    ],
    Stance.UNDECIDED: [
        (
            "We are still assessing {t}; no decision has been taken.",
            "Ми ще оцінюємо {t}, і рішення не ухвалено.",
            "Aucune décision n'a été prise concernant {t}.",
        ),
        (
            "We are still assessing {t} with our partners.",
            "Ми разом із партнерами досі оцінюємо {t}.",
            "Nous continuons d'évaluer {t} avec nos partenaires.",
        ),
    ],
    Stance.OPPOSES: [
        (
            "We do not support {t} in the current circumstances.",
            "Ми не підтримуємо {t} за нинішніх обставин.",
            "Nous rejetons {t} dans les circonstances actuelles.",
        ),
        (
            "We see more risks than benefits in {t}.",
            "Ми бачимо більше ризиків, ніж користі, у такому кроці, як {t}.",
            "Nous voyons plus de risques que d'avantages dans {t}.",
        ),
    ],
    Stance.RULES_OUT: [
        (
            "We categorically rule out {t}.",
            "Ми категорично відкидаємо {t}.",
            "Nous excluons catégoriquement {t}.",
        ),
        (
            "There is no question of {t}.",
            "Про {t} не може бути й мови.",
            "Il n'est pas question d'envisager {t}.",
        ),
    ],
    Stance.COMMENTARY: [
        (
            "Experts remain divided on {t}.",
            "Аналітики по-різному оцінюють {t}.",
            "Les experts restent divisés sur {t}.",
        ),
        (
            "We should analyse {t} and its consequences with care.",
            "Ми уважно аналізуємо {t} та можливі наслідки.",
            "Il faut analyser avec prudence {t} et ses conséquences.",
        ),
    ],
}

# Context that pads an English quote to a realistic length; {c} is the actor's country or organisation.
FILLER_SENTENCES = [
    "Any decision will be taken together with our allies.",
    "Parliament will have to approve any deployment abroad.",
    "We are in constant contact with our partners in Kyiv.",
    "Security guarantees for Ukraine must be credible and lasting.",
    "The question will be discussed at the next NATO summit.",
    "Russia must not be allowed to dictate the terms of any settlement.",
    "Our armed forces are already stretched by existing commitments.",
    "Public opinion remains divided on the matter.",
    "This is not on the agenda at the moment.",
    "We will not speculate about hypothetical scenarios.",
    "The government will inform the defence committee in due course.",
    "A ceasefire has to come first.",
    "{c} has always stood by Ukraine's sovereignty and territorial integrity.",
    "The position of {c} has not changed since the last meeting of defence ministers.",
    "Any mission would need a clear mandate, clear rules of engagement and air cover.",
    "We must avoid any step that could be seen as direct participation in the war.",
    "Training, equipment and financing remain our priorities for now.",
    "The Verkhovna Rada would have to consent to the admission of foreign troops.",
    "Deterrence only works if it is credible.",
    "We have heard the proposal and we will study it carefully.",
]

CONDITIONS = [
    "Only after a ceasefire.",
    "Only with a UN mandate.",
    "Only with United States backing.",
    "Only with parliamentary approval.",
    "Only as part of a coalition of European states.",
    "Not while active hostilities continue.",
    "Only away from the front line.",
    "At this time.",
    "Only if Russia violates a ceasefire.",
    "Only with air cover from allies.",
]

SUMMARY_VERBS: dict[str, str] = {
    Stance.SUPPORTS: "supports",
    Stance.OPEN: "is open to",
    Stance.UNDECIDED: "has not decided on",
    Stance.OPPOSES: "opposes",
    Stance.RULES_OUT: "rules out",
    Stance.COMMENTARY: "comments on",
}

SOURCE_TITLES = [
    "{c} weighs {t}",
    "Minister on {t}: no decision yet",
    "Debate on {t} divides parliament in {c}",
    "Allies discuss {t} ahead of the summit",
    "Interview: where {c} stands on {t}",
    "Press conference transcript: {t}",
    "Analysis: what {t} would mean for {c}",
    "{c} and the question of {t}",
]

# Context for quotes with an original: (English, Ukrainian, French), each a translation of the others.
TRANSLATED_FILLERS = [
    (
        "Any decision will be taken together with our allies.",
        "Будь-яке рішення ми ухвалюватимемо разом із союзниками.",
        "Toute décision sera prise avec nos alliés.",
    ),
    ("A ceasefire has to come first.", "Спершу має бути припинення вогню.", "Un cessez-le-feu doit venir en premier."),
    (
        "Security guarantees for Ukraine must be credible and lasting.",
        "Гарантії безпеки для України мають бути надійними й тривалими.",
        "Les garanties de sécurité pour l'Ukraine doivent être crédibles et durables.",
    ),
    (
        "Parliament will have to approve any deployment.",
        "Будь-яке розгортання має схвалити парламент.",
        "Le Parlement devra approuver tout déploiement.",
    ),
    (
        "Russia must not dictate the terms of peace.",
        "Росія не повинна диктувати умови миру.",
        "La Russie ne doit pas dicter les conditions de la paix.",
    ),
]
