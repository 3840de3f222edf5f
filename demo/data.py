"""Demo content: the six case studies of CMO STAMM's publication "Inwonerskracht – het hart
van de samenleving" (chapter 3), each with a 2025 Verandertheorie in ten steps.

Plain data only; `python manage.py seed_demo` loads it. Everything is written from what the
publication says about each initiative. Figures follow one rule:

* a number the publication gives (or that follows directly from it, such as "every month"
  = 12 per year) is listed in `SOURCE_FIGURES` with a short quote and where it is;
* any other number is an example: its row says `"example": True`. The demo says so once,
  in a banner on every page and in the fact sheet's footer (the `DEMO` setting, which
  `scripts/demo.sh` switches on), instead of in every unit.

Rows refer to each other by `key` (an output names its activity, an outcome its activities,
a measurement plan what it measures); keys exist only here, not in the database.
Reference lists (resource kinds, themes, methods) are named by their Dutch name as loaded by
`theory_of_change/migrations/0002_load_reference_lists.py`.

`REVIEWS` (at the end) tells what happened to three theories after they were written:
submitted, commented on, sent back or approved, written like a CMO STAMM advisor would.
"""

YEAR = 2025

DEMO_PASSWORD = "demo"

ADMIN_ACCOUNT = {"username": "admin", "first_name": "Beheerder", "last_name": "Demo"}
ADVISOR_ACCOUNT = {"username": "adviseur", "first_name": "Anne", "last_name": "Adviseur"}
VOLUNTEER_USERNAME = "vrijwilliger.{slug}"  # one coordinator per initiative
VOLUNTEER_FIRST_NAME = "Vrijwilliger"  # last name: the initiative's name
MUNICIPALITY_USERNAME = "gemeente.{slug}"  # one per municipality a demo initiative serves
MUNICIPALITY_FIRST_NAME = "Gemeente"  # last name: the municipality's name
ACCOUNT_EMAIL = "{username}@example.org"

# Where a number in the demo comes from. Key: (initiative slug, row key). Every output target
# and resource amount in the demo is either listed here or marked as an example.
# The publication has no page numbers in our copy; "where" names the chapter and section.
SOURCE_FIGURES = {
    ("dorpsloket-middelstum", "team"): {
        "figure": 6,
        "quote": "samen met een team van zes vrijwilligers al sinds eind 2018 actief",
        "where": "H3 Dorpsloket Middelstum, Introductie",
    },
    ("dorpsloket-middelstum", "netwerk"): {
        "figure": 140,
        "quote": "werkt nauw samen met een netwerk van ruim 140 vrijwilligers",
        "where": "H3 Dorpsloket Middelstum, Inzet van ruim 140 vrijwilligers",
    },
    ("dorpsloket-middelstum", "o-netwerk"): {
        "figure": 140,
        "quote": "Met ruim 140 vrijwilligers staat MiddelSoam klaar voor alle inwoners",
        "where": "H3 Dorpsloket Middelstum, opening",
    },
    ("dorpshuis-smilde", "bestuur"): {
        "figure": 2,
        "quote": "een nieuw bestuur gevormd, bestaande uit twee jonge enthousiaste mensen",
        "where": "H3 Dorpshuis Smilde, Introductie",
    },
    ("dorpshuis-smilde", "o-diners"): {
        "figure": 12,
        "quote": "het maandelijkse dorpsdiner (elke maand = 12 per jaar)",
        "where": "H3 Dorpshuis Smilde, Activiteiten",
    },
    ("ebbingehof", "woningen"): {
        "figure": 25,
        "quote": "waarbij 25% van de woningen bestaat uit sociale huur",
        "where": "H3 Ebbingehof, tweede pagina",
    },
    ("ebbingehof", "o-sociale-huur"): {
        "figure": 25,
        "quote": "waarbij 25% van de woningen bestaat uit sociale huur",
        "where": "H3 Ebbingehof, tweede pagina",
    },
    ("ebbingehof", "o-yoga"): {
        "figure": 52,
        "quote": "vaste activiteiten, zoals yogalessen op dinsdagochtend (elke week = 52 per jaar)",
        "where": "H3 Ebbingehof, Breed scala aan activiteiten",
    },
    ("ebbingehof", "o-eetclub"): {
        "figure": 52,
        "quote": "een eetclub op woensdagavond (elke week = 52 per jaar)",
        "where": "H3 Ebbingehof, Breed scala aan activiteiten",
    },
    ("odensehuis-meppel-westerveld", "locaties"): {
        "figure": 2,
        "quote": "Het initiatief is in 2022 gestart in Meppel en Havelte",
        "where": "H3 Odensehuis Meppel - Westerveld, Organisatorisch",
    },
    ("odensehuis-meppel-westerveld", "vrijwilligers"): {
        "figure": 16,
        "quote": "ondersteund door een team van zestien enthousiaste vrijwilligers",
        "where": "H3 Odensehuis Meppel - Westerveld, Organisatorisch",
    },
    ("odensehuis-meppel-westerveld", "o-bezoekers"): {
        "figure": 10,
        "quote": "Momenteel zijn er zo'n tien vaste bezoekers per locatie",
        "where": "H3 Odensehuis Meppel - Westerveld, Organisatorisch",
    },
    ("odensehuis-meppel-westerveld", "o-locaties"): {
        "figure": 3,
        "quote": "gestart in Meppel en Havelte [...] In 2025 komt er een derde locatie bij in "
        "De Wolden",
        "where": "H3 Odensehuis Meppel - Westerveld, Organisatorisch",
    },
    ("odensehuis-meppel-westerveld", "o-scholing"): {
        "figure": 16,
        "quote": "zestien enthousiaste vrijwilligers [...] krijgen standaard een scholing "
        "aangeboden",
        "where": "H3 Odensehuis Meppel - Westerveld, Organisatorisch",
    },
    ("welzijn-westerwolde", "o-netwerklunch"): {
        "figure": 12,
        "quote": "We organiseren één keer per maand een netwerklunch (= 12 per jaar)",
        "where": "H3 Welzijn Westerwolde, Onderscheidende elementen",
    },
    ("welzijn-westerwolde", "o-rapportages"): {
        "figure": 2,
        "quote": "rapporteert twee keer per jaar aan de gemeente",
        "where": "H3 Welzijn Westerwolde, Onderscheidende elementen",
    },
}


