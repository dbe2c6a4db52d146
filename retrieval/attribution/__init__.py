"""Who said what: statements found in articles, their speakers, and answers about them.

Modules, each with one purpose (imports only go down this list):

- `lexicon`: the word lists (data files in `lexicon/*.txt`, read once).
- `tokens`: tokens of narration with offsets.
- `spans`: quote spans, masking of quoted words, sentences and paragraphs.
- `cues`: speech cues ("said", "told", "according to") as patterns.
- `entities`: the people and institutions of one article.
- `phrases`: the noun phrase that names a cue's speaker.
- `resolution`: in-article speaker resolution; `extract_statements`, `EXTRACTOR_VERSION`.
- `identity`: one speaker across articles for the many ways articles name them.
- `questions`: reading "What did X say about T?" and follow-ups.
- `sources`: the index as answering reads it (a protocol of `Snapshot` methods).
- `answering`: answers about a person from the index's statements, verified and cited.
"""

from .answering import (
    answer_about_person,
    display_text,
    prepare,
    title_before_name,
    verify_quote,
)
from .identity import list_speakers
from .questions import PersonQuestion, follow_up, parse_person_question
from .resolution import EXTRACTOR_VERSION, extract_statements
from .sources import PassageHit, PassageSearch, StatementSource, StatementTable

__all__ = [
    "EXTRACTOR_VERSION",
    "PassageHit",
    "PassageSearch",
    "PersonQuestion",
    "StatementSource",
    "StatementTable",
    "answer_about_person",
    "display_text",
    "extract_statements",
    "follow_up",
    "list_speakers",
    "parse_person_question",
    "prepare",
    "title_before_name",
    "verify_quote",
]
