"""bot/formatting.py: Discord's limits, splitting on boundaries, escaping. Pure, no network.

Every message built here is also checked by the fake Discord's own, independent rule checker.
"""

from __future__ import annotations

import random
import re

import pytest
from fake_discord import message_errors

from bot import formatting as fmt
from retrieval.models import Answer, Citation, IndexReport, Quote, Rejected, SourceRef, Stats


def discord_accepts(page: fmt.Page) -> list:
    body = {"content": page.content, "embeds": [e.to_dict() for e in page.embeds],
            "allowed_mentions": {"parse": []}}
    return message_errors(body) + fmt.message_problems(page.content, page.embeds)


def cite(n: int, text: str = "Peskov said the talks would go on.", **kw) -> Citation:
    base = dict(n=n, article_id=f"a{n}", title=f"Title {n}", source="MENAFN", date="2024-02-22",
                url=f"https://example.com/{n}", path=None, start=0, end=len(text), text=text,
                score=0.5)
    base.update(kw)
    return Citation(**base)


# -- split_text ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("", 10, []),
        ("   \n ", 10, []),
        ("short", 10, ["short"]),
        ("exactly10!", 10, ["exactly10!"]),
        # paragraph break preferred over a later sentence end
        ("First para here.\n\nSecond para. More.", 25, ["First para here.", "Second para. More."]),
        # line break
        ("line one is here\nline two is here", 20, ["line one is here", "line two is here"]),
        # sentence end, keeping the [n] markers with their sentence
        ("Lavrov spoke. [1] Peskov replied [2]. Then", 24,
         ["Lavrov spoke. [1]", "Peskov replied [2]. Then"]),
        ("He said so [1]. She did not [2].", 18, ["He said so [1].", "She did not [2]."]),
        # words, never inside one
        ("alpha beta gamma delta", 11, ["alpha beta", "gamma delta"]),
        ("alpha beta gamma delta", 12, ["alpha beta", "gamma delta"]),
        # one word longer than a piece: the only hard cut
        ("abcdefghijklmnop", 5, ["abcde", "fghij", "klmno", "p"]),
        ("go https://example.com/very/long/url end", 12,
         ["go", "https://exam", "ple.com/very", "/long/url", "end"]),
        # a block quote cut inside a line stays a block quote
        ("> one two three four five six", 16, ["> one two three", "> four five six"]),
    ],
)
def test_split_text_cases(text, limit, expected):
    assert fmt.split_text(text, limit) == expected


def test_split_text_rejects_a_zero_limit():
    with pytest.raises(ValueError):
        fmt.split_text("x", 0)


WORDS = ("the Kremlin said on Tuesday that talks [1] would continue. Peskov: “no comment!” "
         "Zakharova's remarks, however, were sharper [2]. x yz").split()


