"""Convert the PETRARCH2 dictionaries into kg's own lexicon tables.

usage: python ontology/sources/petrarch.py PETRARCH2_DICTIONARY_FOLDER

Reads `CAMEO.2.0.txt` (verb synonym blocks and patterns with CAMEO codes) and
`Phoenix.agents.txt` (nouns for kinds of actors with sector codes) and writes, beside
this project's other lexicons:

- `lexicon/cameo_verbs.tsv`: verb lemma, its block, the words a multi-word verb needs,
  its CAMEO code and the kg relation that code maps to (empty: no event);
- `lexicon/cameo_patterns.tsv`: per block, the words and preposition a pattern needs,
  whether the preposition's object is the target, its code and relation, and whether the
  event goes from that object to the verb's subject (CAMEO's `[:code]`: `received a loan from`);
- `lexicon/agents.tsv`: actor noun, actor kind (military, police, rebels ...), sector code;
- `lexicon/PETRARCH2-LICENSE.txt`: the source's licence notice and commit.

CAMEO codes map to relations through the `cameo` column of `relations.tsv`: the code itself,
else its three-digit parent, else its family (`1123` -> `112` -> `11`), through FAMILIES for
the families whose relation does not carry the family's own code. Codes of intent (`03x`)
map to the relation intended, with modality `planned`. Only rows kg can use are kept.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

SOURCE_COMMIT = "676801cd"  # openeventdata/petrarch2, petrarch2/data/dictionaries/
ONTOLOGY = Path(__file__).resolve().parent.parent

# CAMEO family -> the kg relation that stands for the whole family (PLOVER's grouping:
# appeals and demands are DEMAND, disapproval is DISAPPROVE, mass violence is ASSAULT ...).
FAMILIES = {
    "02": "demanded", "04": "met_with", "06": "cooperates_with", "07": "provided_aid_to",
    "09": "investigated", "10": "demanded", "11": "criticized", "12": "rejected", "13": "threatened",
    "14": "protested", "15": "exhibited_force_toward", "16": "reduced_relations_with", "17": "coerced",
    "18": "attacked", "19": "attacked", "20": "attacked",
}
# CAMEO 19 (use conventional military force) is directed: X shells Y. kg's fought_with (code
# 190) is the mutual combat of MUTUAL_VERBS; every other 19x code is an attack.
DIRECTED = {"19": "attacked"}
# When several relations carry one code, the general one.
SHARED_CODES = {"163": "imposed_sanctions_on"}
# Intent codes (03x): the code of the action intended.
INTENTS = {"031": "060", "0311": "0311", "0312": "060", "033": "070", "0331": "070", "0332": "070",
           "0333": "070", "0334": "070", "0343": "0841", "0344": "085", "036": "036", "039": "045"}
# Sector codes of Phoenix.agents.txt -> actor kind kept on a statement.
KINDS = {"MIL": "military", "COP": "police", "REB": "rebels", "INS": "rebels", "UAF": "armed group",
         "OPP": "opposition", "GOV": "officials", "LEG": "legislators", "JUD": "judiciary",
         "REF": "refugees", "SPY": "intelligence", "CVL": "civilians", "PPL": "civilians",
         "MED": "media", "BUS": "business", "LAB": "labour", "EDU": "students", "HRI": "activists",
         "NGM": "activists", "CRM": "criminals", "ELI": "elites", "AGR": "farmers", "HLH": "medical",
         "REL": "religious", "MUS": "religious", "CHR": "religious", "JEW": "religious", "HIN": "religious",
         "BUD": "religious"}
# Verbs of CAMEO's broad synonym blocks that are too general to carry an event on their own
# (`die`, `consider`, `increase`, `hurt`); their patterns (`* (AGAINST +)`) still count.
GENERAL_VERBS = set("""
be have do make take get give go come say tell put set see keep hold show bring run turn leave find
let use work play move open lead pass carry
accord add administer allocate allot amplify apportion assign attach augment award benefit bequeath
bestow better blend bind chain coalesce combine command compound conduct conflate connect constitute
control deepen dictate direct ease enact endow enhance enjoin enlarge enlist enroll entrust escalate
establish exaggerate exchange expand expediate facilitate found fuse govern grant handle head heighten
improve increase institute intensify issue lend link loan magnify manage merge mitigate oversee
prescribe provide redouble regulate relate rule serve simplify steer supervise supervize supply swap
task trade unify abate ameliorate appease assuage import buy purchase invest pay attire furnish gear
outfit render stock tender assist aid
amass approach arrive assemble cable cluster communicate conglomerate congregate conjoin constellate
consider contemplate converge depart discuss egress embark excogitate flock gather hear huddle
innovate insert interact introduce join journey learn meditate mull muse ponder promulgate reason
reconsider ruminate speculate think tour touring travel unite weigh acquaint apprise apprize elicit
notify summon debate brave face convene attend
affirm admire celebrate clap commemorate greet honor honour recognise recognize respect reward salute
toast bless sanctify cheer embolden enliven galvanize inspire invigorate reassure revitalize rouse
spur favor favour prefer exalt glorify legitimise legitimize reassert esteem prize value thank
apply desire hope advise advocate counsel hint propose recommend suggest solicit decree bid campaign
clamor clamour crusade necessitate need insist
express allege aver avow claim swear blaspheme despair disappoint discourage dishearten dismay sadden
suspect cry grieve mourn wail weep whine slight argue compete contend contrast contravene counter
counterbalance differ debase defile degrade humble grill renounce dismiss compensate
endanger risk caution
evacuate contribute interfere intervene stabilise stabilize tend ward guard
abort disband rescind disarray disorder countermine
defect fail defer delay forestall hamper hinder impede inhibit obstruct postpone prevent
procrastinate remit retard shelve stall stymie table override
search analyse ascertain audit check examine explore research study comb dig mine rake scan skim
sweep unearth reexamine
agitate agonise agonize annoy badger bother discomfit disconcert disquiet disturb harry hassle irk
irritate pester plague rag torment upset vex arouse enkindle
contaminate corrupt crack damage harm hurt impair mar rip spoil tarnish tear vitiate lash cane flog
whip kick wrestle bruise overthrow
cage contain enclose restrict withhold exclude shun compel enforce force impel reinforce bill impose
inflict levy moderate curb constrain restrain catch extract pluck pull overturn revolutionise
revolutionize appropriate tax infest inhabit reside loot
beat best break bust defeat dominate master overcome overshadow overtake surmount die circle ring
engage blow fire conflict match pit quarrel struggle blast hammer hit pound ram thump hang target
ruin crush shatter smash overwhelm flatten disarm confront encourage
""".split())
# Verbs of mutual combat: fought_with (symmetric) rather than attacked (directed).
MUTUAL_VERBS = {"clash", "battle", "fight", "duel", "skirmish", "combat", "altercate", "grapple"}


def relation_for(code: str, codes: dict[str, str]) -> tuple[str, str]:
    """(relation, modality) for a CAMEO code; ('', '') when kg has no relation for it."""
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return "", ""
    modality = ""
    if code.startswith("03"):
        intended = INTENTS.get(code) or INTENTS.get(code[:3])
        if intended is None:
            return "", ""
        code, modality = intended, "planned" if intended != "036" else ""
    if code[:2] in DIRECTED:
        return DIRECTED[code[:2]], modality
    for candidate in (code, code[:3]):
        if candidate in SHARED_CODES:
            return SHARED_CODES[candidate], modality
        if candidate in codes:
            return codes[candidate], modality
    family = FAMILIES.get(code[:2], "")
    return family, modality if family else ""


def relation_codes(relations: Path) -> dict[str, str]:
    with open(relations, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        codes: dict[str, str] = {}
        for row in rows:
            if row["cameo"]:
                codes.setdefault(row["cameo"], row["relation"])
    return codes


def words(phrase: str) -> list[str]:
    return [w for w in phrase.lower().replace("_", " ").split() if w]


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """`&NAME` -> the head word (last word) of each of its phrases, lower case."""
    synsets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        line = line.split("#")[0].rstrip()
        if line.startswith("&"):
            current = line[1:].strip().rstrip("_")
            synsets[current] = []
        elif line.startswith("+") and current:
            phrase = words(line[1:].strip().rstrip("_"))
            if phrase:
                synsets[current].append(phrase[-1])
        elif line.startswith("---"):
            break
    return synsets


def read_prepositions(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return {w.strip().lower() for w in text.split("\n") if w.strip() and not w.startswith("#")}


def expand(word: str, synsets: dict[str, list[str]]) -> list[str]:
    if word.startswith("&"):
        return synsets.get(word[1:].upper().rstrip("_"), [])
    return [word.strip("{}()").replace("_", " ").split()[-1].lower()] if word.strip("{}()") else []


def parse_pattern(text: str, synsets: dict[str, list[str]], prepositions: set[str]
                  ) -> tuple[list[str], str, bool] | None:
    """(words any of which must be near the verb, preposition, whether its object is the target).

    Only patterns with nothing before the verb and one noun element after it are kept: the words
    before it constrain the source, which kg finds from the parse, and a second noun would narrow
    the pattern beyond what kg checks. The noun element (a noun or a preposition's noun, by its head
    word) gives the words; the first preposition gives the preposition.
    """
    before, _, after = text.partition("*")
    if not _ or re.sub(r"[$+]", "", before).strip():
        return None
    after = re.sub(r"\{([^}]*)\}", lambda m: m.group(1).split()[-1] if m.group(1).split() else "", after)
    tokens = re.findall(r"\(|\)|[^\s()]+", after)
    found: list[str] = []
    preposition, target, in_phrase = "", False, False
    for token in tokens:
        if token == "(":
            in_phrase = True
        elif token == ")":
            in_phrase = False
        elif token in ("+", "$"):
            if token == "+" and preposition and in_phrase:
                target = True
        elif token.lower() in prepositions and not found and not preposition:
            preposition = token.lower()
        elif token.lower() in prepositions:
            continue
        elif token.startswith(("^", "%")):
            continue
        elif found:
            return None  # `* TALKS (ON CONTRACT)`: a second word kg does not check would widen the pattern
        else:
            found = expand(token, synsets)
            if not found:
                return None
    if preposition and not found:
        target = True  # `* (AGAINST)`: the target follows the preposition
    return found, preposition, target


def read_verbs(path: Path, prepositions: set[str], codes: dict[str, str]
               ) -> tuple[list[tuple], list[tuple]]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    verbs: list[tuple] = []
    patterns: list[tuple] = []
    block, block_code = "", ""
    for raw in lines:
        line = raw.split("#")[0].rstrip()
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if header:
            block, block_code = header.group(1).lower().rstrip("_"), header.group(2)
            continue
        if not block or not line.strip() or line.startswith(("&", "~")):
            continue
        code_match = re.search(r"\[([^\]]*)\]", line)
        code = code_match.group(1).strip() if code_match else ""
        if line.startswith("-"):
            parsed = parse_pattern(line[1:code_match.start() if code_match else None], synsets, prepositions)
            if parsed is None:
                continue
            needed, preposition, target = parsed
            # `[:071]`: the event goes the other way, from the target to the subject (`received a loan`)
            reversed_ = code.startswith(":")
            code = code.lstrip(":")
            relation, modality = relation_for(code, codes)
            patterns.append((block, "|".join(dict.fromkeys(needed)), preposition,
                             "yes" if target else "", code.split(":")[0], relation, modality,
                             "yes" if reversed_ else ""))
            continue
        entry = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", line).strip()
        phrase = entry.split()[0] if entry.split() else ""
        parts = phrase.split("_")
        verb = next((p for p in parts if p.startswith("+")), parts[0]).lstrip("+").lower()
        rest = [p.lstrip("+").lower() for p in parts if p.lstrip("+").lower() != verb]
        if not verb.isalpha():
            continue
        code = code or block_code
        relation, modality = relation_for(code, codes)
        if verb in GENERAL_VERBS and not rest or rest and code[:2] in ("04", "06"):
            relation, modality = "", ""
        elif verb in MUTUAL_VERBS and relation == "attacked":
            relation = codes.get("190", relation)
        verbs.append((verb, block, " ".join(rest), code.split(":")[0], relation, modality))
    return verbs, patterns


def reverse_consistently(patterns: list[tuple]) -> list[tuple]:
    """Where most of a block's patterns of one code family go from the target to the subject
    (`received a loan`, `received tanks`), its other patterns of that family without a target
    preposition do too: CAMEO 2.0 marks some of them plainly (`received military aid [072]`)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for block, _, _, target, code, relation, _, reversed_ in patterns:
        if relation and not target:
            counts.setdefault((block, code[:2]), [0, 0])[bool(reversed_)] += 1
    return [(*p[:7], "yes") if not p[3] and p[5] and (n := counts[(p[0], p[4][:2])])[1] > n[0] else p
            for p in patterns]


