"""The words BM25 counts: tokenization, query terms, and term counts per passage.

Scoring (BM25 with k1 = 1.2, b = 0.75 over the live corpus's statistics) is done by the store
that holds the counts (`retrieval/store/`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves say said says tell told anything
    something""".split()
)


@functools.lru_cache(maxsize=1 << 18)
def _fold(word: str) -> str:
    """One word as BM25 counts it; remembered (news reuses its words), ASCII taken the short
    way (its NFKD form is itself): tokenizing was a third of a warm question."""
    if word.isascii():
        word = word.lower()
    else:
        word = unicodedata.normalize("NFKD", word.lower())
        word = "".join(c for c in word if not unicodedata.combining(c))
        word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace("'", "")


def tokenize(text: str) -> list[str]:
    """Lower-cased, accent-folded words, possessives dropped ("Russia's" -> "russia")."""
    return [w for w in map(_fold, _WORD.findall(text)) if w]


def query_terms(text: str) -> list[str]:
    """The words of a question that carry meaning (no stopwords), each once, in order."""
    seen: dict[str, None] = {}
    for t in tokenize(text):
        if t not in STOPWORDS and (len(t) > 1 or t.isdigit()):
            seen.setdefault(t, None)
    return list(seen)


def term_counts(texts: Iterable[str]) -> list[Counter[str]]:
    """The BM25 term counts of each passage (the stores score them; see retrieval/store/)."""
    return [Counter(tokenize(t)) for t in texts]