INITIATIVES = [
    # ------------------------------------------------------------------------------------
    {
        "slug": "dorpsloket-middelstum",
        "name": "Dorpsloket Middelstum",
        "kind": "dorpsloket",
        "place": "Middelstum",
        "municipality": "eemsdelta",
        "also_serves": [],
        "founded_year": 2018,  # "al sinds eind 2018 actief"
        "website": "",
        "contact_email": "",
        "description": (
            "Het Dorpsloket van dorpscoöperatie MiddelSoam helpt inwoners van Middelstum, "
            "Huizinge, Westerwijtwerd, Toornwerd, Fraamklap en Boerdam met kleine praktische "
            "vragen: vervoer, klussen, gezelschap en administratieve hulp. Kosteloos, zonder "
            "betaalde krachten, met een team van zes vrijwilligers en een netwerk van ruim 140 "
            "vrijwilligers. Motto: ‘Levenslang wonen in je dorp.’"
        ),
        "theory": {
            "problem": (
                "Inwoners van Middelstum en de omliggende dorpen lopen soms vast op kleine, "
                "praktische problemen in en om hun huis: klein onderhoud van huis en tuin, de "
                "computer, papieren, of vervoer naar het ziekenhuis. Hun kinderen werken of "
                "wonen vaak verder weg, en mensen willen hen niet belasten. Zonder hulp dichtbij "
                "is het moeilijker om in je eigen dorp te blijven wonen.\n\n"
                "Er is geen milieustraat in de buurt. En eenzaamheid is lastig: je kunt mensen "
                "er niet zomaar naar vragen, ook al vermoed je dat iemand eenzaam is."
            ),
            "goal": (
                "Iedereen kan levenslang in het eigen dorp blijven wonen. Inwoners helpen "
                "elkaar met kleine praktische vragen, kosteloos en zonder betaalde krachten. "
                "Het idee dat ‘wij er zijn als er iets is’ geeft inwoners een gevoel van "
                "veiligheid en verbondenheid.\n\n"
                "Het dorpsloket is geslaagd als het noaberschap – het sociale vangnet in het "
                "dorp – zo goed werkt dat het loket zichzelf op den duur overbodig maakt."
            ),
            "mission": "Levenslang wonen in je dorp.",
            # The words beside the help desk's story in chapter 3.
            "resources": [
                {
                    "key": "team",
                    "kind": "Vrijwilligers",
                    "description": "Coördinerend team van het dorpsloket (onbetaald)",
                    "amount": 6,
                    "unit": "vrijwilligers",
                },
                {
                    "key": "netwerk",
                    "kind": "Vrijwilligers",
                    "description": (
                        "Netwerk van ruim 140 vrijwilligers, ingezet naar beschikbaarheid en "
                        "affiniteit"
                    ),
                    "amount": 140,
                    "unit": "vrijwilligers",
                },
                {
                    "key": "partners",
                    "kind": "Partners",
                    "description": (
                        "Dorpscoöperatie MiddelSoam, Biblionet (Digisoam), de gebiedsregisseur "
                        "van de gemeente; voor grotere vragen de gemeente (Wmo) en het IMG"
                    ),
                },
                {
                    "key": "materialen",
                    "kind": "Materialen",
                    "description": (
                        "Rolstoelen om uit te lenen, BEST-tassen, hondenpoepzakjes, flyers en "
                        "de website"
                    ),
                },
                {
                    "key": "geld",
                    "kind": "Geld",
                    "description": (
                        "Een kleine vergoeding voor vervoer; alle andere hulp is kosteloos"
                    ),
                },
                {
                    "key": "kennis",
                    "kind": "Kennis",
                    "description": "Hulp van CMO STAMM bij het opzetten van het dorpsloket",
                },
            ],
            "activities": [
                {
                    "key": "koppelen",
                    "name": "Hulpvragen aannemen en koppelen",
                    "description": (
                        "Het team kijkt bij iedere hulpvraag wat iemand nog zelf kan, en of de "
                        "vraag niet in het vaarwater van lokale bedrijven komt (een huis "
                        "schilderen doen we bijvoorbeeld niet). Daarna zoeken we een "
                        "vrijwilliger die past: voor de praktische hulp én voor de klik. "
                        "Grotere vragen verwijzen we door, bijvoorbeeld naar de gemeente (Wmo) "
                        "of het Instituut Mijnbouwschade Groningen (aardbevingsschade)."
                    ),
                    "frequency": "doorlopend",
                    "target_group": (
                        "inwoners van Middelstum, Huizinge, Westerwijtwerd, Toornwerd, "
                        "Fraamklap en Boerdam"
                    ),
                },
                {
                    "key": "vervoer",
                    "name": "Vervoer",
                    "description": (
                        "Vrijwilligers rijden inwoners, bijvoorbeeld naar het ziekenhuis. "
                        "Hiervoor vragen we een kleine vergoeding."
                    ),
                    "frequency": "op aanvraag",
                    "target_group": "inwoners zonder eigen vervoer",
                },
                {
                    "key": "klussen",
                    "name": "Klussen in huis en tuin",
                    "description": "Klein onderhoud van huis en tuin.",
                    "frequency": "op aanvraag",
                    "target_group": "inwoners die het zelf niet (meer) kunnen",
                },
                {
                    "key": "gezelschap",
                    "name": "Gezelschap",
                    "description": "Een vrijwilliger komt langs voor gezelschap en een praatje.",
                    "frequency": "op aanvraag",
                    "target_group": "inwoners die behoefte hebben aan contact",
                },
                {
                    "key": "administratie",
                    "name": "Administratieve hulp en pc-hulp",
                    "description": "Hulp bij papieren, formulieren en de computer.",
                    "frequency": "op aanvraag",
                    "target_group": "inwoners met vragen over papieren of de computer",
                },
                {
                    "key": "digisoam",
                    "name": "Digisoam",
                    "description": (
                        "Werkgroep die samen met Biblionet inwoners digitaal vaardiger maakt."
                    ),
                    "frequency": "",
                    "target_group": "inwoners die digitaal vaardiger willen worden",
                },
                {
                    "key": "rolstoelen",
                    "name": "Rolstoelen uitlenen",
                    "description": "Inwoners kunnen bij het dorpsloket een rolstoel lenen.",
                    "frequency": "op aanvraag",
                    "target_group": "alle inwoners",
                },
                {
                    "key": "best",
                    "name": "BEST-tassen",
                    "description": (
                        "Inzamelen van herbruikbare Boeken, Elektrische apparaten, Speelgoed en "
                        "Textiel in BEST-tassen. Er is geen milieustraat in de buurt; de "
                        "gemeente haalt de spullen eens in de zoveel tijd op."
                    ),
                    "frequency": "doorlopend",
                    "target_group": "alle inwoners",
                },
                {
                    "key": "hondenpoep",
                    "name": "Hondenpoepzakjes verstrekken",
                    "description": "Het dorpsloket deelt hondenpoepzakjes uit.",
                    "frequency": "",
                    "target_group": "hondenbezitters in het dorp",
                },
                {
                    "key": "vrijwilligers",
                    "name": "Vrijwilligers inzetten en waarderen",
                    "description": (
                        "Vrijwilligers doen mee naar beschikbaarheid en affiniteit. We spreken "
                        "vanaf het begin de wederzijdse verwachtingen uit en laten merken dat "
                        "we hun inzet waarderen."
                    ),
                    "frequency": "doorlopend",
                    "target_group": "vrijwilligers van MiddelSoam",
                },
            ],
            "outputs": [
                {
                    "key": "o-hulpvragen",
                    "activity": "koppelen",
                    "description": "Hulpvragen die een passende vrijwilliger kregen",
                    "unit": "hulpvragen per jaar",
                    "example": True,
                    "target": 150,
                },
                {
                    "key": "o-ritten",
                    "activity": "vervoer",
                    "description": "Ritten voor inwoners, bijvoorbeeld naar het ziekenhuis",
                    "unit": "ritten per jaar",
                    "example": True,
                    "target": 60,
                },
                {
                    "key": "o-klussen",
                    "activity": "klussen",
                    "description": "Uitgevoerde klussen in huis en tuin",
                    "unit": "klussen per jaar",
                    "example": True,
                    "target": 40,
                },
                {
                    "key": "o-digisoam",
                    "activity": "digisoam",
                    "description": "Inwoners die meededen aan Digisoam",
                    "unit": "deelnemers per jaar",
                    "example": True,
                    "target": 15,
                },
                {
                    "key": "o-rolstoelen",
                    "activity": "rolstoelen",
                    "description": "Uitgeleende rolstoelen",
                    "unit": "uitleningen per jaar",
                    "example": True,
                    "target": 20,
                },
                {
                    "key": "o-best",
                    "activity": "best",
                    "description": "Ingezamelde BEST-tassen met herbruikbare spullen",
                    "unit": "tassen per jaar",
                    "example": True,
                    "target": 100,
                },
                {
                    "key": "o-netwerk",
                    "activity": "vrijwilligers",
                    "description": "Vrijwilligers die klaarstaan voor hulpvragen",
                    "unit": "vrijwilligers in het netwerk",
                    "target": 140,
                },
            ],
            "outcomes": [
                {
                    "key": "zelfstandig",
                    "description": (
                        "Hulpvragers houden hun huis, tuin en papieren op orde en kunnen zo "
                        "langer zelfstandig thuis wonen."
                    ),
                    "target_group": "inwoners met een hulpvraag",
                    "activities": ["vervoer", "klussen", "administratie", "rolstoelen"],
                },
                {
                    "key": "gerust",
                    "description": (
                        "Hulpvragers voelen zich gerust en veilig: ‘wij zijn er als er iets "
                        "is’. Ze hoeven hun werkende of verder weg wonende kinderen niet te "
                        "belasten."
                    ),
                    "target_group": "inwoners met een hulpvraag",
                    "activities": ["koppelen", "vervoer", "klussen", "gezelschap"],
                },
                {
                    "key": "contacten",
                    "description": (
                        "Hulpvragers en vrijwilligers krijgen waardevolle, vaak langdurige "
                        "contacten met elkaar."
                    ),
                    "target_group": "hulpvragers en vrijwilligers",
                    "activities": ["koppelen", "gezelschap"],
                },
                {
                    "key": "digitaal",
                    "description": "Deelnemers aan Digisoam zijn digitaal vaardiger.",
                    "target_group": "deelnemers aan Digisoam",
                    "activities": ["digisoam"],
                },
                {
                    "key": "vrijwilligers-gewaardeerd",
                    "description": (
                        "Vrijwilligers voelen zich gewaardeerd en raken niet overbelast."
                    ),
                    "target_group": "vrijwilligers",
                    "activities": ["vrijwilligers"],
                },
            ],
            "impacts": [
                {
                    "key": "noaberschap",
                    "description": (
                        "Noaberschap: inwoners kijken naar elkaar om en kunnen op elkaar "
                        "terugvallen. ‘Samen lossen we vragen op.’"
                    ),
                    "themes": ["Sociale cohesie", "Zingeving en eigenaarschap"],
                },
                {
                    "key": "levenslang",
                    "description": (
                        "Inwoners kunnen levenslang in hun dorp blijven wonen, ook als het "
                        "zelf wat minder gaat."
                    ),
                    "themes": ["Gezondheid en welzijn", "Gelijke kansen en inclusie"],
                },
                {
                    "key": "leefbaarheid",
                    "description": (
                        "Een leefbaar dorp: herbruikbare spullen worden ingezameld, ook zonder "
                        "milieustraat in de buurt."
                    ),
                    "themes": ["Zingeving en eigenaarschap"],
                },
            ],
            "measurement_plans": [
                {
                    "level": "output",
                    "information": (
                        "Welke hulpvragen er binnenkwamen en wat we deden: ritten, klussen, "
                        "administratie, uitleen, Digisoam"
                    ),
                    "method": "Logboek",
                    "frequency": "elke week",
                    "collected_by": "het coördinerende team",
                    "measures": [
                        "o-hulpvragen",
                        "o-ritten",
                        "o-klussen",
                        "o-digisoam",
                        "o-rolstoelen",
                    ],
                },
                {
                    "level": "output",
                    "information": "Aantal BEST-tassen en vrijwilligers in het netwerk",
                    "method": "Registratie van aantallen",
                    "frequency": "doorlopend",
                    "collected_by": "het coördinerende team",
                    "measures": ["o-best", "o-netwerk"],
                },
                {
                    "level": "output",
                    "information": (
                        "Overzicht van alle onderdelen van het dorpsloket en de behaalde resultaten"
                    ),
                    "method": "Jaaroverzicht",
                    "frequency": "elk jaar",
                    "collected_by": "de coördinator",
                    "measures": [
                        "o-hulpvragen",
                        "o-ritten",
                        "o-klussen",
                        "o-digisoam",
                        "o-rolstoelen",
                        "o-best",
                        "o-netwerk",
                    ],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Ervaringen van hulpvragers en vrijwilligers, terugkerende hulpvragen "
                        "en signalen van overbelasting bij vrijwilligers"
                    ),
                    "method": "Logboek",
                    "frequency": "elke week",
                    "collected_by": "het coördinerende team",
                    "measures": [
                        "zelfstandig",
                        "gerust",
                        "contacten",
                        "digitaal",
                        "vrijwilligers-gewaardeerd",
                    ],
                },
                {
                    "level": "impact",
                    "information": (
                        "Hoe het noaberschap en de leefbaarheid in het dorp zich ontwikkelen, "
                        "besproken in het overleg met de dorpscoöperatie en de "
                        "gebiedsregisseur van de gemeente"
                    ),
                    "method": "Jaaroverzicht",
                    "frequency": "elk jaar",
                    "collected_by": "de coördinator",
                    "measures": ["noaberschap", "levenslang", "leefbaarheid"],
                },
            ],
        },
    },
    # ------------------------------------------------------------------------------------
    {
        "slug": "dorpshuis-smilde",
        "name": "Dorpshuis Smilde",
        "kind": "dorpshuis",
        "place": "Smilde",
        "municipality": "midden-drenthe",
        "also_serves": [],
        "picture": True,  # a drawn picture as its photo (demo/picture.py)
        "founded_year": None,  # "ongeveer zes jaar geleden": no year given
        "website": "",
        "contact_email": "",
        "description": (
            "Onmisbare ontmoetingsplek voor de inwoners van de Smildes: van de uitgifte van "
            "de voedselbank en een weggeefwinkel tot creatieve workshops, een jeugdsoos en het "
            "maandelijkse dorpsdiner. Gedragen door een bestuur van inwoners en een "
            "klankbordgroep. In 2023 onderzocht met Trendbureau Drenthe (CMO STAMM)."
        ),
        "theory": {
            "problem": (
                "De Smildes liggen in een regio met een veencultuur, waar veel inwoners een "
                "lage sociaal-economische status hebben. Er was geen dorpshuis: geen vaste plek "
                "waar inwoners elkaar ontmoeten, samen iets ondernemen of praktische steun "
                "vinden, zoals voedsel of kleding."
            ),
            "goal": (
                "Het Dorpshuis is een onmisbare ontmoetingsplek voor alle inwoners van de "
                "Smildes, waar iedereen erbij hoort, meedoet en ertoe doet. Inwoners zijn er "
                "zelf eigenaar van: een bestuur en een klankbordgroep van inwoners dragen het.\n\n"
                "Het Dorpshuis vindt een goede balans tussen commerciële en sociale "
                "activiteiten, en regelt praktische taken als schoonmaak en beheer op een "
                "duurzame manier."
            ),
            "mission": "Erbij horen, meedoen en ertoe doen.",
            # Jeanette, after the sessions on the Dorpshuis' impact (chapter 3).
            "resources": [
                {
                    "key": "pand",
                    "kind": "Gebouw of ruimte",
                    "description": (
                        "Een bestaand pand als dorpshuis, eerst om de behoeften te verkennen "
                        "voordat er een nieuw dorpshuis wordt gebouwd"
                    ),
                },
                {
                    "key": "bestuur",
                    "kind": "Vrijwilligers",
                    "description": "Bestuur van jonge, enthousiaste inwoners",
                    "amount": 2,
                    "unit": "bestuursleden",
                },
                {
                    "key": "klankbord",
                    "kind": "Vrijwilligers",
                    "description": "Klankbordgroep van inwoners die het bestuur adviseert",
                },
                {
                    "key": "opbouwwerk",
                    "kind": "Kennis",
                    "description": (
                        "Opbouwwerker van Welzijnswerk Midden-Drenthe als adviseur van bestuur "
                        "en klankbordgroep"
                    ),
                },
                {
                    "key": "partners",
                    "kind": "Partners",
                    "description": (
                        "Gemeente Midden-Drenthe, de voedselbank, Cosis, de Sociale "
                        "Raadsvrouw en de historische vereniging"
                    ),
                },
                {
                    "key": "geld",
                    "kind": "Geld",
                    "description": (
                        "Kleine bijdragen van inwoners (dorpsdiner) en inkomsten uit "
                        "commerciële activiteiten"
                    ),
                },
            ],
            "activities": [
                {
                    "key": "diner",
                    "name": "Dorpsdiner",
                    "description": (
                        "Elke maand een chique maaltijd voor inwoners, voor een kleine "
                        "bijdrage. Zo populair dat er een wachtlijst is."
                    ),
                    "frequency": "elke maand",
                    "target_group": "inwoners van de Smildes",
                },
                {
                    "key": "voedselbank",
                    "name": "Uitgifte van de voedselbank",
                    "description": "De voedselbank geeft in het Dorpshuis voedsel uit.",
                    "frequency": "volgens het rooster van de voedselbank",
                    "target_group": "inwoners die van de voedselbank gebruikmaken",
                },
                {
                    "key": "weggeefwinkel",
                    "name": "Weggeefwinkel",
                    "description": "Tweedehands kleding voor wie het kan gebruiken.",
                    "frequency": "",
                    "target_group": "inwoners van de Smildes",
                },
                {
                    "key": "workshops",
                    "name": "Creatieve workshops",
                    "description": "Creatieve workshops in het Dorpshuis.",
                    "frequency": "",
                    "target_group": "inwoners van de Smildes",
                },
                {
                    "key": "jeugdsoos",
                    "name": "Jeugdsoos",
                    "description": "Een eigen plek voor de jeugd in het Dorpshuis.",
                    "frequency": "",
                    "target_group": "jongeren uit de Smildes",
                },
                {
                    "key": "historisch",
                    "name": "Onderdak voor de historische vereniging",
                    "description": (
                        "De lokale historische vereniging heeft onderdak in het Dorpshuis."
                    ),
                    "frequency": "",
                    "target_group": "leden van de historische vereniging en belangstellenden",
                },
                {
                    "key": "raadsvrouw",
                    "name": "Sociale Raadsvrouw",
                    "description": (
                        "Inwoners kunnen in het Dorpshuis terecht bij de Sociale Raadsvrouw."
                    ),
                    "frequency": "",
                    "target_group": "inwoners met vragen",
                },
                {
                    "key": "cosis",
                    "name": "Dagbesteding via Cosis",
                    "description": "Cosis biedt dagbesteding in het Dorpshuis.",
                    "frequency": "",
                    "target_group": "deelnemers aan de dagbesteding",
                },
                {
                    "key": "meedenken",
                    "name": "Bestuur en klankbordgroep",
                    "description": (
                        "Een bestuur van twee jonge inwoners beslist, met advies van een "
                        "klankbordgroep. Het begon met een startbijeenkomst waarin inwoners "
                        "zeiden welke activiteiten zij belangrijk vinden."
                    ),
                    "frequency": "doorlopend",
                    "target_group": "betrokken inwoners",
                },
            ],
            "outputs": [
                {
                    "key": "o-diners",
                    "activity": "diner",
                    "description": "Dorpsdiners",
                    "unit": "dorpsdiners per jaar",
                    "target": 12,
                },
                {
                    "key": "o-gasten",
                    "activity": "diner",
                    "description": "Gasten aan tafel bij het dorpsdiner",
                    "unit": "gasten per dorpsdiner",
                    "example": True,
                    "target": 40,
                },
                {
                    "key": "o-voedselbank",
                    "activity": "voedselbank",
                    "description": "Uitgiftes van de voedselbank in het Dorpshuis",
                    "unit": "uitgiftes per jaar",
                    "example": True,
                    "target": 52,
                },
                {
                    "key": "o-weggeefwinkel",
                    "activity": "weggeefwinkel",
                    "description": "Bezoekers van de weggeefwinkel",
                    "unit": "bezoekers per jaar",
                    "example": True,
                    "target": 200,
                },
                {
                    "key": "o-workshops",
                    "activity": "workshops",
                    "description": "Creatieve workshops",
                    "unit": "workshops per jaar",
                    "example": True,
                    "target": 10,
                },
                {
                    "key": "o-jeugdsoos",
                    "activity": "jeugdsoos",
                    "description": "Avonden van de jeugdsoos",
                    "unit": "soosavonden per jaar",
                    "example": True,
                    "target": 30,
                },
                {
                    "key": "o-klankbord",
                    "activity": "meedenken",
                    "description": "Bijeenkomsten van de klankbordgroep",
                    "unit": "bijeenkomsten per jaar",
                    "example": True,
                    "target": 4,
                },
            ],
            "outcomes": [
                {
                    "key": "saamhorigheid",
                    "description": (
                        "Gasten leren andere inwoners kennen en voelen meer saamhorigheid."
                    ),
                    "target_group": "gasten van het dorpsdiner en bezoekers van activiteiten",
                    "activities": ["diner", "workshops", "historisch"],
                },
                {
                    "key": "steun",
                    "description": (
                        "Inwoners met weinig geld krijgen dichtbij praktische steun, zoals "
                        "voedsel en kleding."
                    ),
                    "target_group": "inwoners met weinig geld",
                    "activities": ["voedselbank", "weggeefwinkel", "raadsvrouw"],
                },
                {
                    "key": "jongeren",
                    "description": "Jongeren hebben een eigen plek om elkaar te ontmoeten.",
                    "target_group": "jongeren uit de Smildes",
                    "activities": ["jeugdsoos"],
                },
                {
                    "key": "eigenaarschap",
                    "description": (
                        "Betrokken inwoners voelen meer eigenaarschap en trots: ‘We weten nu "
                        "waar we voor gaan en staan.’"
                    ),
                    "target_group": "bestuur, klankbordgroep en vrijwilligers",
                    "activities": ["meedenken"],
                },
                {
                    "key": "meedoen",
                    "description": (
                        "Deelnemers aan de dagbesteding hebben een zinvolle dag, dichtbij in "
                        "hun eigen dorp."
                    ),
                    "target_group": "deelnemers aan de dagbesteding",
                    "activities": ["cosis"],
                },
            ],
            "impacts": [
                {
                    "key": "verbinding",
                    "description": (
                        "Meer verbinding en samenwerking tussen bewoners, en een hernieuwd "
                        "gevoel van saamhorigheid in de Smildes."
                    ),
                    "themes": ["Sociale cohesie"],
                },
                {
                    "key": "erbij-horen",
                    "description": (
                        "Iedereen hoort erbij, ook inwoners met weinig geld: minder uitsluiting."
                    ),
                    "themes": ["Gelijke kansen en inclusie", "Gezondheid en welzijn"],
                },
                {
                    "key": "ertoe-doen",
                    "description": (
                        "Inwoners ervaren dat ze ertoe doen: zij bepalen zelf wat er in hun "
                        "Dorpshuis gebeurt."
                    ),
                    "themes": [
                        "Zingeving en eigenaarschap",
                        "Versterking van de lokale democratie",
                    ],
                },
            ],
            "measurement_plans": [
                {
                    "level": "output",
                    "information": (
                        "Aantal activiteiten en deelnemers per activiteit, en de wachtlijst "
                        "voor het dorpsdiner"
                    ),
                    "method": "Registratie van aantallen",
                    "frequency": "bij elke activiteit",
                    "collected_by": "de vrijwilligers van elke activiteit",
                    "measures": [
                        "o-diners",
                        "o-gasten",
                        "o-voedselbank",
                        "o-weggeefwinkel",
                        "o-workshops",
                        "o-jeugdsoos",
                        "o-klankbord",
                    ],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Voelen gasten zich meer verbonden met andere inwoners? Wat betekent "
                        "het Dorpshuis voor hen?"
                    ),
                    "method": "Vragenlijst of enquête",
                    "frequency": "één keer per jaar, na een dorpsdiner",
                    "collected_by": "de klankbordgroep",
                    "measures": ["saamhorigheid", "steun", "meedoen"],
                },
                {
                    "level": "outcome",
                    "information": "Wat jongeren en betrokken vrijwilligers zelf vertellen",
                    "method": "Persoonlijke verhalen (narratieve methode)",
                    "frequency": "één keer per jaar",
                    "collected_by": "het bestuur, met de opbouwwerker",
                    "measures": ["jongeren", "eigenaarschap"],
                },
                {
                    "level": "impact",
                    "information": (
                        "Verhalen van inwoners over wat het Dorpshuis voor de Smildes "
                        "betekent, zoals in het onderzoek met Trendbureau Drenthe (2023)"
                    ),
                    "method": "Persoonlijke verhalen (narratieve methode)",
                    "frequency": "één keer per jaar, in een bijeenkomst met de klankbordgroep",
                    "collected_by": "het bestuur en de klankbordgroep",
                    "measures": ["verbinding", "erbij-horen", "ertoe-doen"],
                },
            ],
        },
    },
    # ------------------------------------------------------------------------------------
    {
        "slug": "ebbingehof",
        "name": "Ebbingehof",
        "kind": "wonen",
        "place": "Groningen",
        "municipality": "groningen",
        "also_serves": [],
        # The stichting dates from 2017, but the vereniging Het Ebbingehofje is older
        # (year not given), so the initiative's founding year is left blank.
        "founded_year": None,
        "website": "",
        "contact_email": "",
        "description": (
            "Woongemeenschap in Groningen voor bewoners van 50 jaar en ouder. 25% van de "
            "woningen is sociale huur, de rest vrije sector. De bewoners wonen er sinds eind "
            "2021 en organiseren alle activiteiten zelf. Vereniging Het Ebbingehofje; sinds "
            "2017 beheert een stichting de zakelijke kant."
        ),
        "theory": {
            "problem": (
                "Ouder worden kan eenzaam zijn als je alleen woont. Mensen van 50 jaar en "
                "ouder die graag in een hechte gemeenschap willen wonen, met hun eigen privacy "
                "maar met buren die voor elkaar klaarstaan, vinden zo'n plek niet vanzelf."
            ),
            "goal": (
                "Een woongemeenschap waar bewoners van 50 jaar en ouder samen wonen en samen "
                "leven, ‘nog lang en gelukkig’. Bewoners ervaren geluk, geborgenheid en "
                "verbondenheid, met behoud van privacy.\n\n"
                "Iedereen brengt en haalt: bewoners zijn vrij om mee te doen, maar niet "
                "vrijblijvend. De gemeenschap blijft ook op lange termijn bestaan."
            ),
            "mission": "Samen wonen, samen leven.",
            "resources": [
                {
                    "key": "woningen",
                    "kind": "Gebouw of ruimte",
                    "description": (
                        "Het woongebouw Ebbingehof, met sociale huur en vrije sector huur "
                        "(van lage tot hoge huurprijzen)"
                    ),
                    "amount": 25,
                    "unit": "% sociale huur",
                },
                {
                    "key": "hofkamer",
                    "kind": "Gebouw of ruimte",
                    "description": "De Hofkamer: de gezamenlijke ruimte",
                },
                {
                    "key": "bewoners",
                    "kind": "Vrijwilligers",
                    "description": (
                        "Bewoners die alle activiteiten en de schoonmaak van de Hofkamer zelf "
                        "organiseren"
                    ),
                },
                {
                    "key": "bagage",
                    "kind": "Kennis",
                    "description": (
                        "Ervaring van bewoners uit wetenschap, zorg en kunst: hun eigen ‘bagage’"
                    ),
                },
                {
                    "key": "organisatie",
                    "kind": "Partners",
                    "description": (
                        "Vereniging Het Ebbingehofje en de stichting die de zakelijke kant "
                        "beheert; bij de bouw: projectontwikkelaar, aannemer en architect"
                    ),
                },
            ],
            "activities": [
                {
                    "key": "selectie",
                    "name": "Zorgvuldige selectie van nieuwe bewoners",
                    "description": (
                        "De toelatingsprocedure vraagt niet alleen naar de voorkeur voor een "
                        "woning, maar ook naar de motivatie en affiniteit met het "
                        "gemeenschapsleven. We zoeken enthousiaste, vitale mensen die willen "
                        "bijdragen."
                    ),
                    "frequency": "bij elke woning die vrijkomt",
                    "target_group": "woningzoekenden van 50 jaar en ouder",
                },
                {
                    "key": "yoga",
                    "name": "Yogales",
                    "description": "Yoga voor en door bewoners.",
                    "frequency": "elke dinsdagochtend",
                    "target_group": "bewoners",
                },
                {
                    "key": "eetclub",
                    "name": "Eetclub",
                    "description": (
                        "Samen eten; niemand heeft een vaste plaats aan tafel, zodat je steeds "
                        "naast iemand anders zit."
                    ),
                    "frequency": "elke woensdagavond",
                    "target_group": "bewoners",
                },
                {
                    "key": "samen",
                    "name": "Andere activiteiten van bewoners",
                    "description": (
                        "Koffieochtend, schildermiddagen, tafeltennis, zwemmen, een boekenclub "
                        "en kerstactiviteiten met een koor en toneelclub. Laagdrempelig en "
                        "vrij toegankelijk."
                    ),
                    "frequency": "",
                    "target_group": "bewoners",
                },
                {
                    "key": "schoonmaak",
                    "name": "Schoonmaakdiensten",
                    "description": "Bewoners houden samen de Hofkamer schoon.",
                    "frequency": "",
                    "target_group": "bewoners",
                },
            ],
            "outputs": [
                {
                    "key": "o-sociale-huur",
                    "activity": "selectie",
                    "description": "Woningen met sociale huur",
                    "unit": "procent van de woningen",
                    "target": 25,
                },
                {
                    "key": "o-kennismaking",
                    "activity": "selectie",
                    "description": "Kennismakingsgesprekken met kandidaat-bewoners",
                    "unit": "gesprekken per jaar",
                    "example": True,
                    "target": 6,
                },
                {
                    "key": "o-yoga",
                    "activity": "yoga",
                    "description": "Yogalessen op dinsdagochtend",
                    "unit": "lessen per jaar",
                    "target": 52,
                },
                {
                    "key": "o-eetclub",
                    "activity": "eetclub",
                    "description": "Gezamenlijke maaltijden van de eetclub",
                    "unit": "maaltijden per jaar",
                    "target": 52,
                },
                {
                    "key": "o-samen",
                    "activity": "samen",
                    "description": "Bewoners die meedoen aan een of meer activiteiten",
                    "unit": "bewoners",
                    "example": True,
                    "target": 30,
                },
            ],
            "outcomes": [
                {
                    "key": "minder-alleen",
                    "description": "Bewoners voelen zich minder alleen.",
                    "target_group": "bewoners",
                    "activities": ["eetclub", "yoga", "samen"],
                },
                {
                    "key": "geborgenheid",
                    "description": (
                        "Bewoners ervaren geluk, geborgenheid en verbondenheid, en houden hun "
                        "privacy."
                    ),
                    "target_group": "bewoners",
                    "activities": ["eetclub", "samen"],
                },
                {
                    "key": "kennen",
                    "description": (
                        "Bewoners kennen elkaar, van de goede en de minder prettige kanten, en "
                        "staan voor elkaar klaar."
                    ),
                    "target_group": "bewoners",
                    "activities": ["eetclub", "samen", "schoonmaak"],
                },
                {
                    "key": "betrokken",
                    "description": (
                        "Nieuwe bewoners zijn betrokken en willen bijdragen aan de gemeenschap."
                    ),
                    "target_group": "nieuwe bewoners",
                    "activities": ["selectie"],
                },
            ],
            "impacts": [
                {
                    "key": "zachte-krachten",
                    "description": (
                        "Een hechte, echte gemeenschap – de ‘zachte krachten’ – waarin "
                        "iedereen op elkaar rekent."
                    ),
                    "themes": ["Sociale cohesie"],
                },
                {
                    "key": "gemengd",
                    "description": (
                        "Mensen met een lage en een hoge huur wonen als buren samen in één "
                        "gemeenschap."
                    ),
                    "themes": ["Gelijke kansen en inclusie"],
                },
                {
                    "key": "gelukkig-oud",
                    "description": (
                        "Bewoners worden gezond en gelukkig ouder in hun eigen omgeving: ‘nog "
                        "lang en gelukkig’."
                    ),
                    "themes": ["Gezondheid en welzijn"],
                },
                {
                    "key": "eigenaarschap",
                    "description": (
                        "Bewoners dragen zelf de verantwoordelijkheid voor hun woongemeenschap."
                    ),
                    "themes": ["Zingeving en eigenaarschap"],
                },
            ],
            "measurement_plans": [
                {
                    "level": "output",
                    "information": (
                        "Hoeveel lessen, maaltijden en activiteiten er waren, en wie meedeed"
                    ),
                    "method": "Registratie van aantallen",
                    "frequency": "bij elke activiteit",
                    "collected_by": "de bewoners die de activiteit organiseren",
                    "measures": ["o-yoga", "o-eetclub", "o-samen"],
                },
                {
                    "level": "output",
                    "information": (
                        "Verdeling van de woningen over sociale huur en vrije sector, en de "
                        "kennismakingsgesprekken"
                    ),
                    "method": "Registratie van aantallen",
                    "frequency": "bij elke woning die vrijkomt",
                    "collected_by": "de stichting",
                    "measures": ["o-sociale-huur", "o-kennismaking"],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Voelen bewoners zich minder alleen, geborgen en verbonden? Staan ze "
                        "voor elkaar klaar?"
                    ),
                    "method": "Interview",
                    "frequency": "één keer per jaar",
                    "collected_by": "het bestuur van de vereniging",
                    "measures": ["minder-alleen", "geborgenheid", "kennen", "betrokken"],
                },
                {
                    "level": "impact",
                    "information": "Verhalen van bewoners over wat samen wonen voor hen betekent",
                    "method": "Persoonlijke verhalen (narratieve methode)",
                    "frequency": "één keer per jaar",
                    "collected_by": "het bestuur van de vereniging",
                    "measures": ["zachte-krachten", "gemengd", "gelukkig-oud", "eigenaarschap"],
                },
            ],
        },
    },
    # ------------------------------------------------------------------------------------
    {
        "slug": "odensehuis-meppel-westerveld",
        "name": "Odensehuis Meppel–Westerveld",
        "kind": "ontmoetingsplek",
        "place": "Meppel",
        "municipality": "meppel",
        "also_serves": ["westerveld"],
        "founded_year": 2022,  # "in 2022 gestart in Meppel en Havelte"
        "website": "",
        "contact_email": "",
        "description": (
            "Laagdrempelige ontmoetingsplek voor mensen met (beginnende) dementie, hun "
            "mantelzorgers, familie en vrienden. Vrij binnenlopen, zonder indicatie of "
            "diagnose. Sinds 2022 in Meppel en Havelte; in 2025 komt er een derde locatie in "
            "De Wolden. Zo'n tien vaste bezoekers per locatie en zestien vrijwilligers."
        ),
        "theory": {
            "problem": (
                "Mensen met (beginnende) dementie en hun mantelzorgers vinden weinig plekken "
                "waar ze zomaar binnen kunnen lopen, zonder indicatie of diagnose. Vaak wordt "
                "er óver hen gepraat in plaats van mét hen. Mantelzorgers dragen een zware "
                "zorglast en hebben behoefte aan een moment om op adem te komen.\n\n"
                "Vooral in dorpen is er soms schroom om ergens naartoe te gaan."
            ),
            "goal": (
                "Een open en ongedwongen plek in Meppel, Havelte en De Wolden, waar mensen met "
                "dementie en hun mantelzorgers, familie en vrienden zich thuis voelen, hun "
                "eigen gang kunnen gaan en iets waardevols ervaren. Zelfregie en eigen kracht "
                "staan centraal.\n\n"
                "Mantelzorgers worden ontlast en mensen met geheugenproblemen blijven langer "
                "zelfstandig, zodat langdurige zorg later nodig is."
            ),
            "mission": (
                "Dat mensen zich thuis voelen, hun eigen gang kunnen gaan en iets waardevols "
                "ervaren."
            ),
            "resources": [
                {
                    "key": "locaties",
                    "kind": "Gebouw of ruimte",
                    "description": (
                        "Locaties in Meppel en Havelte; in 2025 komt er een derde bij in De Wolden"
                    ),
                    "amount": 2,
                    "unit": "locaties",
                },
                {
                    "key": "vrijwilligers",
                    "kind": "Vrijwilligers",
                    "description": (
                        "Team van enthousiaste vrijwilligers, van wie velen vanaf het begin "
                        "betrokken zijn"
                    ),
                    "amount": 16,
                    "unit": "vrijwilligers",
                },
                {
                    "key": "coordinator",
                    "kind": "Kennis",
                    "description": "Een coördinator en standaard scholing voor vrijwilligers",
                },
                {
                    "key": "subsidie",
                    "kind": "Geld",
                    "description": "Subsidies van de gemeente en de provincie",
                },
                {
                    "key": "partners",
                    "kind": "Partners",
                    "description": "Windesheim en Alzheimer Nederland",
                },
            ],
            "activities": [
                {
                    "key": "inloop",
                    "name": "Vrije inloop met koffie",
                    "description": (
                        "De dag begint ontspannen met een kop koffie. Bezoekers lopen vrij in "
                        "en uit en doen mee waar ze willen, bijvoorbeeld zelf koffie halen of "
                        "helpen met de afwas."
                    ),
                    "frequency": "op de openingsdagen",
                    "target_group": (
                        "mensen met (beginnende) dementie, hun mantelzorgers, familie en vrienden"
                    ),
                },
                {
                    "key": "lunch",
                    "name": "Samen lunchen",
                    "description": "Rond lunchtijd eten bezoekers samen.",
                    "frequency": "op de openingsdagen",
                    "target_group": "bezoekers",
                },
                {
                    "key": "spelletjes",
                    "name": "Spelletjes en activiteiten",
                    "description": "In de middag worden vaak spelletjes gespeeld.",
                    "frequency": "op de openingsdagen",
                    "target_group": "bezoekers",
                },
                {
                    "key": "mantelzorg",
                    "name": "Ruimte voor mantelzorgers",
                    "description": (
                        "Mantelzorgers komen even op adem, delen ervaringen met lotgenoten en "
                        "vinden een luisterend oor. Ook na het overlijden van hun naaste "
                        "blijven ze welkom."
                    ),
                    "frequency": "op de openingsdagen",
                    "target_group": "mantelzorgers",
                },
                {
                    "key": "scholing",
                    "name": "Scholing voor vrijwilligers",
                    "description": "Elke vrijwilliger krijgt standaard een scholing aangeboden.",
                    "frequency": "",
                    "target_group": "vrijwilligers",
                },
                {
                    "key": "nieuwe-locatie",
                    "name": "Derde locatie in De Wolden",
                    "description": (
                        "In 2025 opent het Odensehuis een derde locatie, in De Wolden. We "
                        "werken ook aan meer bekendheid en meer vrijwilligers."
                    ),
                    "frequency": "in 2025",
                    "target_group": "inwoners van De Wolden met dementie en hun naasten",
                },
            ],
            "outputs": [
                {
                    "key": "o-bezoekers",
                    "activity": "inloop",
                    "description": "Vaste bezoekers per locatie",
                    "unit": "vaste bezoekers per locatie",
                    "target": 10,
                },
                {
                    "key": "o-openingsdagen",
                    "activity": "inloop",
                    "description": "Dagen dat een locatie open is",
                    "unit": "dagen per locatie per jaar",
                    "example": True,
                    "target": 50,
                },
                {
                    "key": "o-mantelzorgers",
                    "activity": "mantelzorg",
                    "description": "Mantelzorgers die het Odensehuis bezoeken",
                    "unit": "mantelzorgers per jaar",
                    "example": True,
                    "target": 15,
                },
                {
                    "key": "o-scholing",
                    "activity": "scholing",
                    "description": "Vrijwilligers die scholing aangeboden kregen",
                    "unit": "vrijwilligers",
                    "target": 16,
                },
                {
                    "key": "o-locaties",
                    "activity": "nieuwe-locatie",
                    "description": "Locaties van het Odensehuis",
                    "unit": "locaties in 2025",
                    "target": 3,
                },
            ],
            "outcomes": [
                {
                    "key": "thuis",
                    "description": (
                        "Bezoekers voelen zich thuis, hebben een fijne tijd en sociale "
                        "contacten, ook met lotgenoten."
                    ),
                    "target_group": "mensen met (beginnende) dementie",
                    "activities": ["inloop", "lunch", "spelletjes"],
                },
                {
                    "key": "zelfregie",
                    "description": (
                        "Bezoekers houden zelfregie en voelen eigenwaarde: er wordt mét hen "
                        "gepraat, niet óver hen."
                    ),
                    "target_group": "mensen met (beginnende) dementie",
                    "activities": ["inloop", "lunch"],
                },
                {
                    "key": "ontlast",
                    "description": (
                        "Mantelzorgers zijn ontlast, komen op adem en delen ervaringen met anderen."
                    ),
                    "target_group": "mantelzorgers, familie en vrienden",
                    "activities": ["mantelzorg", "inloop"],
                },
                {
                    "key": "voldoening",
                    "description": "Vrijwilligers vinden voldoening in hun werk.",
                    "target_group": "vrijwilligers",
                    "activities": ["scholing", "inloop"],
                },
            ],
            "impacts": [
                {
                    "key": "zorg-uitstellen",
                    "description": (
                        "Mensen met geheugenproblemen blijven langer zelfstandig, waardoor "
                        "langdurige zorg wordt uitgesteld."
                    ),
                    "themes": ["Gezondheid en welzijn"],
                },
                {
                    "key": "welkom",
                    "description": (
                        "Een gemeenschap waar iedereen zich welkom voelt, ook mensen met "
                        "dementie en hun naasten."
                    ),
                    "themes": ["Sociale cohesie", "Gelijke kansen en inclusie"],
                },
                {
                    "key": "zingeving",
                    "description": (
                        "Mensen met dementie ervaren eigenwaarde en zingeving, ondanks de "
                        "uitdagingen die dementie met zich meebrengt."
                    ),
                    "themes": ["Zingeving en eigenaarschap"],
                },
            ],
            "measurement_plans": [
                {
                    "level": "output",
                    "information": (
                        "Aantal bezoekers en mantelzorgers per dag en per locatie, en de "
                        "openingsdagen"
                    ),
                    "method": "Registratie van aantallen",
                    "frequency": "elke openingsdag",
                    "collected_by": "de vrijwilligers van de locatie",
                    "measures": ["o-bezoekers", "o-openingsdagen", "o-mantelzorgers"],
                },
                {
                    "level": "output",
                    "information": "Aantal locaties en vrijwilligers, en wie scholing kreeg",
                    "method": "Jaaroverzicht",
                    "frequency": "elk jaar",
                    "collected_by": "de coördinator",
                    "measures": ["o-scholing", "o-locaties"],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Voelen bezoekers zich thuis? Gaan ze hun eigen gang en doen ze mee?"
                    ),
                    "method": "Observatie",
                    "frequency": "doorlopend",
                    "collected_by": "de vrijwilligers, besproken met de coördinator",
                    "measures": ["thuis", "zelfregie"],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Voelen mantelzorgers en vrijwilligers zich gesteund en ontlast?"
                    ),
                    "method": "Interview",
                    "frequency": "één keer per jaar",
                    "collected_by": "de coördinator",
                    "measures": ["ontlast", "voldoening"],
                },
                {
                    "level": "impact",
                    "information": (
                        "Verhalen van bezoekers en mantelzorgers over wat het Odensehuis voor "
                        "hen betekent, ook van mantelzorgers die na het overlijden van hun "
                        "naaste blijven komen"
                    ),
                    "method": "Persoonlijke verhalen (narratieve methode)",
                    "frequency": "één keer per jaar",
                    "collected_by": "de coördinator",
                    "measures": ["zorg-uitstellen", "welkom", "zingeving"],
                },
            ],
        },
    },
    # ------------------------------------------------------------------------------------
    {
        "slug": "welzijn-westerwolde",
        "name": "Welzijn Westerwolde",
        "kind": "welzijn",
        # The publication names no single town: the organisation works for all inhabitants
        # of the municipality.
        "place": "Westerwolde",
        "municipality": "westerwolde",
        "also_serves": [],
        "founded_year": None,
        "website": "",
        "contact_email": "",
        "description": (
            "Welzijnsorganisatie voor alle inwoners van de gemeente Westerwolde: ondersteuning "
            "van inwonersinitiatieven, gezinscoaching, mantelzorgondersteuning, vrijwillige "
            "hulpdiensten, de Steunstees en inburgering van nieuwkomers. Laagdrempelig: geen "
            "wachtlijsten, geen indicatie, gratis. Werkt sinds 2024 met een nieuw impactmodel."
        ),
        "theory": {
            "problem": (
                "Inwoners van Westerwolde hebben uiteenlopende behoeften: ouderen, jongeren, "
                "gezinnen, mantelzorgers, nieuwkomers en mensen met financiële of sociale "
                "problemen. Niet iedereen kan vanzelf volwaardig meedoen of lang thuis blijven "
                "wonen.\n\n"
                "De gemeente wil niet langer alleen opsommingen van activiteiten en aantallen, "
                "maar inzicht in wat het werk oplevert."
            ),
            "goal": (
                "Een sterke gemeenschap waarin iedereen de kans krijgt om volwaardig deel te "
                "nemen aan de maatschappij: duurzame sociale cohesie en een inclusieve "
                "samenleving. Al ons werk draagt bij aan een van drie maatschappelijke "
                "effecten: Leefbaarheid & socialiseren, Ontwikkelen & (op)groeien en Autonomie "
                "& meedoen.\n\n"
                "Onze hulp blijft laagdrempelig: geen wachtlijsten, geen indicatie en gratis."
            ),
            "mission": (
                "De gemeenschap versterken en iedereen de kans geven om volwaardig mee te doen."
            ),
            # Said of the impact reports in chapter 3.
            "resources": [
                {
                    "key": "vrijwilligers",
                    "kind": "Vrijwilligers",
                    "description": (
                        "Vrijwilligers die voorzieningen in stand houden en hulpdiensten draaien"
                    ),
                },
                {
                    "key": "medewerkers",
                    "kind": "Kennis",
                    "description": (
                        "Medewerkers in het sociaal werk, het impactmodel (2024) en de cliëntenraad"
                    ),
                },
                {
                    "key": "steunstees",
                    "kind": "Gebouw of ruimte",
                    "description": "De Steunstees: ontmoetings- en ondersteuningspunten",
                },
                {
                    "key": "partners",
                    "kind": "Partners",
                    "description": (
                        "Strategisch partnerschap met de gemeente Westerwolde; netwerk van "
                        "maatschappelijke organisaties"
                    ),
                },
                {
                    "key": "geld",
                    "kind": "Geld",
                    "description": "Financiering door de gemeente",
                },
            ],
            "activities": [
                {
                    "key": "initiatieven",
                    "name": "Ondersteunen van inwonersinitiatieven",
                    "description": (
                        "We helpen inwonersinitiatieven en betrekken buurtbewoners bij het "
                        "versterken van lokale netwerken."
                    ),
                    "frequency": "doorlopend",
                    "target_group": "inwoners en inwonersinitiatieven",
                },
                {
                    "key": "gezinscoaching",
                    "name": "Gezinscoaching",
                    "description": "Coaching van gezinnen die steun nodig hebben.",
                    "frequency": "doorlopend",
                    "target_group": "gezinnen en jongeren",
                },
                {
                    "key": "mantelzorg",
                    "name": "Mantelzorgondersteuning",
                    "description": "Steun en advies voor mantelzorgers.",
                    "frequency": "doorlopend",
                    "target_group": "mantelzorgers",
                },
                {
                    "key": "hulpdiensten",
                    "name": "Vrijwillige hulpdiensten",
                    "description": "Vrijwilligers helpen inwoners met praktische hulp.",
                    "frequency": "op aanvraag",
                    "target_group": "inwoners die hulp nodig hebben",
                },
                {
                    "key": "steunstees",
                    "name": "Steunstees",
                    "description": (
                        "Ontmoetings- en ondersteuningspunten waar inwoners terechtkunnen voor "
                        "advies, hulp bij administratie en informatieve bijeenkomsten."
                    ),
                    "frequency": "doorlopend",
                    "target_group": "alle inwoners",
                },
                {
                    "key": "inburgering",
                    "name": "Inburgering van nieuwkomers",
                    "description": "Begeleiding van nieuwkomers bij hun inburgering.",
                    "frequency": "doorlopend",
                    "target_group": "nieuwkomers",
                },
                {
                    "key": "netwerklunch",
                    "name": "Netwerklunch",
                    "description": (
                        "Eén keer per maand een lunch met partners: ‘Het is zo belangrijk dat "
                        "je elkaar kent, dat straalt vertrouwen en geloofwaardigheid uit naar "
                        "alle inwoners.’"
                    ),
                    "frequency": "elke maand",
                    "target_group": "maatschappelijke partners",
                },
                {
                    "key": "rapporteren",
                    "name": "Rapporteren aan de gemeente",
                    "description": (
                        "Impactgerichte rapportage binnen het strategisch partnerschap: niet "
                        "alleen wat we doen, maar wat we willen bereiken en welke acties "
                        "daarvoor nodig zijn."
                    ),
                    "frequency": "twee keer per jaar",
                    "target_group": "gemeente Westerwolde",
                },
            ],
            "outputs": [
                {
                    "key": "o-initiatieven",
                    "activity": "initiatieven",
                    "description": "Ondersteunde inwonersinitiatieven",
                    "unit": "initiatieven per jaar",
                    "example": True,
                    "target": 15,
                },
                {
                    "key": "o-gezinnen",
                    "activity": "gezinscoaching",
                    "description": "Afgesloten trajecten gezinscoaching",
                    "unit": "trajecten per jaar",
                    "example": True,
                    "target": 40,
                },
                {
                    "key": "o-mantelzorgers",
                    "activity": "mantelzorg",
                    "description": "Ondersteunde mantelzorgers",
                    "unit": "mantelzorgers per jaar",
                    "example": True,
                    "target": 100,
                },
                {
                    "key": "o-hulpvragen",
                    "activity": "hulpdiensten",
                    "description": "Hulpvragen opgepakt door vrijwillige hulpdiensten",
                    "unit": "hulpvragen per jaar",
                    "example": True,
                    "target": 200,
                },
                {
                    "key": "o-steunstees",
                    "activity": "steunstees",
                    "description": "Bezoeken aan de Steunstees",
                    "unit": "bezoeken per jaar",
                    "example": True,
                    "target": 500,
                },
                {
                    "key": "o-nieuwkomers",
                    "activity": "inburgering",
                    "description": "Begeleide nieuwkomers",
                    "unit": "nieuwkomers per jaar",
                    "example": True,
                    "target": 30,
                },
                {
                    "key": "o-netwerklunch",
                    "activity": "netwerklunch",
                    "description": "Netwerklunches met partners",
                    "unit": "netwerklunches per jaar",
                    "target": 12,
                },
                {
                    "key": "o-rapportages",
                    "activity": "rapporteren",
                    "description": "Impactgerichte rapportages aan de gemeente",
                    "unit": "rapportages per jaar",
                    "target": 2,
                },
            ],
            "outcomes": [
                {
                    "key": "omzien",
                    "description": (
                        "Buurtbewoners kennen elkaar en kijken naar elkaar om; "
                        "inwonersinitiatieven staan sterker."
                    ),
                    "target_group": "buurtbewoners en inwonersinitiatieven",
                    "activities": ["initiatieven", "steunstees", "netwerklunch"],
                },
                {
                    "key": "opgroeien",
                    "description": (
                        "Gezinnen krijgen steun, zodat kinderen en jongeren goed kunnen opgroeien."
                    ),
                    "target_group": "gezinnen en jongeren",
                    "activities": ["gezinscoaching"],
                },
                {
                    "key": "nieuwkomers",
                    "description": "Nieuwkomers vinden hun weg en doen mee in de samenleving.",
                    "target_group": "nieuwkomers",
                    "activities": ["inburgering"],
                },
                {
                    "key": "mantelzorgers",
                    "description": "Mantelzorgers houden het vol en voelen zich gesteund.",
                    "target_group": "mantelzorgers",
                    "activities": ["mantelzorg"],
                },
                {
                    "key": "zelfredzaam",
                    "description": (
                        "Inwoners weten waar ze terechtkunnen, krijgen hulp bij administratie "
                        "en redden zich beter thuis."
                    ),
                    "target_group": "inwoners met een hulpvraag",
                    "activities": ["steunstees", "hulpdiensten"],
                },
            ],
            "impacts": [
                {
                    "key": "leefbaarheid",
                    "description": (
                        "Leefbaarheid & socialiseren: een inclusieve, sociale, leefbare buurt "
                        "waar buurtbewoners naar elkaar omkijken."
                    ),
                    "themes": ["Sociale cohesie", "Gelijke kansen en inclusie"],
                },
                {
                    "key": "ontwikkelen",
                    "description": (
                        "Ontwikkelen & (op)groeien: de jeugd kan optimaal opgroeien en "
                        "inwoners kunnen levenslang leren."
                    ),
                    "themes": ["Gelijke kansen en inclusie"],
                },
                {
                    "key": "autonomie",
                    "description": (
                        "Autonomie & meedoen: (kwetsbare) mensen kunnen langer thuis wonen en "
                        "(blijven) meedoen."
                    ),
                    "themes": ["Gezondheid en welzijn", "Gelijke kansen en inclusie"],
                },
            ],
            "measurement_plans": [
                {
                    "level": "output",
                    "information": (
                        "De registraties die medewerkers al bijhouden (niet méér of anders dan "
                        "voorheen), elk gekoppeld aan een van de drie maatschappelijke "
                        "effecten"
                    ),
                    "method": "Registratie van aantallen",
                    "frequency": "doorlopend",
                    "collected_by": "de medewerkers",
                    "measures": [
                        "o-initiatieven",
                        "o-gezinnen",
                        "o-mantelzorgers",
                        "o-hulpvragen",
                        "o-steunstees",
                        "o-nieuwkomers",
                        "o-netwerklunch",
                        "o-rapportages",
                    ],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Wat heeft de hulp de cliënt opgeleverd? Gevraagd aan de cliënt zelf"
                    ),
                    "method": "Gesprek bij afsluiting",
                    "frequency": "bij de afsluiting van elke casus",
                    "collected_by": "de medewerker die de casus begeleidde",
                    "measures": ["opgroeien", "nieuwkomers", "mantelzorgers", "zelfredzaam"],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Ervaringen van deelnemers aan activiteiten, opgehaald door de leden "
                        "van de cliëntenraad"
                    ),
                    "method": "Interview",
                    "frequency": "periodiek",
                    "collected_by": "de cliëntenraad",
                    "measures": ["omzien", "zelfredzaam"],
                },
                {
                    "level": "outcome",
                    "information": "Hoe tevreden zijn cliënten over de dienstverlening?",
                    "method": "Vragenlijst of enquête",
                    "frequency": "",
                    "collected_by": "Welzijn Westerwolde",
                    "measures": ["mantelzorgers", "zelfredzaam", "opgroeien"],
                },
                {
                    "level": "impact",
                    "information": (
                        "Per maatschappelijk effect (Leefbaarheid & socialiseren, Ontwikkelen "
                        "& (op)groeien, Autonomie & meedoen): wat we deden en wat het opleverde"
                    ),
                    "method": "Jaaroverzicht",
                    "frequency": "twee keer per jaar, in de rapportage aan de gemeente",
                    "collected_by": "de beleidsmedewerker",
                    "measures": ["leefbaarheid", "ontwikkelen", "autonomie"],
                },
            ],
        },
    },
    # ------------------------------------------------------------------------------------
    {
        "slug": "groeihuis-eexterveen",
        "name": "GroeiHuis Eexterveen",
        "kind": "voorziening",
        "place": "Eexterveen",
        "municipality": "aa-en-hunze",
        "also_serves": [],
        "founded_year": None,  # the idea arose "tijdens de coronaperiode": no year given
        "website": "",
        "contact_email": "",
        "description": (
            "Nieuwe voorziening in Eexterveen waar sport, onderwijs en ontmoeting samenkomen, "
            "als deel van één totaalvoorziening met school, opvang, gymzaal en sport- en "
            "speelplekken. Kinderopvang vanaf voorjaar 2025. Ook voor Nieuw Annerveen en "
            "Spijkerboor. Stichting Kardeel is aanvrager en bouwheer."
        ),
        "theory": {
            "problem": (
                "In de nieuwe school van Eexterveen is geen ruimte voor kinderopvang, en de "
                "bestaande opvanglocatie is niet toekomstbestendig. Het dorp en de dorpen "
                "eromheen missen een centrale plek waar jong en oud samen kunnen leren, bewegen "
                "en elkaar ontmoeten. En iedereen heeft weleens een steuntje in de rug nodig."
            ),
            "goal": (
                "Een drempelvrije, centrale plek in het dorp – deel van één totaalvoorziening "
                "met school, opvang, gymzaal en sport- en speelplekken – waar jong en oud uit "
                "Eexterveen, Nieuw Annerveen, Spijkerboor en omgeving samenkomen om te leren, "
                "te bewegen en elkaar te ontmoeten. Iedereen is welkom, ook mensen met een "
                "beperking.\n\n"
                "Een toekomst waarin vitaliteit, ontmoeting en verbinding centraal staan."
            ),
            "mission": "Een centrale plek voor ontmoeting en ontwikkeling.",
            "resources": [
                {
                    "key": "gebouw",
                    "kind": "Gebouw of ruimte",
                    "description": (
                        "Het drempelvrije GroeiHuis, naast school, gymzaal (bewegingshuis), "
                        "multifunctioneel sportveld en natuurlijk speelterrein"
                    ),
                },
                {
                    "key": "kardeel",
                    "kind": "Partners",
                    "description": (
                        "Stichting Kardeel (aanvrager en bouwheer), architect Moriko Kira, "
                        "Dorpsbelangen Eexterveen, SV SPES, Stichting Dorpscentrum, OBS De "
                        "Kameleon, CMO STAMM"
                    ),
                },
                {
                    "key": "fondsen",
                    "kind": "Geld",
                    "description": (
                        "Oranjefonds, Stichting Doen, VSB Fonds, de Hasselbraam, Leader, "
                        "Energiefonds Drenthe, gemeente Aa en Hunze en provincie Drenthe"
                    ),
                },
                {
                    "key": "vrijwilligers",
                    "kind": "Vrijwilligers",
                    "description": "Vele vrijwilligers uit het dorp",
                },
                {
                    "key": "denkkracht",
                    "kind": "Kennis",
                    "description": (
                        "Denkkracht van inwoners uit brainstormsessies en toekomstateliers in "
                        "Eexterveen en de dorpen eromheen"
                    ),
                },
                {
                    "key": "buiten",
                    "kind": "Materialen",
                    "description": "Speeltoestellen en een tokkelbaan in de buitenruimte",
                },
            ],
            "activities": [
                {
                    "key": "opvang",
                    "name": "Kinderopvang",
                    "description": "Kinderopvang in het GroeiHuis, naast de school.",
                    "frequency": "vanaf voorjaar 2025",
                    "target_group": "jonge kinderen en hun ouders",
                },
                {
                    "key": "lessen",
                    "name": "Lessen en creatieve workshops",
                    "description": "Muziek- en spraaklessen en creatieve workshops.",
                    "frequency": "",
                    "target_group": "kinderen en volwassenen",
                },
                {
                    "key": "bewegen",
                    "name": "Sport en bewegen",
                    "description": (
                        "Bewegen in de gymzaal, op het multifunctionele sportveld, het "
                        "natuurlijke speelterrein en de tokkelbaan."
                    ),
                    "frequency": "",
                    "target_group": "jong en oud",
                },
                {
                    "key": "natuur",
                    "name": "Natuur en duurzaamheid",
                    "description": (
                        "In groepsverband vogelhuisjes bouwen en koken met producten uit de natuur."
                    ),
                    "frequency": "",
                    "target_group": "jong en oud",
                },
                {
                    "key": "generaties",
                    "name": "Activiteiten voor jong en oud samen",
                    "description": (
                        "Gezamenlijke knutselmiddagen, breiworkshops en jeugdmiddagen, waar "
                        "jong en oud elkaar ondersteunen en inspireren."
                    ),
                    "frequency": "",
                    "target_group": "jong en oud, ook mensen met een beperking",
                },
                {
                    "key": "meedenken",
                    "name": "Toekomstateliers en communicatie",
                    "description": (
                        "Inwoners denken mee over het GroeiHuis in toekomstateliers; we houden "
                        "iedereen op de hoogte via lokale media zoals de dorpskrant."
                    ),
                    "frequency": "",
                    "target_group": "inwoners van Eexterveen en omliggende dorpen",
                },
            ],
            "outputs": [
                {
                    "key": "o-opvang",
                    "activity": "opvang",
                    "description": "Kinderen in de kinderopvang",
                    "unit": "kinderen",
                    "example": True,
                    "target": 20,
                },
                {
                    "key": "o-lessen",
                    "activity": "lessen",
                    "description": "Lessen en creatieve workshops",
                    "unit": "lessen en workshops per jaar",
                    "example": True,
                    "target": 30,
                },
                {
                    "key": "o-bewegen",
                    "activity": "bewegen",
                    "description": "Sport- en beweegactiviteiten",
                    "unit": "activiteiten per week",
                    "example": True,
                    "target": 5,
                },
                {
                    "key": "o-natuur",
                    "activity": "natuur",
                    "description": "Natuuractiviteiten, zoals vogelhuisjes bouwen",
                    "unit": "activiteiten per jaar",
                    "example": True,
                    "target": 6,
                },
                {
                    "key": "o-generaties",
                    "activity": "generaties",
                    "description": "Activiteiten voor jong en oud samen",
                    "unit": "activiteiten per jaar",
                    "example": True,
                    "target": 20,
                },
                {
                    "key": "o-ateliers",
                    "activity": "meedenken",
                    "description": "Toekomstateliers met inwoners",
                    "unit": "ateliers per jaar",
                    "example": True,
                    "target": 2,
                },
            ],
            "outcomes": [
                {
                    "key": "opvang-dichtbij",
                    "description": (
                        "Ouders hebben kinderopvang dichtbij, op een toekomstbestendige plek "
                        "naast de school."
                    ),
                    "target_group": "ouders van jonge kinderen",
                    "activities": ["opvang"],
                },
                {
                    "key": "ontmoeten",
                    "description": (
                        "Jong en oud leren elkaar kennen, steunen elkaar en inspireren elkaar."
                    ),
                    "target_group": "inwoners van alle leeftijden",
                    "activities": ["generaties", "lessen", "natuur"],
                },
                {
                    "key": "gezond",
                    "description": "Deelnemers bewegen meer en leven gezonder.",
                    "target_group": "kinderen en volwassenen die meedoen",
                    "activities": ["bewegen", "natuur"],
                },
                {
                    "key": "welkom",
                    "description": "Mensen met een beperking kunnen gewoon meedoen.",
                    "target_group": "mensen met een beperking",
                    "activities": ["generaties", "bewegen"],
                },
                {
                    "key": "betrokken",
                    "description": "Inwoners voelen zich onderdeel van het GroeiHuis.",
                    "target_group": "inwoners van Eexterveen en omliggende dorpen",
                    "activities": ["meedenken"],
                },
            ],
            "impacts": [
                {
                    "key": "verbonden",
                    "description": (
                        "Een sterke, verbonden gemeenschap in Eexterveen en de dorpen eromheen."
                    ),
                    "themes": ["Sociale cohesie"],
                },
                {
                    "key": "vitaliteit",
                    "description": "Een gezonde leefstijl en vitaliteit voor alle leeftijden.",
                    "themes": ["Gezondheid en welzijn"],
                },
                {
                    "key": "iedereen",
                    "description": "Iedereen voelt zich welkom, ook mensen met een beperking.",
                    "themes": ["Gelijke kansen en inclusie"],
                },
                {
                    "key": "samen-maken",
                    "description": (
                        "Inwoners bouwen zelf aan de voorzieningen in hun dorp: ‘je doet het "
                        "niet voor jezelf, maar voor de gemeenschap’."
                    ),
                    "themes": [
                        "Zingeving en eigenaarschap",
                        "Versterking van de lokale democratie",
                    ],
                },
            ],
            "measurement_plans": [
                {
                    "level": "output",
                    "information": "Aantal activiteiten en deelnemers, en kinderen in de opvang",
                    "method": "Registratie van aantallen",
                    "frequency": "bij elke activiteit",
                    "collected_by": "de organisatoren van de activiteiten",
                    "measures": [
                        "o-opvang",
                        "o-lessen",
                        "o-bewegen",
                        "o-natuur",
                        "o-generaties",
                        "o-ateliers",
                    ],
                },
                {
                    "level": "outcome",
                    "information": (
                        "Ontmoeten deelnemers nieuwe mensen? Bewegen ze meer? Kan iedereen meedoen?"
                    ),
                    "method": "Vragenlijst of enquête",
                    "frequency": "één keer per jaar",
                    "collected_by": "Stichting Kardeel met vrijwilligers",
                    "measures": ["opvang-dichtbij", "ontmoeten", "gezond", "welkom"],
                },
                {
                    "level": "outcome",
                    "information": "Wie doen er mee aan activiteiten voor jong en oud, en hoe?",
                    "method": "Observatie",
                    "frequency": "bij activiteiten voor jong en oud",
                    "collected_by": "de organisatoren van de activiteiten",
                    "measures": ["ontmoeten", "welkom", "betrokken"],
                },
                {
                    "level": "impact",
                    "information": (
                        "Verhalen van inwoners over wat het GroeiHuis voor het dorp betekent, "
                        "opgehaald in een toekomstatelier"
                    ),
                    "method": "Persoonlijke verhalen (narratieve methode)",
                    "frequency": "één keer per jaar",
                    "collected_by": "Stichting Kardeel en Dorpsbelangen Eexterveen",
                    "measures": ["verbonden", "vitaliteit", "iedereen", "samen-maken"],
                },
            ],
        },
    },
]