def keep(verbs: list[tuple], patterns: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Rows kg can use: verbs that name an event or whose block's patterns do; no duplicates."""
    useful_blocks = {p[0] for p in patterns if p[5]} | {v[1] for v in verbs if v[4]}
    verbs = list(dict.fromkeys(v for v in verbs if v[1] in useful_blocks))
    has_event = {v[1] for v in verbs if v[4]}
    patterns = list(dict.fromkeys(p for p in patterns if p[0] in {v[1] for v in verbs} and (
        p[5] or p[0] in has_event)))
    return verbs, patterns


def read_agents(path: Path) -> list[tuple[str, str, str]]:
    """(noun, kind, sector code) for every agent noun whose sector kg keeps as an actor kind."""
    rows: list[tuple[str, str, str]] = []
    substitutions: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].strip()
        sub = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if sub:
            substitutions[sub.group(1)] = [w.strip().lower() for w in sub.group(2).split(",")]
            continue
        match = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})", line)
        if not match:
            continue
        phrase, plural, sector = match.group(1).strip().lower(), match.group(2), match.group(3)
        kind = KINDS.get(sector)
        if kind is None:
            continue
        marker = re.search(r"!(\w+)!", phrase)
        forms = [phrase.replace(marker.group(0), w) for w in substitutions.get(marker.group(1).upper(), [])] \
            if marker else [phrase]
        for form in forms:
            form = form.replace("_", " ").strip()
            if not re.fullmatch(r"[a-z][a-z' -]*", form):
                continue
            rows.append((form, kind, sector))
            if not marker and plural is None:
                rows.append((plural_of(form), kind, sector))
            elif plural and plural.strip("{} "):
                rows += [(p.replace("_", " ").lower(), kind, sector) for p in plural.strip("{} ").split()]
    return list(dict.fromkeys(rows))


