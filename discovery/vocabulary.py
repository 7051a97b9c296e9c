"""The words discovery looks for, in every language it reads, kept in this one place.

Each entry is a regular expression, matched without regard to case on word boundaries; a stem
followed by \\w* stands for its inflected forms (Ukrainian, Russian and Polish decline nouns,
German compounds them). To read another language, add its words to each table. The rules that
use these words are in discovery/matcher.py; docs/discovery.md explains them.
"""

# Words that on their own speak of a force sent abroad or a mission: enough with Ukraine nearby.
FORCE_SPECIFIC = {
    "en": [
        r"boots on the ground",
        r"peace-?keep\w*",
        r"reassurance force\w*",
        r"(?:stabili[sz]ation|deterrence|security|multinational) force\w*",
        r"(?:western|european|foreign|allied|nato|british|uk|french|german|polish|italian|american|us|international|ground) "
        r"(?:troops|soldiers|forces|contingent\w*|boots)",
        r"(?:troops|soldiers|forces) (?:of|from) (?:nato|the alliance|european countries|allied countries|the west)",
        r"(?:nato|military|foreign|western|allied|european|british|french) (?:military )?presence",
        r"foreign military",
        r"(?:troops|soldiers|forces) on the ground",
        r"contingents?",
        r"coalition of the willing",
    ],
    "fr": [
        r"casques? bleus",
        r"forces? de (?:réassurance|maintien de la paix|paix|dissuasion|sécurité)",
        r"maintien de la paix",
        r"troupes au sol",
        r"hommes au sol",
        r"soldats (?:français|européens|occidentaux|britanniques|étrangers|de l'otan)",
        r"troupes (?:françaises|européennes|occidentales|étrangères|britanniques|de l'otan|des pays de l'otan|alliées)",
        r"contingents?",
        r"coalition des volontaires",
        r"force multinationale",
        r"présence militaire (?:française|européenne|occidentale|étrangère|de l'otan)",
    ],
    "de": [
        r"bodentrupp\w*",
        r"friedenstrupp\w*",
        r"blauhelm\w*",
        r"schutztrupp\w*",
        r"kontingent\w*",
        r"friedensmission\w*",
        r"friedenssicherung\w*",
        r"sicherungstrupp\w*",
        r"(?:nato|bundeswehr|europäische\w*|westliche\w*|ausländische\w*|britische\w*|französische\w*|deutsche\w*)"
        r"[- ]?(?:truppen|soldat\w*)",
        r"(?:truppen|soldaten|einheiten) (?:der nato|von nato-staaten|aus europa|europäischer staaten|der verbündeten)",
        r"koalition der willigen",
        r"(?:militärische\w*|westliche\w*|europäische\w*) präsenz",
    ],
    "pl": [
        r"sił\w* pokojow\w*",
        r"misj\w* pokojow\w*",
        r"sił\w* (?:stabilizacyjn\w*|rozjemcz\w*|odstraszania|reasekuracyjn\w*)",
        r"kontyngent\w*",
        r"żołnierz\w* (?:polsk\w*|europejsk\w*|zachodn\w*|francusk\w*|brytyjsk\w*|nato)",
        # Adjectives change their stem in the plural: polski → polscy, europejski → europejscy.
        r"(?:pols[kc]|europejs[kc]|zachodn|francus[kc]|brytyjs[kc]|natows[kc]|niemiec|niemieck)\w* (?:wojsk\w*|żołnierz\w*|sił\w*)",
        r"wojsk\w* lądow\w*",
        r"(?:wojsk\w*|żołnierz\w*|sił\w*) (?:nato|sojusznicz\w*|zachodni\w*|państw nato|krajów nato|sojuszników|europejsk\w*)",
        r"obecnoś\w* wojsk\w*",
        r"koalicj\w* chętnych",
    ],
    "uk": [
        r"миротвор\w*",
        r"контингент\w*",
        r"сил\w* (?:стримування|безпеки|заспокоєння|підтримки|стабілізації|перестрахування)",
        r"(?:іноземн\w*|міжнародн\w*|західн\w*|європейськ\w*|французьк\w*|британськ\w*|польськ\w*|натівськ\w*) "
        r"(?:військ\w*|солдат\w*|контингент\w*)",
        r"наземн\w* військ\w*",
        r"(?:військ\w*|контингент\w*|солдат\w*) (?:нато|країн нато|держав нато|альянсу|союзників|заходу|європейських країн)",
        r"чоботи на землі",
        r"коаліці\w* охочих",
        r"(?:військов\w*|іноземн\w*) присутн\w*",
    ],
    "ru": [
        r"миротвор\w*",
        r"контингент\w*",
        r"(?:иностранн\w*|международн\w*|западн\w*|европейск\w*|французск\w*|британск\w*) (?:войск\w*|военн\w*|солдат\w*)",
        r"(?:войск\w*|контингент\w*|солдат\w*) (?:нато|стран нато|стран\w* альянса|стран североатлантического альянса|запада|западных стран)",
        r"коалици\w* желающих",
        r"(?:военн\w*|иностранн\w*) присутстви\w*",
    ],
}