# --- the review ------------------------------------------------------------------------------
# What happened to three of the theories after they were written, so that every screen of
# the review has something real to show. `seed_demo` plays each story through the review
# services, in order, and only on a theory it created in the same run; the other theories
# stay drafts.
#
# "by" is who acts: the `adviseur` account, or the initiative's demo volunteer (its
# coordinator). "when" is (days ago, time of day); the seeder dates every record back to it,
# so the story is spread over the past weeks. "written" is when the content was entered.
# A comment with a "key" starts a thread that a later "reply" names in "thread".
# The texts add no figures: only what the publication says (chapter 3) or the theory holds.

ADVISOR = "adviseur"
VOLUNTEER = "vrijwilliger"

REVIEWS = {
    # Approved five weeks ago: what a finished review looks like, with one handled thread.
    "dorpshuis-smilde": {
        "written": (49, "20:15"),
        "assign_to_advisor": False,
        "events": [
            {
                "action": "submit",
                "by": VOLUNTEER,
                "when": (42, "10:05"),
                "message": (
                    "Hierbij onze verandertheorie voor 2025. We hebben gebruikt wat we in 2023 "
                    "samen met Trendbureau Drenthe over het Dorpshuis hebben uitgezocht."
                ),
            },
            {
                "action": "comment",
                "key": "verhalen",
                "by": ADVISOR,
                "when": (40, "14:20"),
                "step": 10,
                "body": (
                    "Mooi dat jullie elk jaar verhalen van inwoners ophalen in een bijeenkomst "
                    "met de klankbordgroep. Schrijven jullie die verhalen ook op? Dan kun je ze "
                    "later naast de verhalen uit het onderzoek van 2023 leggen en zien wat er "
                    "veranderd is."
                ),
            },
            {
                "action": "reply",
                "thread": "verhalen",
                "by": VOLUNTEER,
                "when": (39, "09:30"),
                "resolve": True,  # "verwerkt": the advisor closes it
                "body": (
                    "Goed idee. We schrijven de verhalen voortaan kort op en bewaren ze bij het "
                    "verslag van de bijeenkomst."
                ),
            },
            {"action": "resolve", "thread": "verhalen", "by": ADVISOR, "when": (36, "16:10")},
            {
                "action": "approve",
                "by": ADVISOR,
                "when": (35, "11:00"),
                "message": (
                    "Goedgekeurd! Het ingelijste feitenblad aan de muur van het Dorpshuis laat "
                    "al zien waar jullie voor gaan en staan. Met deze verandertheorie kunnen "
                    "jullie dat elk jaar opnieuw laten zien, ook aan de gemeente. Veel plezier "
                    "bij het volgende dorpsdiner!"
                ),
            },
        ],
    },
    # Submitted three days ago and waiting: nobody has taken it on yet ("Aan mij toewijzen"),
    # and the advisor has started reading. Step 5 is left for the live demo.
    "dorpsloket-middelstum": {
        "written": (10, "19:45"),
        "assign_to_advisor": False,
        "events": [
            {
                "action": "submit",
                "by": VOLUNTEER,
                "when": (3, "16:40"),
                "message": (
                    "Hallo, hierbij de verandertheorie van het Dorpsloket voor 2025. Over de "
                    "aantallen bij stap 5 twijfelen we nog: dat zijn voorbeeldcijfers. Wil je "
                    "daar ook even naar kijken?"
                ),
            },
            {
                "action": "comment",
                "by": ADVISOR,
                "when": (2, "10:15"),
                "step": 3,
                "body": (
                    "Sterk dat het team van zes en het netwerk van ruim 140 vrijwilligers er "
                    "allebei staan. Voor vervoer vragen jullie een kleine vergoeding. Zijn er "
                    "ook andere kosten, zoals de flyers en de website? Schrijf er gerust bij "
                    "waar dat geld vandaan komt, ook als het om kleine bedragen gaat."
                ),
            },
            {
                "action": "comment",
                "by": ADVISOR,
                "when": (2, "10:32"),
                "step": 6,
                "body": (
                    "Bij stap 1 noemen jullie eenzaamheid, en dat je mensen daar niet zomaar "
                    "naar kunt vragen. Bij de outcomes zie ik het niet terug. Hoort het bij de "
                    "waardevolle, vaak langdurige contacten tussen hulpvragers en "
                    "vrijwilligers? Dan kun je het daar noemen."
                ),
            },
            {
                "action": "comment",
                "by": ADVISOR,
                "when": (2, "10:47"),
                "step": 9,
                "body": (
                    "Het wekelijkse logboek is een mooie bron, vooral om overbelasting bij "
                    "vrijwilligers op tijd te zien. Of hulpvragers zich echt geruster voelen, "
                    "weet je pas als je het ze vraagt. Misschien een paar korte vragen na "
                    "afloop van de hulp?"
                ),
            },
        ],
    },
    # Sent back ten days ago with two comments; the volunteers are working on it.
    "ebbingehof": {
        "written": (21, "20:30"),
        "assign_to_advisor": True,
        "events": [
            {
                "action": "submit",
                "by": VOLUNTEER,
                "when": (14, "20:10"),
                "message": (
                    "Hierbij de verandertheorie van Ebbingehof voor 2025. We zijn benieuwd wat "
                    "je ervan vindt!"
                ),
            },
            {
                "action": "comment",
                "key": "sociale-huur",
                "by": ADVISOR,
                "when": (11, "09:40"),
                "step": 5,
                "body": (
                    "De 25% sociale huur is een mooi gegeven, maar het is een kenmerk van het "
                    "gebouw, geen resultaat van de selectie in één jaar. Past het beter bij "
                    "stap 3, bij het woongebouw? Bij de selectie kun je dan de "
                    "kennismakingsgesprekken laten staan."
                ),
            },
            {
                "action": "comment",
                "by": ADVISOR,
                "when": (11, "09:55"),
                "step": 9,
                "body": (
                    "Een jaarlijks interview door het bestuur is een goed begin. Spreken jullie "
                    "alle bewoners, of een paar? En hoe zorgen jullie dat bewoners ook kunnen "
                    "vertellen wat minder goed gaat? Bij stap 6 noemen jullie juist de minder "
                    "prettige kanten als deel van een echte gemeenschap."
                ),
            },
            {
                "action": "request_changes",
                "by": ADVISOR,
                "when": (10, "10:05"),
                "message": (
                    "Dank jullie wel, dit is al een heel eind! Willen jullie nog kijken naar "
                    "mijn opmerkingen bij stap 5 en stap 9? Dien de verandertheorie daarna "
                    "opnieuw in, dan kijk ik er graag weer naar."
                ),
            },
            {
                "action": "reply",
                "thread": "sociale-huur",
                "by": VOLUNTEER,
                "when": (8, "19:30"),
                "body": (
                    "Daar zit wat in. We bespreken het in de volgende vergadering van de "
                    "vereniging en zetten het daarna bij stap 3."
                ),
            },
        ],
    },
}