def plural_of(noun: str) -> str:
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ss", "sh", "ch", "x")) else "s")


def write(path: Path, header: list[str], rows: list[tuple]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def main(source: Path) -> None:
    codes = relation_codes(ONTOLOGY / "relations.tsv")
    prepositions = read_prepositions(source / "Phoenix.prepositions.txt")
    verbs, patterns = read_verbs(source / "CAMEO.2.0.txt", prepositions, codes)
    verbs, patterns = keep(verbs, reverse_consistently(patterns))
    lexicon = ONTOLOGY / "lexicon"
    write(lexicon / "cameo_verbs.tsv", ["lemma", "block", "words", "cameo", "relation", "modality"], verbs)
    write(lexicon / "cameo_patterns.tsv",
          ["block", "words", "preposition", "target", "cameo", "relation", "modality", "reversed"], patterns)
    write(lexicon / "agents.tsv", ["noun", "kind", "sector"], read_agents(source / "Phoenix.agents.txt"))
    notice = (f"cameo_verbs.tsv, cameo_patterns.tsv and agents.tsv are converted by ontology/sources/petrarch.py\n"
              f"from the PETRARCH2 dictionaries (openeventdata/petrarch2, commit {SOURCE_COMMIT},\n"
              f"petrarch2/data/dictionaries/), under this licence:\n\n")
    (lexicon / "PETRARCH2-LICENSE.txt").write_text(notice + (source / "LICENSE").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    print(f"{len(verbs)} verbs, {len(patterns)} patterns written to {lexicon}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    main(Path(sys.argv[1]))
