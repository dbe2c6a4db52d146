"""A BM25 index over the same passages as the dense index, stored as a sparse term matrix.

On disk: `lexical.npz` (the passage-by-term count matrix in CSR form, saved without pickle) and
`vocab.json` (the term of each column). Rows follow the passage order of the dense index.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

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


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace("'", "")


def tokenize(text: str) -> list[str]:
    """Lower-cased, accent-folded words, possessives dropped ("Russia's" -> "russia")."""
    return [w for w in (_fold(m) for m in _WORD.findall(text)) if w]


def query_terms(text: str) -> list[str]:
    """The words of a question that carry meaning (no stopwords), each once, in order."""
    seen: dict[str, None] = {}
    for t in tokenize(text):
        if t not in STOPWORDS and (len(t) > 1 or t.isdigit()):
            seen.setdefault(t, None)
    return list(seen)


class Lexical:
    """Immutable BM25 index: counts (passages x terms) and the vocabulary."""

    K1 = 1.2
    B = 0.75

    def __init__(self, counts: sparse.csr_matrix, vocab: Sequence[str]) -> None:
        self.counts = counts.tocsr()
        self.vocab = list(vocab)
        self.term_id = {t: i for i, t in enumerate(self.vocab)}
        self._by_term = self.counts.tocsc()
        self.doc_len = np.asarray(self.counts.sum(axis=1)).ravel().astype(np.float32)
        self.avg_len = float(self.doc_len.mean()) if len(self.doc_len) else 0.0
        self.df = np.diff(self._by_term.indptr).astype(np.float32)

    @property
    def size(self) -> int:
        return self.counts.shape[0]

    @classmethod
    def empty(cls) -> Lexical:
        return cls(sparse.csr_matrix((0, 0), dtype=np.int32), [])

    @staticmethod
    def rows(texts: Iterable[str]) -> list[Counter[str]]:
        return [Counter(tokenize(t)) for t in texts]

    def idf(self, term: str) -> float:
        i = self.term_id.get(term)
        df = float(self.df[i]) if i is not None else 0.0
        n = self.size
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage for these query terms."""
        out = np.zeros(self.size, dtype=np.float32)
        if not self.size:
            return out
        for t in terms:
            i = self.term_id.get(t)
            if i is None:
                continue
            lo, hi = self._by_term.indptr[i], self._by_term.indptr[i + 1]
            docs = self._by_term.indices[lo:hi]
            tf = self._by_term.data[lo:hi].astype(np.float32)
            norm = self.K1 * (1 - self.B + self.B * self.doc_len[docs] / max(self.avg_len, 1e-9))
            out[docs] += self.idf(t) * tf * (self.K1 + 1) / (tf + norm)
        return out

    def coverage(self, terms: Sequence[str], rows: np.ndarray) -> np.ndarray:
        """Share of the query's idf mass each of these passages contains (0..1)."""
        weights = np.array([self.idf(t) for t in terms], dtype=np.float32)
        out = np.zeros(len(rows), dtype=np.float32)
        if not len(terms) or weights.sum() == 0:
            return out
        cols = [self.term_id.get(t) for t in terms]
        sub = self.counts[rows]
        for w, c in zip(weights, cols, strict=True):
            if c is not None:
                out += w * (sub[:, c].toarray().ravel() > 0)
        return out / weights.sum()

    def select_and_extend(self, keep_rows: np.ndarray, new_rows: Sequence[Counter[str]]) -> Lexical:
        """A new index: these rows of this one, then the new passages; unused terms dropped."""
        vocab = list(self.vocab)
        term_id = dict(self.term_id)
        data: list[int] = []
        indices: list[int] = []
        indptr = [0]
        for row in new_rows:
            for term, count in row.items():
                i = term_id.get(term)
                if i is None:
                    i = term_id[term] = len(vocab)
                    vocab.append(term)
                indices.append(i)
                data.append(count)
            indptr.append(len(indices))
        width = len(vocab)
        kept = self.counts[keep_rows] if self.size else sparse.csr_matrix((0, 0), dtype=np.int32)
        kept = sparse.csr_matrix(
            (kept.data, kept.indices, kept.indptr), shape=(kept.shape[0], width)
        )
        added = sparse.csr_matrix(
            (np.array(data, dtype=np.int32), np.array(indices, dtype=np.int64), np.array(indptr)),
            shape=(len(new_rows), width),
        )
        merged = sparse.vstack([kept, added], format="csr").astype(np.int32)
        # Drop terms no passage uses any more: a removed article leaves no trace.
        used = np.flatnonzero(np.diff(merged.tocsc().indptr))
        merged = merged[:, used].tocsr()
        merged.sort_indices()
        return Lexical(merged, [vocab[i] for i in used])

    def save(self, folder: Path) -> list[str]:
        c = self.counts
        np.savez(
            folder / "lexical.npz",
            data=c.data.astype(np.int32),
            indices=c.indices.astype(np.int32),
            indptr=c.indptr.astype(np.int64),
            shape=np.array(c.shape, dtype=np.int64),
        )
        (folder / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), "utf-8")
        return ["lexical.npz", "vocab.json"]

    @classmethod
    def load(cls, folder: Path) -> Lexical:
        with np.load(folder / "lexical.npz", allow_pickle=False) as z:
            shape = tuple(int(x) for x in z["shape"])
            counts = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=shape)
        vocab = json.loads((folder / "vocab.json").read_text("utf-8"))
        if len(vocab) != shape[1]:
            raise ValueError(f"vocab.json has {len(vocab)} terms, lexical.npz {shape[1]}")
        return cls(counts, vocab)