@pytest.mark.parametrize("seed", range(40))
def test_split_text_keeps_every_word_whole_and_in_order(seed):
    rng = random.Random(seed)
    parts = []
    for _ in range(rng.randint(1, 400)):
        parts.append(rng.choice(WORDS))
        parts.append(rng.choice([" ", " ", " ", "\n", "\n\n"]))
    text = "".join(parts)
    limit = rng.choice([12, 40, 100, 2000, 4096])
    pieces = fmt.split_text(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert " ".join(pieces).split() == text.split()  # no word cut, none lost, none added


# -- truncate, escape, block quotes ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("alpha beta gamma", 12, "alpha beta…"),
        ("abcdefghijklmnop", 8, "abcdefg…"),
        ("  padded  ", 6, "padded"),
        ("anything", 1, "…"),
    ],
)
def test_truncate(text, limit, expected):
    out = fmt.truncate(text, limit)
    assert out == expected
    assert len(out) <= limit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*bold* _it_ ~~s~~ ||sp|| `code`", r"\*bold\* \_it\_ \~\~s\~\~ \|\|sp\|\| \`code\`"),
        ("> not a quote", "\\> not a quote"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("[click](https://evil.example)", "\\[click\\](https://evil.example)"),
        ("[1] markers stay", "[1] markers stay"),
        ("hi @everyone and @here", "hi @\u200deveryone and @\u200dhere"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_escape(text, expected):
    assert fmt.escape(text) == expected


def test_block_quote_prefixes_every_line():
    assert fmt.block_quote("one\n\ntwo\n") == "> one\n>\n> two"


# -- answers ---------------------------------------------------------------------------------------

def test_an_abbreviated_title_reads_before_the_speaker_s_name():
    q = Quote("Jane Roe", "Dr.", "Masks work.", "said", 1, 0, 11, "quote")
    assert fmt.quote_block(q).endswith("— Dr. **Jane Roe** [1]")
    q2 = Quote("Dmitry Peskov", "Kremlin spokesman", "Ready.", "said", 1, 0, 6, "quote")
    assert fmt.quote_block(q2).endswith("— **Dmitry Peskov**, Kremlin spokesman [1]")


def test_a_quote_over_two_paragraphs_carried_by_the_text_is_not_listed_again():
    q = Quote("Jane Roe", None, "We will rebuild.\n\n“Every house of it.", "said", 1, 0, 38,
              "quote")
    answer = Answer("What did Roe say?", "Jane Roe said [1]: “We will rebuild. Every house of it.”",
                    False, (cite(1),), (q,))
    body = fmt.answer_body(answer)
    assert body.count("Every house of it") == 1 and "**Quotes**" not in body


def test_answer_page_layout():
    q = Quote("Dmitry Peskov", "Kremlin spokesman", "“We are ready,”", "said", 1, 0, 9, "quote",
              (2,))
    c1 = cite(1, also_in=(SourceRef("b", "B", "Reuters", "2024-02-22", None),
                          SourceRef("c", "C", "AP", None, None)))
    answer = Answer("What did *Peskov* say?", "Peskov said so [1]. Lavrov too [2].", False,
                    (c1, cite(2, url=None)), (q,), (cite(3),), "2024-02-22")
    pages = fmt.answer_pages(answer, sources_shown=5)
    assert len(pages) == 1 and not discord_accepts(pages[0])
    main, sources = pages[0].embeds
    assert main.title == "What did *Peskov* say?"
    assert main.description.startswith("Peskov said so [1]. Lavrov too [2].")
    assert "> “We are ready,”\n— **Dmitry Peskov**, Kremlin spokesman [1][2]" in main.description
    assert sources.title == "Sources"
    lines = sources.description.split("\n")
    assert lines[0] == ("**[1]** [Title 1](https://example.com/1) — MENAFN, 2024-02-22 · "
                        "also carried by 2 more outlets: AP, Reuters")
    assert lines[1] == "**[2]** *Title 2* — MENAFN, 2024-02-22"
    assert sources.footer.text == "Newest indexed article: 2024-02-22 · 1 more source below"


@pytest.mark.parametrize(
    ("text", "quotes", "expected"),
    [
        # a direct quote the text carries: set as a block quote under its attribution
        ("Peskov said [2]: “We are ready.”\nLavrov agreed [1].",
         [Quote("Dmitry Peskov", None, "We are ready.", "said", 2, 0, 1)],
         "Peskov said [2]:\n> “We are ready.”\nLavrov agreed [1]."),
        # quoted without marks in the text (paraphrased), or reported: the text as it is
        ("Peskov said [1] that they are ready.",
         [Quote("Dmitry Peskov", None, "they are ready", "said", 1, 0, 1)],
         "Peskov said [1] that they are ready."),
        ("Peskov said [1] that *they* are ready.",
         [Quote("Dmitry Peskov", None, "*they* are ready", "said", 1, 0, 1, "reported")],
         "Peskov said [1] that \\*they\\* are ready."),
        # a statement the text does not carry: listed under Quotes
        ("Talks go on [1].", [Quote("Sergey Lavrov", "minister", "“No.”", "said", 1, 0, 1)],
         "Talks go on [1].\n\n**Quotes**\n\n> “No.”\n— **Sergey Lavrov**, minister [1]"),
        ("Talks go on [1].", [Quote("Lavrov", None, "they lied", "claimed", 1, 0, 1, "reported",
                                    (2, 3))],
         "Talks go on [1].\n\n**Quotes**\n\n> they lied\n— **Lavrov** [1][2][3]"),
    ],
)
def test_answer_body_shows_quotes_as_block_quotes_once(text, quotes, expected):
    answer = Answer("q", text, False, (cite(1), cite(2), cite(3)), tuple(quotes))
    assert fmt.answer_body(answer) == expected


def test_no_answer_has_no_sources():
    answer = Answer("Who won?", "I couldn't find that in the indexed articles.", True,
                    as_of="2024-02-22")
    (page,) = fmt.answer_pages(answer)
    (embed,) = page.embeds
    assert embed.description == "I couldn't find that in the indexed articles."
    assert embed.colour == fmt.NO_ANSWER_COLOUR


def test_sources_beyond_sources_shown_move_to_more():
    answer = Answer("q", "t [1]", False, tuple(cite(n) for n in range(1, 8)), (),
                    (cite(8), cite(9)), None)
    (page,) = fmt.answer_pages(answer, sources_shown=3)
    assert page.embeds[1].description.count("\n") == 2  # three sources listed
    more = fmt.more_pages(answer, sources_shown=3)
    text = "\n".join(e.description for p in more for e in p.embeds)
    assert [int(n) for n in re.findall(r"\*\*\[(\d+)\]\*\*", text)] == [4, 5, 6, 7, 8, 9]
    assert [c.value for c in fmt.passage_choices(answer, 3)] == [str(n) for n in range(1, 10)]
    assert fmt.find_passage(answer, "8", 3) is answer.more[0]
    assert fmt.find_passage(answer, "99", 3) is None


def test_more_passages_are_renumbered_when_their_numbers_clash():
    answer = Answer("q", "t [1]", False, (cite(1),), (), (cite(1, article_id="m1"),
                                                          cite(1, article_id="m2")), None)
    labels = [c.value for c in fmt.passage_choices(answer, 5)]
    assert labels == ["1", "2", "3"]
    assert fmt.find_passage(answer, "3", 5).article_id == "m2"


def test_nothing_more_says_so():
    answer = Answer("q", "t [1]", False, (cite(1),), (), (), None)
    assert not fmt.has_more(answer, 5)
    (page,) = fmt.more_pages(answer)
    assert "no further sources" in page.content


LONG_SENTENCE = "Peskov said the negotiations would continue next week in Istanbul [1]. "


@pytest.mark.parametrize(
    ("answer_chars", "n_citations", "n_quotes", "title_chars"),
    [
        (100, 1, 0, 20),
        (4_000, 5, 2, 300),
        (4_200, 5, 0, 20),  # just over one description
        (13_000, 25, 10, 1_000),  # several messages
        (30_000, 60, 40, 20),
    ],
)
def test_long_answers_fit_every_limit_and_lose_nothing(answer_chars, n_citations, n_quotes,
                                                       title_chars):
    text = (LONG_SENTENCE * (answer_chars // len(LONG_SENTENCE) + 1))[:answer_chars].strip()
    quotes = tuple(Quote("Dmitry Peskov", "spokesman", "We will talk. " * 30, "said", 1, 0, 1)
                   for _ in range(n_quotes))
    cites = tuple(cite(n, title="T" * title_chars + f" {n}") for n in range(1, n_citations + 1))
    answer = Answer("Q" * title_chars, text, False, cites, quotes, tuple(cite(n) for n in
                                                                             range(100, 140)),
                    "2024-02-22")
    pages = fmt.answer_pages(answer, sources_shown=n_citations)
    for page in pages:
        assert not discord_accepts(page)
        assert len(page.embeds) <= 10
    joined = " ".join(e.description or "" for p in pages for e in p.embeds)
    assert text.split() == joined.split()[: len(text.split())]  # the answer text, whole, first
    for n in range(1, n_citations + 1):
        assert f"**[{n}]**" in joined
    for page in fmt.more_pages(answer, sources_shown=n_citations):
        assert not discord_accepts(page)
    choices = fmt.passage_choices(answer, n_citations)
    assert len(choices) <= 25
    assert all(len(c.label) <= 100 and len(c.description or "") <= 100 for c in choices)


def test_a_huge_passage_is_split_over_embeds():
    c = cite(1, text="Word " * 5_000, title="X" * 400, source="S" * 3_000)
    pages = fmt.passage_pages(c)
    assert all(not discord_accepts(p) for p in pages)
    quoted = [e.description for p in pages for e in p.embeds]
    assert all(line.startswith(">") for d in quoted for line in d.split("\n"))
    assert sum(d.count("Word") for d in quoted) == 5_000


# -- pack ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([10] * 3, [3]),
        ([10] * 12, [10, 2]),
        ([4000, 1900, 200], [2, 1]),
        ([4096, 4096, 4096], [1, 1, 1]),
        ([], []),
    ],
)
def test_pack_groups_embeds_within_message_limits(sizes, expected):
    import discord

    embeds = [discord.Embed(description="x" * n) for n in sizes]
    pages = fmt.pack(embeds)
    assert [len(p.embeds) for p in pages] == expected
    assert all(not fmt.message_problems(None, p.embeds) for p in pages)


def test_text_pages_split_long_content():
    pages = fmt.text_pages("word " * 1_000)
    assert len(pages) == 3 and all(len(p.content) <= 2000 for p in pages)


# -- reports and stats -----------------------------------------------------------------------------

@pytest.mark.parametrize("n", [0, 1, 30, 5_000])
def test_report_fits_whatever_its_size(n):
    report = IndexReport(
        added=tuple(f"article-{i}" for i in range(n)),
        updated=tuple(f"u-{i}" for i in range(n // 2)),
        unchanged=tuple(f"same-{i}" for i in range(n)),
        duplicates=tuple((f"d{i}", f"o{i}") for i in range(n)),
        rejected=tuple(Rejected(f"/x/bad-{i}.txt", "not UTF-8 text " * 20) for i in range(n)),
        chunks_embedded=n * 3,
        missing=tuple(f"m{i}" for i in range(n)),
    )
    (page,) = fmt.report_pages(report, title="Articles added",
                               rejected_first=(Rejected("big.txt", "too large"),))
    assert not discord_accepts(page)
    (embed,) = page.embeds
    if n == 0:
        assert embed.description.startswith("1 rejected.")
    if n == 5_000:
        assert "more" in embed.fields[0].value
        assert embed.fields[0].name == "Added (5,000)"


def test_report_of_nothing():
    (page,) = fmt.report_pages(IndexReport(), title="Index rebuilt")
    assert page.embeds[0].description == "Nothing changed."


def test_stats_page():
    stats = Stats(1234, 56789, 10, 4, "2024-02-22", "2023-01-01",
                  tuple((f"outlet {i}", 100 - i) for i in range(30)), "all-MiniLM-L6-v2", "/i", "g")
    (page,) = fmt.stats_pages(stats)
    assert not discord_accepts(page)
    fields = {f.name: f.value for f in page.embeds[0].fields}
    assert fields["Articles"] == "1,234"
    assert fields["Passages"] == "56,789"
    assert fields["Newest article"] == "2024-02-22"
    assert fields["Outlets"].endswith("… and 20 more")
