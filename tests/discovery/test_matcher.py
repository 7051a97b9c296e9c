"""The matcher's decision on single items, in each language it reads, and what it suggests to the editor."""

import pytest

from discovery.matcher import ActorIndex, KnownActor, find_candidate, sentence_spans, surname_of

ACTORS = ActorIndex(
    [
        KnownActor(1, "Emmanuel Macron", "Емманюель Макрон", "Макрон\nЭммануэль Макрон", "official", "FR"),
        KnownActor(2, "Donald Tusk", "Дональд Туск", "Туск", "official", "PL"),
        KnownActor(3, "Friedrich Merz", "", "", "official", "DE"),
        KnownActor(
            4, "Volodymyr Zelensky", "Володимир Зеленський", "Зеленський\nZełenski\nSelenskyj", "official", "UA"
        ),
        KnownActor(5, "Jonas Gahr Støre", "Йонас Гар Стере", "Store", "official", "NO"),
        KnownActor(6, "Institute for the Study of War", "Інститут вивчення війни", "ISW", "analyst", "US"),
    ]
)


@pytest.mark.parametrize(
    "title, text, actor",
    [
        (
            "Macron does not rule out troops",
            "Emmanuel Macron said sending troops to Ukraine could not be ruled out.",
            1,
        ),
        ("", "Le président Emmanuel Macron a déclaré que la France pourrait envoyer des soldats en Ukraine.", 1),
        ("", "Прем'єр Польщі Дональд Туск заявив, що Польща не відправлятиме війська в Україну.", 2),
        ("", "Зеленський закликав розмістити миротворців в Україні після припинення вогню.", 4),
        ("", "Premier Donald Tusk zapowiedział, że Polska nie wyśle żołnierzy na Ukrainę.", 2),
        ("", "Kanzler Merz schließt die Entsendung von Bodentruppen in die Ukraine nicht aus.", 3),
        ("", "Bundeskanzler Friedrich Merz sprach über eine Friedenstruppe für die Ukraine.", 3),
        ("Zełenski o siłach pokojowych", "Prezydent mówił o misji pokojowej na Ukrainie.", 4),
        ("", "Туск: рішення про відправку польського контингенту в Україну ухвалює Варшава.", 2),
        ("", "Glaubt Selenskyj, dass europäische Soldaten in der Ukraine stationiert werden?", 4),
    ],
)
def test_a_named_actor_speaking_of_troops_for_ukraine_is_a_candidate(title, text, actor):
    candidate = find_candidate(title, text, ACTORS)
    assert candidate is not None and candidate.actor.id == actor


@pytest.mark.parametrize(
    "title, text",
    [
        ("", "Emmanuel Macron announced two billion euros of military aid for Ukraine."),  # Ukraine, no troops
        ("", "Donald Tusk said Polish troops will guard the border with Belarus."),  # troops, not Ukraine
        ("", "Friedrich Merz sagte, die Bundeswehr-Brigade in Litauen sei im Zeitplan."),
        ("", "Zelensky said Russia is deploying North Korean troops in Kursk to fight Ukraine."),  # troops for Russia
        ("", "Putin said Russian troops keep advancing in Ukraine."),  # no actor in the index, the war itself
        ("", "Macron said Russian troops keep advancing in Ukraine."),  # the war itself
        ("", "The French president said sending troops to Ukraine could not be ruled out."),  # no name
        ("", "A store in Kyiv sold out as soldiers were sent to Ukraine's east."),  # "store" is not Støre
        ("", "Інститут вивчення війни: російські війська наступають в Україні."),
    ],
)
def test_an_item_missing_the_actor_the_troops_or_ukraine_is_not(title, text):
    assert find_candidate(title, text, ACTORS) is None


def test_inflected_names_are_found():
    for text in ("Заява Макрона", "słowa Tuska", "rozmowa z Tuskiem", "Rede von Merz", "позиція Зеленського"):
        assert ACTORS.find(text), text


def test_the_words_are_the_sentence_that_carries_them_with_the_matches_marked():
    text = (
        "The summit ended late on Monday. Emmanuel Macron said sending Western troops to Ukraine could not be "
        "ruled out. Talks on trade followed."
    )
    candidate = find_candidate("Summit in Paris", text, ACTORS)
    assert candidate.words == "Emmanuel Macron said sending Western troops to Ukraine could not be ruled out."
    assert candidate.matched_words == ["Emmanuel Macron", "sending", "Western troops", "to Ukraine", "ruled out"]
    assert candidate.topic == "combat-troops" and candidate.stance_hint == "open"


def test_two_sentences_when_one_does_not_carry_everything():
    text = "Donald Tusk spoke after the summit. Poland will not send its soldiers to Ukraine, he said."
    candidate = find_candidate("", text, ACTORS)
    assert candidate.words == text and candidate.actor.id == 2


def test_the_original_spelling_is_kept_in_the_words():
    candidate = find_candidate("", "Emmanuel Macron doesn’t rule out sending troops to Ukraine.", ACTORS)
    assert "doesn’t" in candidate.words and candidate.stance_hint == "open"


@pytest.mark.parametrize(
    "text, topic, stance",
    [
        ("Emmanuel Macron is ready to send a reassurance force to Ukraine.", "reassurance-force", "supports"),
        ("Donald Tusk ruled out sending Polish peacekeepers to Ukraine.", "peacekeeping", "rules_out"),
        ("Macron n'exclut pas l'envoi de troupes en Ukraine.", "combat-troops", "open"),
        ("Merz: keine Bodentruppen in die Ukraine.", "combat-troops", "rules_out"),
        ("Туск: Польща не відправлятиме інструкторів і війська в Україну.", "instructors", "rules_out"),
    ],
)
def test_topic_and_stance_are_hinted(text, topic, stance):
    candidate = find_candidate("", text, ACTORS)
    assert (candidate.topic, candidate.stance_hint) == (topic, stance)


def test_sentences_split_at_ends_and_line_breaks():
    text = "First one. Second one!\nThird one? fourth stays."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one!", "Third one? fourth stays."]


def test_only_peoples_names_give_a_surname():
    assert surname_of("Ursula von der Leyen") == "Leyen"
    assert surname_of("Інститут вивчення війни") == ""
    assert surname_of("Kim Jong Un") == ""  # too short to look for alone
    assert surname_of("Prime Minister's Official Spokesperson (UK)") == ""
