"""The reference authorisation bodies: the checked file, a plain explanation of each row, and loading them.

`positions/data/authorisation_bodies.csv` holds one row per body and requirement, checked row by
row against primary legal texts; its `notes` are for editors (what was seen where, what is
uncertain) and become the private `editor_notes`. The explanations below say the same facts in
plain words for readers; they add nothing the file does not say.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from positions.choices import BodyKind, Requirement, Scope
from positions.demo.authorisations_uk import EXPLANATIONS_UK, LEGAL_BASES_UK
from positions.demo.seed_uk import AUTHORISATION_BODY_NAMES_UK
from positions.models import AuthorisationBody

AUTHORISATION_CSV = Path(__file__).resolve().parents[1] / "data" / "authorisation_bodies.csv"

PL_PRESIDENT = "President of the Republic of Poland"
FR_PARLIAMENT = "Parlement (Assemblée nationale and Sénat)"
FR_PRESIDENT = "Président de la République (chef des armées)"
GB_EXECUTIVE = "Prime Minister and Cabinet (royal prerogative)"
CA_EXECUTIVE = "Governor in Council / Cabinet (Crown prerogative)"
CZ_PARLIAMENT = "Parlament České republiky (Poslanecká sněmovna and Senát)"
KR_ASSEMBLY = "National Assembly of the Republic of Korea"
TR_ASSEMBLY = "Türkiye Büyük Millet Meclisi (Grand National Assembly)"
AT_GOVERNMENT = "Bundesregierung (Austrian Federal Government)"
AT_MAIN_COMMITTEE = "Hauptausschuss des Nationalrates (Main Committee of the National Council)"
BG_ASSEMBLY = "Narodno sabranie (National Assembly of Bulgaria)"

# Rows of the earlier file under another name, by (country, scope, old name): (new name, new requirement).
RENAMED = {
    ("FR", "deploy_abroad", "Parlement (Assemblée nationale has the final say if asked)"): (
        FR_PARLIAMENT,
        Requirement.APPROVAL_TO_CONTINUE,
    ),
    (
        "PL",
        "admit_foreign",
        "President of the Republic of Poland (on request of Minister of Defence, with PM consent)",
    ): (
        PL_PRESIDENT,
        Requirement.DECISION,
    ),
}

# (country, scope, body name, requirement) -> what a reader is told.
EXPLANATIONS = {
    ("UA", "admit_foreign", "Verkhovna Rada of Ukraine", "prior_approval"): (
        "Foreign military units may enter Ukraine only once the Verkhovna Rada approves the President's decision "
        "to admit them, by passing a law: each year it passes such laws for foreign units taking part in "
        "exercises. The Constitution allows no foreign military bases in Ukraine."
    ),
    ("UA", "admit_foreign", "President of Ukraine", "decision"): (
        "The President of Ukraine decides to admit foreign military units. The decision takes effect only once "
        "the Verkhovna Rada approves it by law."
    ),
    ("UA", "deploy_abroad", "President of Ukraine", "decision"): (
        "The President of Ukraine decides by decree to send units of Ukraine's armed forces abroad and asks the "
        "Verkhovna Rada to approve the decree by law. Law 4255-IX (passed on 15 January 2025, returned with the "
        "President's proposals, adopted again on 25 February and signed on 17 March 2025) lets units be sent "
        "abroad under martial law in the manner the legislation sets; the exception its January text made for "
        "action on the aggressor's territory was dropped."
    ),
    ("UA", "deploy_abroad", "Verkhovna Rada of Ukraine", "prior_approval"): (
        "The Verkhovna Rada approves by law the President's decree sending Ukrainian units abroad; Law 4255-IX of "
        "2025 makes no exception under martial law. In October 2025 it approved the decree sending units to Turkey "
        "and the United Kingdom for the period of martial law."
    ),
    ("GB", "deploy_abroad", GB_EXECUTIVE, "decision"): (
        "The Prime Minister, with the Cabinet, decides to commit British forces, under the royal prerogative that "
        "ministers exercise, advised by the National Security Council and the Chief of the Defence Staff. No law "
        "gives Parliament a part in the decision."
    ),
    ("GB", "deploy_abroad", "House of Commons", "convention"): (
        "The government sends troops under the royal prerogative: no law requires Parliament's consent. Since the "
        "2003 vote on Iraq, a convention says the House of Commons should have the chance to debate before troops "
        "are committed, except in an emergency. The convention is not binding and does not promise a vote: the "
        "2018 strikes in Syria and the 2024 strikes in Yemen went ahead without a vote beforehand. In January 2026 "
        "Keir Starmer told the Commons he would put a deployment of troops under the declaration he had signed to "
        "a vote."
    ),
    ("FR", "deploy_abroad", FR_PRESIDENT, "decision"): (
        "The President of the Republic, chef des armées under Article 15 of the Constitution, has the leading role "
        "in committing French forces and can decide alone in a crisis; the Government disposes of the armed forces "
        "(Article 20). Parliament is informed within 3 days and must authorise an operation that goes on past 4 "
        "months."
    ),
    ("FR", "deploy_abroad", FR_PARLIAMENT, "notification"): (
        "The government must inform Parliament no later than 3 days after an operation abroad begins and say what "
        "it is for. Parliament may debate it but does not vote. Declaring war needs Parliament's authorisation."
    ),
    ("FR", "deploy_abroad", FR_PARLIAMENT, "approval_to_continue"): (
        "An operation may go on for more than 4 months only if Parliament authorises it; nothing is voted on "
        "before then. The government may ask the Assemblée nationale to have the final say. If Parliament is not "
        "sitting, it votes when its next session opens."
    ),
    ("DE", "deploy_abroad", "Bundesregierung (Federal Government)", "decision"): (
        "The Federal Government decides on an armed deployment and asks the Bundestag for its consent in good time "
        "before it begins; the Bundestag can approve or reject the request but not amend it. In imminent danger the "
        "Government may decide alone for the time being and must then put the deployment to the Bundestag."
    ),
    ("DE", "deploy_abroad", "Deutscher Bundestag", "prior_approval"): (
        "German armed forces may be sent abroad only with the Bundestag's approval, given in principle before "
        "they go (as the Federal Constitutional Court ruled in 1994 and a 2005 law sets out). In an emergency the "
        "approval can follow, and the Bundestag can call the troops back."
    ),
    ("PL", "deploy_abroad", PL_PRESIDENT, "decision"): (
        "The President of Poland orders the use of armed forces abroad, at the request of the Council of "
        "Ministers (or, to fight terrorism or evacuate Polish citizens, of the Prime Minister). Parliament gives "
        "no prior approval."
    ),
    ("PL", "deploy_abroad", "Marshals of the Sejm and Senate", "notification"): (
        "Once the President has decided to send forces abroad, he must inform the Marshals (the speakers) of the "
        "Sejm and the Senate without delay."
    ),
    ("PL", "admit_foreign", "Minister of National Defence / Council of Ministers", "decision"): (
        "The Minister of National Defence consents to NATO troops staying in Poland for up to 3 months; the "
        "Council of Ministers to longer stays. Troops whose stay a ratified treaty governs fall outside this law."
    ),
    ("PL", "admit_foreign", PL_PRESIDENT, "decision"): (
        "When foreign troops come to reinforce Polish forces in peacetime operations, the President consents, at "
        "the request of the Minister of National Defence and with the Prime Minister's agreement. In February "
        "2022 he consented to American, British and Canadian troops."
    ),
    ("PL", "admit_foreign", "Marshals of the Sejm and Senate", "notification"): (
        "The Marshals of the Sejm and the Senate are informed without delay when the President consents to "
        "foreign troops reinforcing Polish forces. Parliament does not vote."
    ),
    ("IT", "deploy_abroad", "Consiglio dei ministri", "decision"): (
        "The Council of Ministers decides on an international mission after informing the President of the "
        "Republic, and sends its decision to the two Chambers."
    ),
    ("IT", "deploy_abroad", "Parlamento (Camera dei deputati and Senato)", "prior_approval"): (
        "The two Chambers authorise or refuse each mission, year by year. In practice their authorisation has "
        "sometimes come after the government's decision."
    ),
    ("NL", "deploy_abroad", "Regering (Government)", "decision"): (
        "The government decides to deploy the armed forces to maintain or promote the international legal order, "
        "and must first inform Parliament by letter (Article 100 of the Constitution). In 2000 it rejected giving "
        "Parliament a formal right of consent."
    ),
    ("NL", "deploy_abroad", "Tweede Kamer", "convention"): (
        "No law requires the Tweede Kamer's consent, but by custom it debates the government's Article 100 letter "
        "before a mission, the parties say whether they support it, and the cabinet makes sure of a majority. "
        "Motions can express approval or disapproval."
    ),
    ("NL", "deploy_abroad", "Staten-Generaal (Tweede and Eerste Kamer)", "notification"): (
        "The government must inform both chambers in advance when it deploys forces to maintain or promote the "
        "international legal order. Parliament has no formal right to consent, though its motions can express "
        "approval. If compelling reasons prevent advance notice, the information follows as soon as possible."
    ),
    ("SE", "deploy_abroad", "Regeringen (Government)", "decision"): (
        "The government sends armed forces abroad: with the Riksdag's consent, under a law, or under an "
        "international obligation the Riksdag has approved. In October 2025 it asked the Riksdag to let it deploy "
        "set numbers of personnel for NATO deterrence and defence until the end of 2026; the Riksdag was reported "
        "to have agreed in December 2025."
    ),
    ("SE", "deploy_abroad", "Riksdag", "prior_approval"): (
        "Sending an armed force abroad needs the Riksdag's consent, unless a law allows it or an international "
        "obligation the Riksdag has approved applies. A 2025 government bill would let the Riksdag set yearly "
        "frameworks within which the government could send limited forces for NATO deterrence and defence at "
        "short notice; whether it passed is not yet recorded here."
    ),
    ("DK", "deploy_abroad", "Regeringen (Government)", "decision"): (
        "The government decides whether Danish forces are sent, involving the Folketing: its consent is needed "
        "before military force is used against a foreign state, and other deployments may go to its Foreign "
        "Policy Committee."
    ),
    ("DK", "deploy_abroad", "Folketing", "prior_approval"): (
        "The Folketing must consent in advance before military force is used against a foreign state, except in "
        "defence against an armed attack on Denmark or Danish forces. In practice the government asks the "
        "Folketing for a resolution whenever forces may have to use force. A deployment with the host's consent, "
        "such as a reassurance force, is probably outside this rule in law, but a vote would be expected if force "
        "might be used."
    ),
    ("EE", "deploy_abroad", "Vabariigi Valitsus (Government of the Republic)", "decision"): (
        "The Government proposes the Riigikogu's resolutions on missions and sends personnel within the mandates "
        "they set, including one for first contributions of up to 100 personnel to operations led by NATO, the EU "
        "or the UN."
    ),
    ("EE", "deploy_abroad", "Riigikogu", "prior_approval"): (
        "The Riigikogu decides, on the President's proposal, on using Estonia's Defence Forces to meet its "
        "international obligations, usually through yearly mandates. Resolutions of 2024 and 2025 let the "
        "government make first contributions of up to 100 personnel to operations led by NATO, the EU or the UN. "
        "In May 2024 Prime Minister Kallas said sending instructors to Ukraine would need Parliament's approval."
    ),
    ("LT", "deploy_abroad", "Seimas", "prior_approval"): (
        "The Seimas decides by resolution on sending units to international operations, on a draft the President "
        "submits by decree."
    ),
    ("LV", "deploy_abroad", "Ministru kabinets (Cabinet of Ministers)", "decision"): (
        "The Cabinet of Ministers decides on taking part in international rescue and humanitarian operations; the "
        "Minister of Defence may decide emergency rescue or humanitarian help in NATO or EU states. Military "
        "operations go to the Saeima on the government's draft."
    ),
    ("LV", "deploy_abroad", "Saeima", "prior_approval"): (
        "Depending on the operation, the Saeima, the Cabinet or, in cases the law lists, the Minister of Defence "
        "decides on a deployment; the Cabinet decides rescue and humanitarian missions. Which operations need the "
        "Saeima itself is not fully confirmed."
    ),
    ("FI", "deploy_abroad", "President of the Republic (on Government proposal)", "decision"): (
        "The President decides on military crisis management on the Government's proposal, after Parliament's "
        "Foreign Affairs Committee has been consulted. Demanding operations need a report to the whole Eduskunta."
    ),
    ("FI", "deploy_abroad", "Eduskunta", "consultation"): (
        "Where military force would be used in giving international assistance (within the EU or NATO), the "
        "Eduskunta takes part in the decision, which the President or the Government takes. There is a faster "
        "procedure for urgent cases."
    ),
    ("CA", "deploy_abroad", CA_EXECUTIVE, "decision"): (
        "The government deploys the Canadian Forces abroad under the Crown prerogative, which no law limits: the "
        "Cabinet or a Cabinet committee decides, or the Prime Minister or the Ministers of National Defence and "
        "Foreign Affairs. If forces are placed on active service while Parliament is adjourned for more than 10 "
        "days, it must be recalled within 10 days."
    ),
    ("CA", "deploy_abroad", "Parliament of Canada (House of Commons)", "none"): (
        "Parliament has no legal part in the decision. Since 2006 the House of Commons has been asked to vote on "
        "some deployments, as a courtesy rather than an obligation: the votes bind no one, unlike the British "
        "convention."
    ),
    ("US", "deploy_abroad", "President of the United States", "decision"): (
        "The President, as Commander in Chief, commits US forces. The War Powers Resolution says Congress's view "
        "is that this power may be used only with a declaration of war, a specific authorisation by law, or after "
        "an attack on the United States; Presidents have committed forces without such authorisation and have "
        "called the law's central features unconstitutional."
    ),
    ("US", "deploy_abroad", "Congress", "notification"): (
        "The President must consult Congress in every possible instance and report to it within 48 hours of "
        "sending forces into hostilities (the War Powers Resolution). Presidents of both parties have disputed "
        "that this law is constitutional."
    ),
    ("US", "deploy_abroad", "Congress", "approval_to_continue"): (
        "Forces must be withdrawn within 60 days (with up to 30 more to withdraw safely) unless Congress declares "
        "war, authorises the use of force or extends the period."
    ),
    # Countries with a statement in the reference record (issue 26).
    ("CZ", "deploy_abroad", CZ_PARLIAMENT, "prior_approval"): (
        "Both chambers of Parliament must consent before Czech armed forces are sent abroad, unless the Constitution "
        "leaves the decision to the government."
    ),
    ("CZ", "deploy_abroad", "Vláda České republiky (Government)", "decision"): (
        "The government may itself send forces abroad for up to 60 days, but only to meet treaty obligations of common "
        "defence, for peace operations decided by an organisation the Czech Republic belongs to (with the host state's "
        "consent), or for rescue work after disasters; it must report these decisions."
    ),
    ("CZ", "admit_foreign", CZ_PARLIAMENT, "prior_approval"): (
        "Foreign armed forces may stay on Czech territory only with Parliament's consent, except for the stays of up to "
        "60 days, transits and overflights the Constitution leaves to the government."
    ),
    ("KR", "deploy_abroad", KR_ASSEMBLY, "prior_approval"): (
        "The National Assembly must consent before armed forces are dispatched to a foreign state. In 2024 the "
        "opposition said this covers even a small monitoring team sent to Ukraine."
    ),
    ("KR", "admit_foreign", KR_ASSEMBLY, "prior_approval"): (
        "The National Assembly must consent to foreign forces being stationed in South Korea."
    ),
    ("TR", "deploy_abroad", TR_ASSEMBLY, "prior_approval"): (
        "Sending Turkish forces abroad needs the Grand National Assembly's permission, except where a treaty Türkiye "
        "has joined or international courtesy requires it. The Assembly usually grants the executive a permission for "
        "a set period, such as a year."
    ),
    ("TR", "admit_foreign", TR_ASSEMBLY, "prior_approval"): (
        "Foreign armed forces may be in Türkiye only with the Grand National Assembly's permission, except where a "
        "treaty Türkiye has joined or international courtesy requires it."
    ),
    ("RU", "deploy_abroad", "Federation Council of the Federal Assembly", "prior_approval"): (
        "The Federation Council, the upper chamber, decides on the President's proposal whether Russia's armed forces "
        "may be used outside its territory. It gave such consent for Ukraine in March 2014 and revoked it in June 2014."
    ),
    ("RU", "deploy_abroad", "President of the Russian Federation", "decision"): (
        "The President proposes using the armed forces abroad to the Federation Council and decides on their use, "
        "according to a news agency's summary of the law."
    ),
    ("IE", "deploy_abroad", "Dáil Éireann", "prior_approval"): (
        "Irish troops may serve abroad with a force set up by the UN Security Council or General Assembly only after "
        "the Dáil approves it by resolution, unless the force is unarmed or the contingent has twelve members or fewer."
    ),
    ("IE", "deploy_abroad", "Government of Ireland", "decision"): (
        "The government approves sending troops abroad for training, monitoring, observation or advisory duties, "
        "humanitarian tasks and similar purposes; service with a UN force also needs the Dáil's resolution."
    ),
    ("AT", "deploy_abroad", AT_GOVERNMENT, "decision"): (
        "The federal government sends units abroad for peace support under an international organisation, the OSCE "
        "or the EU, and for humanitarian and disaster aid, in agreement with the Main Committee of the National "
        "Council."
    ),
    ("AT", "deploy_abroad", AT_MAIN_COMMITTEE, "prior_approval"): (
        "The Main Committee of the National Council, the lower chamber, must agree before the government sends units "
        "abroad for peace support or humanitarian aid."
    ),
    ("ES", "deploy_abroad", "Congreso de los Diputados", "prior_approval"): (
        "The Congress of Deputies must authorise in advance operations abroad not directly tied to Spain's defence; in "
        "cases of great urgency the government may act first and ask the Congress to ratify its decision as soon as "
        "possible."
    ),
    ("ES", "deploy_abroad", "Gobierno de España (Government)", "decision"): (
        "The government orders operations abroad after the Congress of Deputies has authorised them, or in great "
        "urgency before, subject to the Congress's ratification."
    ),
    ("BG", "deploy_abroad", BG_ASSEMBLY, "prior_approval"): (
        "Only the National Assembly may permit Bulgarian armed forces to be sent and used abroad for a military or "
        "military-political purpose, as the Constitutional Court has ruled; in doubt, the Assembly decides."
    ),
    ("BG", "admit_foreign", BG_ASSEMBLY, "prior_approval"): (
        "Only the National Assembly may permit foreign troops to stay in or cross Bulgaria for a military or "
        "military-political purpose, as the Constitutional Court has ruled."
    ),
    ("SK", "deploy_abroad", "Národná rada Slovenskej republiky (National Council)", "prior_approval"): (
        "The National Council must consent to sending members of the armed forces abroad, unless the Constitution "
        "leaves the decision to the government."
    ),
    ("SK", "deploy_abroad", "Vláda Slovenskej republiky (Government)", "decision"): (
        "The government may send forces abroad without Parliament for up to 60 days to meet treaty obligations of "
        "common defence, and then informs Parliament."
    ),
}

# The Ukrainian names of the bodies added for the reference record's countries (issue 26),
# beside the earlier ones kept with the seed's other Ukrainian texts.
NAMES_UK = {
    **AUTHORISATION_BODY_NAMES_UK,
    CZ_PARLIAMENT: "Парламент Чеської Республіки (Палата депутатів і Сенат)",
    "Vláda České republiky (Government)": "Уряд Чеської Республіки",
    KR_ASSEMBLY: "Національні збори Республіки Корея",
    TR_ASSEMBLY: "Велике національне зібрання Туреччини",
    "Federation Council of the Federal Assembly": "Рада Федерації Федеральних Зборів Росії",
    "President of the Russian Federation": "Президент Російської Федерації",
    "Dáil Éireann": "Дойл Ерен (палата представників Ірландії)",
    "Government of Ireland": "Уряд Ірландії",
    AT_GOVERNMENT: "Федеральний уряд Австрії",
    AT_MAIN_COMMITTEE: "Головний комітет Національної ради Австрії",
    "Congreso de los Diputados": "Конгрес депутатів Іспанії",
    "Gobierno de España (Government)": "Уряд Іспанії",
    BG_ASSEMBLY: "Народні збори Болгарії",
    "Národná rada Slovenskej republiky (National Council)": "Національна рада Словацької Республіки",
    "Vláda Slovenskej republiky (Government)": "Уряд Словацької Республіки",
}

FIELDS = ("body_kind", "legal_basis", "legal_basis_url", "confirmed", "explanation", "editor_notes")


@dataclass
class Loaded:
    created: int = 0
    updated: int = 0


def reference_rows() -> list[dict]:
    """The file's rows as AuthorisationBody field values, each with its explanation."""
    rows = []
    with AUTHORISATION_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["country_iso2"], Scope(row["scope"]), row["body_name"], Requirement(row["requirement"]))
            rows.append(
                {
                    "country": key[0],
                    "scope": key[1],
                    "name": key[2],
                    "requirement": key[3],
                    "body_kind": BodyKind(row["body_kind"]),
                    "legal_basis": row["legal_basis"],
                    "legal_basis_url": row["source_url"],
                    "confirmed": row["confirmed"].strip().lower() == "yes",
                    "name_uk": NAMES_UK.get(key[2], ""),
                    "explanation": EXPLANATIONS[key],
                    "legal_basis_uk": LEGAL_BASES_UK.get(key, ""),
                    "explanation_uk": EXPLANATIONS_UK.get(key, ""),
                    "editor_notes": row["notes"],
                }
            )
    return rows


