"""Word lists of the attribution package, read once from the data files in `lexicon/`.

Each list is a text file, one entry a line (`#` starts a comment line): `words` files hold words or
phrases; `pairs` files hold `key: value` (a value of `-` is None); `forms` files hold
`lemma: form form ...`. Edit the files, not this module.
"""

from __future__ import annotations

from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("lexicon", f"{name}.txt").read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def words(name: str) -> frozenset[str]:
    """The entries of a words file."""
    return frozenset(_lines(name))


def _split(line: str) -> tuple[str, str]:
    key, _, value = line.partition(": ")
    return key, value.strip()


def pairs(name: str) -> dict[str, str]:
    """`key: value` lines, in file order."""
    return dict(_split(ln) for ln in _lines(name))


def optional_pairs(name: str) -> dict[str, str | None]:
    """`key: value` lines, a value of `-` read as None."""
    return {k: (None if v == "-" else v) for k, v in map(_split, _lines(name))}


def forms(name: str) -> dict[str, tuple[str, ...]]:
    """`lemma: form form ...` lines, in file order."""
    return {k: tuple(v.split()) for k, v in map(_split, _lines(name))}


ABBREV: frozenset[str] = words("abbrev")
TITLE_ABBREV: dict[str, str | None] = optional_pairs("title_abbrev")
SAY_FORMS: dict[str, tuple[str, ...]] = forms("say_forms")
QUOTE_ONLY_FORMS: dict[str, tuple[str, ...]] = forms("quote_only_forms")
WEAK_FORMS: dict[str, tuple[str, ...]] = forms("weak_forms")
NOUNY_CUES: frozenset[str] = words("nouny_cues")
THAT_ONLY: frozenset[str] = words("that_only")
ING_CUES: frozenset[str] = words("ing_cues")
PHRASE_CUES: dict[str, str] = pairs("phrase_cues")
PRONOUNS: dict[str, str] = pairs("pronouns")
ADV_AUX: frozenset[str] = words("adv_aux")
LY_NOUNS: frozenset[str] = words("ly_nouns")
WEEKDAYS: frozenset[str] = words("weekdays")
MONTHS: frozenset[str] = words("months")
NEGATIONS: frozenset[str] = words("negations")
TITLES: frozenset[str] = words("titles")
GROUP_HEADS: frozenset[str] = words("group_heads")
ORG_HEADS: frozenset[str] = words("org_heads") | GROUP_HEADS
ORG_WORDS: frozenset[str] = ORG_HEADS | words("org_words")
ROLE_NOUNS: frozenset[str] = words("role_nouns")
ROLE_STRONG: frozenset[str] = words("role_strong")
ORG_NOUNS: frozenset[str] = words("org_nouns")
DOC_NOUNS: frozenset[str] = words("doc_nouns")
MEDIA: frozenset[str] = words("media")
MEDIA_WORDS: frozenset[str] = words("media_words")
PLACES: frozenset[str] = words("places")
FIRST_M: frozenset[str] = words("first_m")
FIRST_F: frozenset[str] = words("first_f")
FUNC_CAPS: frozenset[str] = words("func_caps")
PREPS: frozenset[str] = words("preps")
RELATIVE: frozenset[str] = words("relative")
PARTY_WORDS: frozenset[str] = words("party_words")
CORE_FUNC: frozenset[str] = words("core_func")
GENERIC_NOUNS: frozenset[str] = words("generic_nouns")
LEAD_FUNC: frozenset[str] = words("lead_func")
NOT_NAME_LEADS: frozenset[str] = words("not_name_leads")
PHOTO_CREDITS: frozenset[str] = words("photo_credits")
VERBISH: frozenset[str] = words("verbish")
SUFFIXES: frozenset[str] = words("suffixes")
PARTICLES: frozenset[str] = words("particles")
CONNECTORS: frozenset[str] = words("connectors")
ADVERBIAL_OPENERS: frozenset[str] = words("adverbial_openers")
TITLE_SMALL: frozenset[str] = words("title_small")
OBJECT_CUES: frozenset[str] = words("object_cues")
NOT_A_SPEAKER: frozenset[str] = words("not_a_speaker")
GENERIC_HEADS: frozenset[str] = words("generic_heads")
STOP: frozenset[str] = words("stop")
SPOKES: frozenset[str] = words("spokes")
ING_PAST: dict[str, str] = pairs("ing_past")
GROUP_SPEAKERS: frozenset[str] = words("group_speakers")
HONORIFICS: frozenset[str] = words("honorifics")