# Everyday words for soldiers: a candidate only with a word of sending, or a direction into Ukraine.
FORCE_GENERAL = {
    "en": [
        r"troops?",
        r"soldiers?",
        r"(?:military|armed|service) (?:personnel|members)",
        r"servicemen",
        r"forces",
        r"(?:its|their|our) (?:military|army|armed forces)(?= (?:to|into|in|on) )",  # "send its military to"
        r"arm(?:y|ies)",
        r"armed forces",
        r"air forces?",
    ],
    "fr": [r"troupes?", r"soldats?", r"(?:des|les|de|aux) militaires"],
    "de": [r"truppe\w*", r"soldat\w*", r"streitkräfte\w*", r"bundeswehr\w*", r"einheiten"],
    "pl": [r"wojsk(?:o|a|u|iem|ach|ami|om)?", r"żołnierz\w*", r"sił(?:y|ami|om|ach)?"],
    "uk": [r"військ(?:о|а|у|ом|ами|ах|ам)?", r"військових", r"військовослужбовц\w*", r"солдат\w*"],
    "ru": [r"войск(?:а|о|у|ом|ами|ах)?", r"военных", r"военнослужащ\w*", r"солдат\w*"],
}

# Sending, stationing, a presence there, and ruling it in or out.
SENDING = {
    "en": [
        r"presence",
        r"send\w*",
        r"sent",
        r"deploy\w*",
        r"dispatch\w*",
        r"station\w*",
        r"commit\w*",
        r"contribut\w*",
        r"rule[sd]? out",
        r"ruling out",
    ],
    "fr": [
        r"présence",
        r"envo\w*",
        r"enverr\w*",
        r"déplo\w*",
        r"dépêch\w*",
        r"stationn\w*",
        r"exclu(?:t|s|e|es|re|ent|ait)?",
    ],
    "de": [
        r"präsenz",
        r"verleg\w*",
        r"schick\w*",
        r"geschickt",
        r"entsend\w*",
        r"entsandt\w*",
        r"stationier\w*",
        r"beteilig\w*",
        r"ausgeschlossen",
        r"ausschließ\w*",
    ],
    "pl": [
        r"obecnoś\w*",
        r"wysł\w*",
        r"wysyła\w*",
        r"wyśl\w*",
        r"rozmieszcz\w*",
        r"rozmieści\w*",
        r"skierowa\w*",
        r"stacjonow\w*",
        r"wyklucz\w*",
    ],
    "uk": [
        r"присутн\w*",
        r"відправ\w*",
        r"направ\w*",
        r"розміст\w*",
        r"розміщ\w*",
        r"розгорт\w*",
        r"розгорн\w*",
        r"введ\w*",
        r"ввест\w*",
        r"ввод\w*",
        r"увест\w*",
        r"посла\w*",
        r"пошл\w*",
        r"вислат\w*",
        r"виключ\w*",
        r"дислок\w*",
    ],
    "ru": [
        r"присутстви\w*",
        r"отправ\w*",
        r"направ\w*",
        r"размест\w*",
        r"размещ\w*",
        r"ввод\w*",
        r"ввест\w*",
        r"введ\w*",
        r"посла\w*",
        r"посыла\w*",
        r"исключ\w*",
    ],
}

# Ukraine itself, its capital and its adjective.
UKRAINE = {
    "en": [r"ukrain\w*", r"kyiv", r"kiev"],
    "fr": [r"ukrain\w*", r"kyiv", r"kiev"],
    "de": [r"ukrain\w*", r"kiew", r"kyjiw"],
    "pl": [r"ukrain\w*", r"ukraiń\w*", r"kijow\w*", r"kijów"],
    "uk": [r"україн\w*", r"київ\w*", r"києв\w*"],
    "ru": [r"украин\w*", r"киев\w*"],
}

# "Troops to Ukraine": a direction into the country, not a place in it (en Ukraine, in der Ukraine).
INTO_UKRAINE = {
    "en": [r"(?:to|into|towards) ukraine", r"on ukrainian (?:soil|territory|ground)"],
    "fr": [r"vers l'ukraine", r"sur le (?:sol|territoire) ukrainien"],
    "de": [r"in die ukraine", r"richtung ukraine", r"auf ukrainische\w* (?:boden|territorium|gebiet)"],
    "pl": [r"na ukrainę", r"do ukrainy", r"na terytorium ukrainy"],
    "uk": [r"в україну", r"у україну", r"до україни", r"на територію україни", r"на територію україни"],
    "ru": [r"на украину", r"в украину"],
}

