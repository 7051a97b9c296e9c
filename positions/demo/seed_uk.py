"""The seed's Ukrainian texts that are not on its rows: topic names, role titles, authorisation
bodies' names. Ours, for the Ukrainian pages; no quote is translated back into an "original"."""

# Ukrainian names and descriptions of the topics, by slug.
TOPICS_UK = {
    "combat-troops": ("Бойові підрозділи", "Бойові підрозділи в Україні під час війни."),
    "instructors": ("Інструктори", "Інструктори та фахівці."),
    "reassurance-force": ("Сили підтримки", "Сили, що розгортаються після припинення вогню."),
    "peacekeeping": ("Миротворча місія", "Миротворча місія з мандатом."),
    "air-policing": ("Патрулювання повітряного простору", "Патрулювання повітряного простору України."),
    "troops-for-russia": (
        "Війська на боці Росії",
        "Іноземні війська, що воюють на боці Росії, як-от північнокорейські.",
    ),
    "foreign-volunteers": ("Іноземні добровольці", "Інтернаціональний легіон України."),
}

# Ukrainian titles of the seed's roles, by their English title: lower-case, as a title stands in a
# Ukrainian sentence («Девід Леммі, міністр закордонних справ Великої Британії»).
ROLE_TITLES_UK = {
    "Prime Minister of the United Kingdom": "прем'єр-міністр Великої Британії",
    "Foreign Secretary": "міністр закордонних справ Великої Британії",
    "Deputy Prime Minister and Justice Secretary": "віцепрем'єр-міністр і міністр юстиції Великої Британії",
    "President of the French Republic": "президент Французької Республіки",
    "Minister for Europe and Foreign Affairs of France": "міністр Європи та закордонних справ Франції",
    "Official Spokesperson of Prime Minister Keir Starmer": "офіційний речник прем'єр-міністра Кіра Стармера",
}

# Ukrainian names of the reference authorisation bodies (positions/data/authorisation_bodies.csv),
# by their English name.
AUTHORISATION_BODY_NAMES_UK = {
    "Verkhovna Rada of Ukraine": "Верховна Рада України",
    "President of Ukraine": "Президент України",
    "House of Commons": "Палата громад",
    "Parlement (Assemblée nationale and Sénat)": "Парламент (Національні збори та Сенат)",
    "Parlement (Assemblée nationale has the final say if asked)": (
        "Парламент (за запитом остаточне рішення ухвалюють Національні збори)"
    ),
    "Deutscher Bundestag": "Бундестаг Німеччини",
    "President of the Republic of Poland": "Президент Республіки Польща",
    "Marshals of the Sejm and Senate": "Маршалки Сейму і Сенату",
    "President of the Republic of Poland (on request of Minister of Defence, with PM consent)": (
        "Президент Республіки Польща (на запит міністра оборони, за згодою прем'єр-міністра)"
    ),
    "Parlamento (Camera dei deputati and Senato)": "Парламент (Палата депутатів і Сенат)",
    "Staten-Generaal (Tweede and Eerste Kamer)": "Генеральні штати (Друга і Перша палати)",
    "Riksdag": "Риксдаг",
    "Folketing": "Фолькетинг",
    "Riigikogu": "Рійгікогу",
    "Seimas": "Сейм Литви",
    "Saeima": "Сейм Латвії",
    "President of the Republic (on Government proposal)": "Президент Республіки (за пропозицією уряду)",
    "Eduskunta": "Едускунта (парламент Фінляндії)",
    "Governor in Council / Cabinet (Crown prerogative)": "Генерал-губернатор у раді / Кабінет (прерогатива Корони)",
    "Congress": "Конгрес",
    "Consiglio dei ministri": "Рада міністрів Італії",
    "Minister of National Defence / Council of Ministers": "Міністр національної оборони / Рада міністрів",
    "Prime Minister and Cabinet (royal prerogative)": "Прем'єр-міністр і Кабінет (королівська прерогатива)",
    "Président de la République (chef des armées)": "Президент Республіки (верховний головнокомандувач)",
    "Bundesregierung (Federal Government)": "Федеральний уряд Німеччини",
    "Regering (Government)": "Уряд Нідерландів",
    "Tweede Kamer": "Друга палата Генеральних штатів",
    # Sweden's and Denmark's governments share the name, so their Ukrainian name names neither.
    "Regeringen (Government)": "Уряд (Regeringen)",
    "Vabariigi Valitsus (Government of the Republic)": "Уряд Естонської Республіки",
    "Ministru kabinets (Cabinet of Ministers)": "Кабінет міністрів Латвії",
    "Parliament of Canada (House of Commons)": "Парламент Канади (Палата громад)",
    "President of the United States": "Президент Сполучених Штатів",
}