# The "kort gezegd" line of each link of the chain (steps 1 to 7), as each initiative would
# write it for its fact sheet: one plain line (at most 90 characters) from its own answers.
SHORT_LINES = {
    "dorpsloket-middelstum": {
        "problem": (
            "Inwoners lopen vast op kleine klussen, papieren en "
            "vervoer; hun kinderen wonen ver weg."
        ),
        "goal": "Iedereen kan levenslang in het eigen dorp blijven wonen.",
        "input": "Een klein team, ruim honderd vrijwilligers, de dorpscoöperatie en partners.",
        "activities": (
            "Hulpvragen koppelen, vervoer, klussen, gezelschap, pc-hulp en rolstoelen uitlenen."
        ),
        "output": (
            "Hulpvragen met een passende vrijwilliger, ritten, klussen en uitgeleende rolstoelen."
        ),
        "outcome": "Hulpvragers houden alles op orde en voelen zich gerust: er is altijd iemand.",
        "impact": "Noaberschap: inwoners kijken naar elkaar om en blijven in hun dorp wonen.",
    },
    "dorpshuis-smilde": {
        "problem": (
            "Er was geen plek waar inwoners van de Smildes elkaar ontmoeten en steun vinden."
        ),
        "goal": "Een dorpshuis waar iedereen erbij hoort, meedoet en ertoe doet.",
        "input": (
            "Een pand, een bestuur en klankbordgroep van inwoners, een opbouwwerker en partners."
        ),
        "activities": "Dorpsdiner, voedselbank, weggeefwinkel, workshops en een jeugdsoos.",
        "output": "Dorpsdiners met gasten aan tafel, uitgiftes van de voedselbank en bezoekers.",
        "outcome": "Inwoners leren elkaar kennen en krijgen dichtbij steun als het krap is.",
        "impact": "Meer verbinding in het dorp, en iedereen hoort erbij, ook met weinig geld.",
    },
    "ebbingehof": {
        "problem": "Ouder worden kan eenzaam zijn als je alleen woont.",
        "goal": "Samen wonen en samen leven, met privacy en buren die voor elkaar klaarstaan.",
        "input": "Het woongebouw, de Hofkamer en bewoners die alles zelf regelen.",
        "activities": (
            "Zorgvuldige selectie van nieuwe bewoners, yoga, een eetclub en schoonmaakdiensten."
        ),
        "output": "Woningen met sociale huur, kennismakingsgesprekken, yogalessen en maaltijden.",
        "outcome": "Bewoners voelen zich minder alleen en kennen elkaar echt.",
        "impact": "Een hechte gemeenschap waarin bewoners gezond en gelukkig ouder worden.",
    },
    "odensehuis-meppel-westerveld": {
        "problem": "Mensen met dementie en hun mantelzorgers kunnen nergens zomaar binnenlopen.",
        "goal": "Een open plek waar mensen met dementie en hun naasten zich thuis voelen.",
        "input": "Locaties in Meppel en Havelte, vrijwilligers, een coördinator en subsidies.",
        "activities": (
            "Vrije inloop met koffie, samen lunchen, spelletjes en ruimte voor mantelzorgers."
        ),
        "output": "Vaste bezoekers, open dagen per locatie en mantelzorgers die langskomen.",
        "outcome": "Bezoekers voelen zich thuis en houden regie; mantelzorgers komen op adem.",
        "impact": "Mensen met geheugenproblemen blijven langer zelfstandig en voelen zich welkom.",
    },
    "welzijn-westerwolde": {
        "problem": "Niet iedereen in Westerwolde kan vanzelf meedoen of lang thuis blijven wonen.",
        "goal": "Een sterke gemeenschap waarin iedereen volwaardig kan meedoen.",
        "input": "Vrijwilligers, medewerkers in het sociaal werk, de Steunstees en de gemeente.",
        "activities": (
            "Initiatieven steunen, gezinscoaching, mantelzorgsteun, hulpdiensten en inburgering."
        ),
        "output": "Ondersteunde initiatieven, gezinnen, mantelzorgers en opgepakte hulpvragen.",
        "outcome": "Inwoners kennen elkaar, weten waar ze terechtkunnen en houden het vol.",
        "impact": "Een leefbare, inclusieve samenleving waarin mensen langer thuis wonen.",
    },
    "groeihuis-eexterveen": {
        "problem": "Het dorp mist kinderopvang en een centrale plek voor jong en oud.",
        "goal": "Een drempelvrije plek waar jong en oud samen leren, bewegen en elkaar ontmoeten.",
        "input": "Het GroeiHuis naast de school, Stichting Kardeel, fondsen en veel vrijwilligers.",
        "activities": (
            "Kinderopvang, lessen en workshops, sport, natuur en activiteiten voor jong en oud."
        ),
        "output": (
            "Kinderen in de opvang, workshops, sport- en natuuractiviteiten en toekomstateliers."
        ),
        "outcome": "Jong en oud leren elkaar kennen, bewegen meer en iedereen doet mee.",
        "impact": "Een sterke, gezonde gemeenschap die zelf bouwt aan haar voorzieningen.",
    },
}