# The two armies at war: their soldiers in Ukraine are the war itself, not a force sent there.
BELLIGERENT_FORCES = [
    r"(?:russian|russia's|ukrainian|ukraine's|kremlin's) (?:troops|soldiers|forces|servicemen|army|armed forces|air force)",
    r"(?:troupes|soldats|forces) (?:russes|ukrainiennes|ukrainiens)",
    r"(?:russische\w*|ukrainische\w*) (?:truppen|soldat\w*|streitkräfte)",
    r"(?:rosyjs[kc]\w*|ukraińs[kc]\w*) (?:wojsk\w*|żołnierz\w*|sił\w*)",
    r"(?:wojsk\w*|żołnierz\w*|sił\w*) (?:rosyjs[kc]\w*|ukraińs[kc]\w*|zbrojn\w* ukrainy|zbrojn\w* rosji)",
    r"(?:російськ\w*|українськ\w*|окупаційн\w*) (?:військ\w*|солдат\w*|військових)",
    r"(?:российск\w*|украинск\w*) (?:войск\w*|солдат\w*|военных)",
]

# Troops sent to fight for Russia are another subject (the "troops for Russia" topic), not this one.
OTHER_SUBJECT = [
    r"north korea\w*",
    r"pyongyang",
    r"corée du nord",
    r"nord-coréen\w*",
    r"nordkorea\w*",
    r"korei północnej",
    r"północnokoreańsk\w*",
    r"північн\w* коре\w*",
    r"кндр",
    r"северн\w* коре\w*",
]

# Hints only: an editor decides the stance. Checked in this order, first hit wins.
STANCE_HINTS = [
    (
        "open",
        [
            r"(?:not|never|cannot|\w+n't) (?:be )?rul\w* out",
            r"nothing is (?:excluded|ruled out)",
            r"(?:open|considering|consider) (?:to )?send\w*",
            r"n'exclu\w* pas",
            r"pas exclu",
            r"rien n'est exclu",
            r"nicht ausgeschlossen",
            r"nicht aus(?:zu)?schließen",
            r"schließ\w* [^.]{0,60}nicht aus",
            r"nie wyklucz\w*",
            r"не виключа\w*",
            r"не виключ\w*",
            r"не исключа\w*",
        ],
    ),
    (
        "rules_out",
        [
            r"rule[sd]? out",
            r"ruling out",
            r"no plans? to send",
            r"(?:will|would) not send",
            r"\w+n't send",
            r"(?:refuse\w*|reject\w*) (?:to send|sending|the idea)",
            r"exclu\w*",
            r"pas question",
            r"n'enverr\w*",
            r"ausgeschlossen",
            r"schließ\w* [^.]{0,60}aus",
            r"keine (?:bodentruppen|soldaten|truppen)",
            r"wyklucz\w*",
            r"nie wyśl\w*",
            r"nie wysyła\w*",
            r"виключ\w*",
            r"не відправ\w*",
            r"не планує\w*",
            r"исключ\w*",
            r"не отправ\w*",
        ],
    ),
    (
        "supports",
        [
            r"ready to",
            r"willing to",
            r"prepared to",
            r"(?:will|would) send",
            r"pledg\w*",
            r"prêt\w* à",
            r"dispos\w* à",
            r"enverra\w*",
            r"bereit",
            r"gotow\w*",
            r"готов\w*",
        ],
    ),
]

# Which topic the words suggest; the first hit wins, and combat troops is the default.
TOPIC_HINTS = [
    (
        "peacekeeping",
        [
            r"peace-?keep\w*",
            r"maintien de la paix",
            r"casques? bleus",
            r"friedens\w*",
            r"blauhelm\w*",
            r"pokojow\w*",
            r"миротвор\w*",
        ],
    ),
    (
        "reassurance-force",
        [
            r"reassurance\w*",
            r"réassurance",
            r"rückversicherung\w*",
            r"reasekuracyjn\w*",
            r"стримування",
            r"заспокоєння",
            r"перестрахування",
            r"coalition of the willing",
            r"coalition des volontaires",
            r"koalition der willigen",
            r"koalicj\w* chętnych",
            r"коаліці\w* охочих",
        ],
    ),
    (
        "instructors",
        [
            r"instructors?",
            r"trainers?",
            r"formateurs?",
            r"instructeurs?",
            r"ausbilder\w*",
            r"instruktor\w*",
            r"інструктор\w*",
            r"инструктор\w*",
        ],
    ),
    ("air-policing", [r"air policing", r"no-fly zone", r"police du ciel", r"luftraumüberwachung", r"захист неба"]),
]
DEFAULT_TOPIC = "combat-troops"

# Actors whose names give a surname to look for on its own (people, not institutions).
PERSON_KINDS = {"official", "party", "analyst"}