def load_authorisation_bodies() -> Loaded:
    """Bring the database in line with the file: update the rows it holds, add missing ones.

    A row is found by country, scope, name and requirement; failing that, under its earlier name
    (RENAMED), or as the one row of that body whose requirement the file no longer lists (a
    requirement corrected in the file, as Canada's Cabinet from "none" to "decision"). A row the
    file no longer holds becomes its replacement only if no editor ever touched it; otherwise it
    is left as the editor made it and the replacement is added beside it. Rows an editor added
    are left alone.
    """
    loaded = Loaded()
    rows = reference_rows()
    listed = {(row["country"], row["scope"], row["name"], row["requirement"]) for row in rows}
    renamed_from = {new: old for old, new in RENAMED.items()}
    for row in rows:
        key = (row["country"], row["scope"], row["name"], row["requirement"])
        body = find_body(key, listed, renamed_from)
        if body is None:
            AuthorisationBody.objects.create(**row)
            loaded.created += 1
            continue
        changed = [name for name, value in row.items() if getattr(body, name) != value]
        if changed:
            for name in changed:
                setattr(body, name, row[name])
            body.save()
            loaded.updated += 1
    return loaded


def find_body(key: tuple, listed: set, renamed_from: dict) -> AuthorisationBody | None:
    country, scope, name, requirement = key
    bodies = AuthorisationBody.objects.filter(country=country, scope=scope)
    body = bodies.filter(name=name, requirement=requirement).first()
    if body is not None:
        return body
    old = renamed_from.get((name, requirement))
    if old is not None and old[:2] == (country, scope):
        body = bodies.filter(name=old[2]).first()
        if body is not None and not touched_by_editors(body):
            return body
    stale = [body for body in bodies.filter(name=name) if (country, scope, name, body.requirement) not in listed]
    return stale[0] if len(stale) == 1 and not touched_by_editors(stale[0]) else None


def touched_by_editors(body: AuthorisationBody) -> bool:
    """Whether a person ever added or changed the row: seed_demo's own changes name no user in its history."""
    return body.history.filter(history_user__isnull=False).exists()
