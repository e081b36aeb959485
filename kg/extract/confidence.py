"""The confidence factors of extraction, in one table.

A statement's confidence starts from its trigger's (`ontology/lexicon/triggers.tsv`) or from a
reader's base below, and is multiplied by a factor for each less certain step that reached an
argument; the result is capped at `CEILING`.
"""

CEILING = 0.99  # no extracted statement is certain

# Bases of the structural readers.
TITLE_BEFORE_NAME = 0.9  # `U.S. President Donald Trump`
TITLE_IN_APPOSITION = 0.85  # `Donald Trump, the U.S. president`
TITLE_BY_VERB = 0.85  # `X became the first President of Y`
LEADS = 0.8  # `X heads the IMF`, `Hamas, led by X`
ELECTION_WON = 0.75  # `X won the presidential election in Chile`
TENURE = 0.8  # `during the presidency of Ronald Reagan`
GOVERNMENT_OF = 0.75  # `Yeltsin's administration`: the office is the one the person is known by
WON_FROM = 0.7  # `X ran for governor, losing to Y`: Y won it
TITLE_OF_POSSESSOR = 0.8  # `her first trip as Secretary of State`
CAPITAL = 0.85  # `Nairobi, the capital of Kenya`
CAPITAL_MOVED = 0.75  # `the Chinese government moved to Chongqing`: the capital from then
CAPITAL_OF_SENTENCE_REGION = 0.8  # `a city in Punjab, near the provincial capital of Lahore`: Punjab's
NEAR_NAME = 0.8  # an argument named by a misspelling of a country's name: `Quatar`
TITLE_FROM_DOCUMENT = 0.75  # a title naming no country, held in the country the document is about
TITLE_FROM_SENTENCE = 0.8  # nor in one the document is about: in the one country its sentence names
VISIT_BY_PLACE = 0.6  # `Trump told reporters in Tokyo`: he was in Tokyo
CITY_IN_COUNTRY = 0.8  # `Busan, South Korea`
MEMBER_BEFORE_NAME = 0.85  # `NATO-member Norway`, `Labour leader Keir Starmer`
MEMBERSHIP_ENDED = 0.8  # `Chad withdrew from the African Union`: not a member now
MEMBERSHIP_BEGUN = 0.7  # `Chad joined the African Union`
MEMBERS_LISTED = 0.8  # `Mercosur comprises A and B`, `the G7 is a group of seven countries, A, B ...`

CAMEO_VERB = 0.7  # a verb of the converted CAMEO dictionary, by its own code
CAMEO_PATTERN = 0.72  # a CAMEO verb with one of its patterns (`struck a deal`, `called on X`)

# Factors on a trigger's confidence.
HEADLINE = 0.9  # a headline's parse is less reliable
TITLE_LINE = 0.8  # any statement of a title line (no final punctuation): clipped grammar, names cut short
HEADLINE_FIRST_NAME = 0.8  # a headline's subject taken as its first name
UNREALIZED = 0.85  # a planned or possible statement: it has not happened, and its arguments are often guessed
BOTH_SIDES_NAMED = 0.9  # `the pact between A and B`: a noun naming both sides, no verb saying it was made
JOINT_SUBJECTS = 0.9  # `A, B and C negotiated`: each pair of a symmetric verb's subjects
RESOLVED_ARGUMENT = 0.9  # an argument reached through a pronoun or a role noun
SENTENCE_SUBJECT = 0.6  # a noun trigger without a subject of its own takes the sentence's
OTHER_ACTOR = 0.55  # no object named: the one other actor of the sentence
PLACE_TARGET = 0.6  # no target named: the country of the place the event happens in
PLACE_SOURCE = 0.55  # no one named doing a violent or coercive event: the country of the place it happens in
APPOSITION_SUBJECT = 0.9  # a noun trigger beside a name: `Japan, a close ally`
PARTICIPLE_AGENT = 0.9  # `the attack, conducted by X`: the doer named by a participle after the event noun
RECIPIENT_SUBJECT = 0.9  # `invited X for talks`: X talks
CARRIER_SUBJECT = 0.95  # a noun trigger's subject is its carrier verb's: `Japan offered a pledge`
RELATIVE_CLAUSE_SUBJECT = 0.9  # the noun a relative clause hangs from
INHERITED_SUBJECT_STEP = 0.95  # per step up an xcomp/conj/advcl chain to a subject