# Demo stories, written after the case texts of chapter 3 of the publication (no real
# person's words, except the quotes the fact sheets carried before stories existed, which
# are the publication's). Every story is marked as a demo story in its text. `outcomes`
# and `impacts` (optional) are row keys; `scope` is where it may appear (0 intern …
# 3 openbaar), with a consent given by `given_by` in the way `form` says; `on_sheet` makes
# its quote the sheet's.
DEMO_STORY_MARK = "(Demo-verhaal, geschreven naar de beschrijving in de publicatie.)"
STORIES = {
    "dorpsloket-middelstum": [
        {
            "text": "Een vrijwilliger over een oudere inwoner die het dorpsloket belde omdat de "
            "tuin te veel werd. Een buurman kwam langs, hielp met snoeien en bleef voor een "
            "kop koffie. Nu komt ze elke week naar de soos. Zo zegt MiddelSoam het zelf: „De "
            "zorg die je nodig hebt, gewoon van de buren.”",
            "teller_role": "volunteer",
            "collected_on": "2025-05-14",
            "method": "conversation",
            "outcomes": ["zelfstandig"],
            "impacts": ["levenslang"],
            "quote": "De zorg die je nodig hebt, gewoon van de buren.",
            "scope": 3,
            "given_by": "person",
            "form": "verbal",
            "on_sheet": True,
        },
        {
            "text": "Een mantelzorger vertelde dat ze rustiger slaapt sinds ze weet dat het "
            "dorpsloket haar vader ook bezoekt als zij op vakantie is.",
            "teller_role": "carer",
            "collected_on": "2025-08-02",
            "method": "interview",
            "outcomes": ["gerust"],
            "impacts": ["noaberschap"],
            "quote": "Ik weet dat er iemand langsgaat als ik er niet ben.",
            "scope": 1,
            "given_by": "person",
            "form": "verbal",
        },
    ],
    "dorpshuis-smilde": [
        {
            "text": "Een opbouwwerker over het maken van de verandertheorie met het bestuur: "
            "„We weten nu waar we voor gaan en staan.”",
            "teller_role": "professional",
            "collected_on": "2025-03-10",
            "method": "conversation",
            "outcomes": ["saamhorigheid"],
            "impacts": ["ertoe-doen"],
            "quote": "We weten nu waar we voor gaan en staan.",
            "scope": 3,
            "given_by": "person",
            "form": "verbal",
            "on_sheet": True,
        },
        {
            "text": "Een bezoeker van het dorpsdiner vertelde dat ze na het overlijden van haar "
            "man bijna niet meer buiten kwam. Aan tafel leerde ze buren kennen; nu helpt ze "
            "zelf mee met koken.",
            "teller_role": "participant",
            "collected_on": "2025-06-20",
            "method": "conversation",
            "outcomes": ["saamhorigheid", "steun"],
            "impacts": ["erbij-horen"],
            "quote": "Aan tafel leerde ik mijn buren pas echt kennen.",
            "scope": 2,
            "given_by": "person",
            "form": "verbal",
        },
        {
            "text": "Een vrijwilliger van de voedselbank zag dat gezinnen na een paar weken "
            "ook naar de koffieochtend kwamen. Namen schrijven we hier niet op.",
            "teller_role": "volunteer",
            "collected_on": "2025-09-05",
            "method": "observation",
            "outcomes": ["steun"],
            "quote": "",
            "scope": 0,
        },
    ],
    "ebbingehof": [
        {
            "text": "Een bewoner vertelde dat ze zich hier minder alleen voelt: er is altijd "
            "iemand in de gemeenschappelijke tuin om even mee te praten.",
            "teller_role": "participant",
            "collected_on": "2025-04-18",
            "method": "interview",
            "outcomes": ["minder-alleen"],
            "impacts": ["gelukkig-oud"],
            "quote": "Er is altijd iemand in de tuin om even mee te praten.",
            "scope": 2,
            "given_by": "person",
            "form": "verbal",
            "on_sheet": True,
        },
        {
            "text": "Een jonge bewoner in een sociale huurwoning helpt een oudere buurvrouw met "
            "boodschappen; zij past op zijn kat als hij weg is.",
            "teller_role": "resident",
            "collected_on": "2025-07-01",
            "method": "conversation",
            "outcomes": ["geborgenheid"],
            "quote": "",
            "scope": 1,
            "given_by": "person",
            "form": "verbal",
        },
    ],
    "odensehuis-meppel-westerveld": [
        {
            "text": "Een bezoeker met beginnende dementie komt elke week. Hij haalt zelf koffie "
            "voor anderen en helpt met de afwas. Zijn vrouw vertelt dat hij thuis vaker "
            "vertelt over wat hij heeft gedaan.",
            "teller_role": "carer",
            "collected_on": "2025-05-22",
            "method": "conversation",
            "outcomes": ["zelfregie"],
            "impacts": ["zingeving"],
            "quote": "Hier mag hij gewoon zichzelf zijn.",
            "scope": 0,
        },
        {
            "text": "Een mantelzorger blijft komen na het overlijden van haar man: het "
            "Odensehuis is voor haar een gemeenschap geworden.",
            "teller_role": "carer",
            "collected_on": "2025-03-12",
            "method": "interview",
            "outcomes": ["thuis"],
            "impacts": ["welkom"],
            "quote": "Ik kom nog steeds, want hier hoor ik erbij.",
            "scope": 1,
            "given_by": "person",
            "form": "verbal",
        },
    ],
    "welzijn-westerwolde": [
        {
            "text": "Een medewerker over de verandertheorie: „Het maakt ook duidelijk waarom we "
            "doen wat we doen of organiseren.”",
            "teller_role": "professional",
            "collected_on": "2025-02-11",
            "method": "conversation",
            "outcomes": ["omzien"],
            "quote": "Het maakt ook duidelijk waarom we doen wat we doen of organiseren.",
            "scope": 3,
            "given_by": "person",
            "form": "verbal",
            "on_sheet": True,
        },
        {
            "text": "Een gezin kreeg hulp bij de administratie van een vrijwillige hulpverlener. "
            "Aan het eind van het traject zei de moeder dat ze weer overzicht heeft.",
            "teller_role": "participant",
            "collected_on": "2025-10-01",
            "method": "survey",
            "outcomes": ["opgroeien"],
            "impacts": ["ontwikkelen"],
            "quote": "Ik heb weer overzicht.",
            "scope": 2,
            "given_by": "person",
            "form": "verbal",
        },
    ],
    "groeihuis-eexterveen": [
        {
            "text": "Een moeder vertelde dat ze haar kind nu dichtbij kan brengen, zodat ze "
            "niet meer naar de stad hoeft voor de opvang.",
            "teller_role": "participant",
            "collected_on": "2025-06-03",
            "method": "conversation",
            "outcomes": ["opvang-dichtbij"],
            "quote": "Ik hoef niet meer naar de stad voor de opvang.",
            "scope": 0,
        },
    ],
}
