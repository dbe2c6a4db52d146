"""Turn the core's answers and reports into Discord messages that respect every Discord limit.

Pure functions, no network: text in, `Page`s (one message each: content and embeds) out. Long text
is split on paragraph, line, sentence or word boundaries, never inside a word (only a single "word"
longer than a whole message, such as a huge URL, is cut). Text taken from articles or questions is
escaped so that it cannot format, link or mention anything by itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import discord

from retrieval.attribution import display_text, title_before_name
from retrieval.models import Answer, Citation, IndexReport, Quote, Rejected, Stats

# Discord's limits (https://discord.com/developers/docs/resources/message, "Embed Limits").
CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000  # all text of all embeds in one message
EMBEDS_PER_MESSAGE = 10
# Components.
BUTTON_LABEL_LIMIT = 80
SELECT_OPTIONS_LIMIT = 25
OPTION_TEXT_LIMIT = 100  # select option label, value and description
PLACEHOLDER_LIMIT = 150

NO_MENTIONS = discord.AllowedMentions.none()  # every message: quoted text must never ping

ANSWER_COLOUR = discord.Colour(0x2B6CB0)
NO_ANSWER_COLOUR = discord.Colour(0x718096)
REPORT_COLOUR = discord.Colour(0x2F855A)
EXCERPT_CHARS = 300  # of each further passage listed under "More sources"


@dataclass(frozen=True)
class Page:
    """One Discord message: optional content and up to ten embeds, within every limit."""

    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()


@dataclass(frozen=True)
class Choice:
    """One entry of the "read a passage" select menu."""

    value: str
    label: str
    description: str | None


# ---------------------------------------------------------------------------------------------
# Text: escaping, truncating, splitting


_MD_CHARS = re.compile(r"([\\*_~`|])")
_LINE_START = re.compile(r"^([ \t]*)(>|#|-|\+|\d+\.)(?=\s)", re.MULTILINE)
_MASKED_LINK = re.compile(r"\[([^\]\n]*)\]\(")
_MENTION = re.compile(r"@(everyone|here)")


def escape(text: str) -> str:
    """Escape Discord markdown so that article text shows as written and formats nothing.

    Bold, italics, strikethrough, spoilers and code marks are backslash-escaped, as are a block
    quote, heading or list marker at the start of a line and a masked link `[text](url)`.
    `@everyone` gets a zero-width joiner, though `AllowedMentions.none()` already stops pings.
    """
    text = _MD_CHARS.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)
    text = _MASKED_LINK.sub(lambda m: f"\\[{m.group(1)}\\](", text)
    return _MENTION.sub("@\u200d\\1", text)


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` if it fits in `limit` characters, else cut at a word boundary and add `ellipsis`."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    if room <= 0:
        return ellipsis[:limit]
    head = text[: room + 1]
    space = _last_whitespace(head)
    cut = space if space >= room // 2 else room
    return text[:cut].rstrip() + ellipsis


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s*\[\d+\])*(?=\s)")
_WHITESPACE = re.compile(r"\s")


def _last_whitespace(text: str) -> int:
    """Index of the last whitespace character in `text`, or -1."""
    for i in range(len(text) - 1, -1, -1):
        if text[i].isspace():
            return i
    return -1


def _cut_point(text: str, limit: int) -> int:
    """Where to cut `text` (longer than `limit`) so that `text[:cut]` fits in `limit`.

    Prefers, in order, a paragraph break, a line break, the end of a sentence (with any `[n]`
    markers that follow it), then any space; each only if it leaves at least a third of `limit`
    in the first piece, so that splitting does not make a trail of tiny messages.
    """
    window = text[: limit + 1]  # a separator right at `limit` still gives a piece of `limit`
    floor = max(1, limit // 3)
    for sep in ("\n\n", "\n"):
        p = window.rfind(sep, floor)
        if p >= floor:
            return p
    best = -1
    for m in _SENTENCE_END.finditer(window):
        if floor <= m.end() <= limit:
            best = m.end()
    if best > 0:
        return best
    space = _last_whitespace(window)
    if space > 0:
        return space
    return limit  # one word longer than a whole piece: the only case that cuts inside a word


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into pieces of at most `limit` characters at the best boundaries.

    A block quote (`> ` lines) cut in the middle of a line continues as a block quote.
    Whitespace at the cuts is dropped; empty text gives no pieces.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        cut = _cut_point(text, limit)
        head, rest = text[:cut].rstrip(), text[cut:]
        mid_line = not rest.startswith("\n")
        rest = rest.lstrip()
        last_line = head.rsplit("\n", 1)[-1]
        if mid_line and last_line.startswith("> ") and limit > 10 and not rest.startswith("> "):
            rest = "> " + rest
        if head:
            pieces.append(head)
        text = rest
    if text:
        pieces.append(text)
    return pieces


def block_quote(text: str) -> str:
    """Every line of `text` as a Discord block quote line."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


# ---------------------------------------------------------------------------------------------
# Pieces of an answer


def _safe_url(url: str | None) -> str | None:
    if not url or not re.match(r"https?://", url, re.IGNORECASE):
        return None
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace(">", "%3E")


def _link_text(text: str) -> str:
    return escape(text).replace("[", "\\[").replace("]", "\\]")


def _title(c: Citation) -> str:
    return " ".join((c.title or c.article_id).split())


def source_line(c: Citation, label: str | None = None) -> str:
    """`**[1]** [Title](url) — Outlet, 2024-02-22 · also carried by 2 more outlets`."""
    title = _link_text(truncate(_title(c), 200))
    url = _safe_url(c.url)
    linked = f"[{title}]({url})" if url else f"*{title}*"
    meta = ", ".join(escape(x) for x in (c.source, c.date) if x)
    line = f"**[{label or c.n}]** {linked}"
    if meta:
        line += f" — {meta}"
    if c.also_in:
        outlets = sorted({r.source for r in c.also_in if r.source})
        n = len(c.also_in)
        also = f"also carried by {n} more " + ("outlet" if n == 1 else "outlets")
        if outlets:
            also += ": " + escape(truncate(", ".join(outlets), 150))
        line += f" · {also}"
    return line


_QUOTE_MARKS = "\"“”„«»'‘’"


def _quote_core(text: str) -> str:
    return " ".join(text.split()).strip(_QUOTE_MARKS + " ")


def quote_block(q: Quote) -> str:
    """A statement as a block quote with its speaker and source numbers."""
    text = " ".join(q.text.split())
    if q.kind == "quote":
        text = f"“{_quote_core(text)}”"
    who = f"**{escape(q.speaker)}**"
    if title_before_name(q.role):
        who = f"{escape(q.role or '')} {who}"  # "Dr. **Jane Roe**"
    elif q.role:
        who += f", {escape(q.role)}"
    refs = "".join(f"[{n}]" for n in (q.citation, *q.also_in))
    return f"{block_quote(escape(text))}\n— {who} {refs}"


def answer_body(answer: Answer) -> str:
    """The answer's text, escaped, with its quotes as block quotes.

    A direct quote that the text already carries ("Peskov said [2]: “…”") is set as a block quote
    under its attribution line, so that it is neither repeated nor lost; a statement the text
    does not carry is listed under **Quotes** with its speaker and `[n]`.
    """
    pending = list(answer.quotes)
    out: list[str] = []
    for line in answer.text.strip().split("\n"):
        flat = " ".join(line.split())
        start = None  # where a direct quote carried by this line begins
        for q in pending:
            core = _quote_core(display_text(q.text))  # as the answer's line shows it
            pos = flat.find(core) if core else -1
            if pos >= 0:
                pending.remove(q)  # carried by the text: not repeated below
                marked = flat[pos] in _QUOTE_MARKS or (pos > 0 and flat[pos - 1] in _QUOTE_MARKS)
                start = pos if q.kind == "quote" and marked else None
                break
        if start is None:
            out.append(escape(line))
            continue
        while start > 0 and flat[start - 1] in _QUOTE_MARKS:
            start -= 1
        head = flat[:start].rstrip()
        if head:
            out.append(escape(head))
        out.append(block_quote(escape(flat[start:])))
    body = "\n".join(out)
    if pending:
        body += "\n\n**Quotes**\n\n" + "\n\n".join(quote_block(q) for q in pending)
    return body


def _more_labels(answer: Answer, sources_shown: int) -> list[tuple[str, Citation]]:
    """The passages behind "More sources": cited ones not listed, then `answer.more`.

    Further passages keep their own number when the core gives them distinct ones that do not
    clash with the citations, else they are numbered on from the last citation.
    """
    extra = [(str(c.n), c) for c in answer.citations[sources_shown:]]
    taken = {c.n for c in answer.citations}
    numbers = [c.n for c in answer.more]
    distinct = len(set(numbers)) == len(numbers) and not taken & set(numbers)
    if distinct and all(n > 0 for n in numbers):
        more = [(str(c.n), c) for c in answer.more]
    else:
        start = max(taken, default=0)
        more = [(str(start + i), c) for i, c in enumerate(answer.more, 1)]
    return extra + more


def has_more(answer: Answer, sources_shown: int) -> bool:
    return bool(_more_labels(answer, sources_shown))


def passage_choices(answer: Answer, sources_shown: int) -> list[Choice]:
    """Options for the select menu that shows a passage: the citations, then further passages."""
    entries = [(str(c.n), c) for c in answer.citations[:sources_shown]]
    entries += _more_labels(answer, sources_shown)
    choices = []
    for label, c in entries[:SELECT_OPTIONS_LIMIT]:
        meta = " · ".join(x for x in (c.source, c.date) if x)
        choices.append(
            Choice(
                value=label,
                label=truncate(f"[{label}] {_title(c)}", OPTION_TEXT_LIMIT),
                description=truncate(meta, OPTION_TEXT_LIMIT) or None,
            )
        )
    return choices


def find_passage(answer: Answer, label: str, sources_shown: int) -> Citation | None:
    """The citation or further passage that a `Choice.value` names."""
    for lab, c in [(str(c.n), c) for c in answer.citations[:sources_shown]] + _more_labels(
        answer, sources_shown
    ):
        if lab == label:
            return c
    return None


# ---------------------------------------------------------------------------------------------
# Whole messages


def _embeds_from_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    colour: discord.Colour = ANSWER_COLOUR,
) -> list[discord.Embed]:
    """One embed per description-sized piece of `text`; the first carries the title."""
    pieces = split_text(text, DESCRIPTION_LIMIT) or [""]
    embeds = []
    for i, piece in enumerate(pieces):
        embed = discord.Embed(description=piece or None, colour=colour)
        if i == 0 and title:
            embed.title = truncate(title, TITLE_LIMIT)
            if url:
                embed.url = url
        embeds.append(embed)
    return embeds


def _set_footer(embeds: Sequence[discord.Embed], text: str | None) -> None:
    if embeds and text:
        embeds[-1].set_footer(text=truncate(text, FOOTER_LIMIT))


def pack(embeds: Iterable[discord.Embed], content: str | None = None) -> list[Page]:
    """Group embeds into messages of at most ten embeds and 6,000 characters of embed text.

    `content` (at most 2,000 characters) goes with the first message.
    """
    if content is not None and len(content) > CONTENT_LIMIT:
        raise ValueError("content longer than a message")
    pages: list[Page] = []
    current: list[discord.Embed] = []
    total = 0
    for embed in embeds:
        size = len(embed)
        if size > EMBED_TOTAL_LIMIT:
            raise ValueError("an embed longer than a message")
        if current and (len(current) == EMBEDS_PER_MESSAGE or total + size > EMBED_TOTAL_LIMIT):
            pages.append(Page(content if not pages else None, tuple(current)))
            current, total = [], 0
        current.append(embed)
        total += size
    if current or content:
        pages.append(Page(content if not pages else None, tuple(current)))
    return pages


def text_pages(text: str) -> list[Page]:
    """Plain text as one or more messages of at most 2,000 characters."""
    return [Page(content=piece) for piece in split_text(text, CONTENT_LIMIT)]


def answer_pages(answer: Answer, *, sources_shown: int = 5) -> list[Page]:
    """An answer as messages: the reply with `[n]` markers and quotes, then the sources.

    The first embed is titled with the question; the sources list the first `sources_shown`
    citations with their title linked to the article, outlet and date; the footer says how
    recent the index is and whether further sources are available.
    """
    colour = NO_ANSWER_COLOUR if answer.no_answer else ANSWER_COLOUR
    title = " ".join(answer.question.split())
    embeds = _embeds_from_text(answer_body(answer), title=title, colour=colour)
    shown = answer.citations[:sources_shown]
    if shown:
        lines = "\n".join(source_line(c) for c in shown)
        embeds += _embeds_from_text(lines, title="Sources", colour=colour)
    footer = []
    if answer.as_of:
        footer.append(f"Newest indexed article: {answer.as_of}")
    n_more = len(_more_labels(answer, sources_shown))
    if n_more:
        footer.append(f"{n_more} more " + ("source" if n_more == 1 else "sources") + " below")
    _set_footer(embeds, " · ".join(footer) or None)
    return pack(embeds)


def more_pages(answer: Answer, *, sources_shown: int = 5) -> list[Page]:
    """Further sources: cited ones beyond `sources_shown`, then the other relevant passages,
    each with a short excerpt."""
    entries = _more_labels(answer, sources_shown)
    if not entries:
        return text_pages("There are no further sources for this answer.")
    blocks = []
    for label, c in entries:
        excerpt = block_quote(escape(truncate(" ".join(c.text.split()), EXCERPT_CHARS)))
        blocks.append(f"{source_line(c, label)}\n{excerpt}")
    embeds = _embeds_from_text("\n\n".join(blocks), title="More sources")
    return pack(embeds)


def passage_pages(c: Citation, label: str | None = None) -> list[Page]:
    """The passage behind a citation, as a block quote, under the article's linked title."""
    title = f"[{label or c.n}] {_title(c)}"
    embeds = _embeds_from_text(block_quote(escape(c.text)), title=title, url=_safe_url(c.url))
    meta = [x for x in (c.source, c.date) if x]
    if c.also_in:
        meta.append(f"also carried by {len(c.also_in)} more")
    meta.append(f"article id {c.article_id}")
    _set_footer(embeds, " · ".join(meta))
    return pack(embeds)


def _id_list(items: Sequence[str], limit: int = FIELD_VALUE_LIMIT) -> str:
    """`id1`, `id2` … and N more — within `limit` characters."""
    parts: list[str] = []
    used = 0
    reserve = len(f" … and {len(items):,} more")
    for i, item in enumerate(items):
        piece = "`" + truncate(item.replace("`", "'"), 120) + "`"
        if used + len(piece) + 2 + reserve > limit:
            return ", ".join(parts) + f" … and {len(items) - i:,} more"
        parts.append(piece)
        used += len(piece) + 2
    return ", ".join(parts)


def _lines_list(lines: Sequence[str], limit: int = FIELD_VALUE_LIMIT) -> str:
    """One line each, then "… and N more" — within `limit` characters."""
    out: list[str] = []
    used = 0
    reserve = len(f"… and {len(lines):,} more")
    for i, line in enumerate(lines):
        line = truncate(line, max(20, limit - reserve - 1))
        if used + len(line) + 1 + reserve > limit:
            out.append(f"… and {len(lines) - i:,} more")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out)


def report_pages(
    report: IndexReport,
    *,
    title: str,
    rejected_first: Sequence[Rejected] = (),
    notes: Sequence[str] = (),
) -> list[Page]:
    """What an indexing run did, one field per kind of change; long id lists are shortened.

    `rejected_first`: files the bot refused before the core saw them (wrong type, too big…).
    `notes`: further lines for the description.
    """
    rejected = [r for r in (*rejected_first, *report.rejected) if not r.warning]
    warnings = [r for r in report.rejected if r.warning]  # indexed, with a detail dropped
    counts = [
        (len(report.added), "added"),
        (len(report.updated), "updated"),
        (len(report.unchanged), "unchanged"),
        (len(report.removed), "removed"),
        (len(report.duplicates), "duplicates skipped"),
        (len(rejected), "rejected"),
        (len(report.missing), "not found"),
        (len(warnings), "warnings"),
    ]
    summary = ", ".join(f"{n:,} {what}" for n, what in counts if n)
    if report.chunks_embedded:
        summary += f"; {report.chunks_embedded:,} passages embedded"
    description = f"{summary}." if summary else "Nothing changed."
    for note in notes:
        description += "\n" + note
    title = truncate(title, TITLE_LIMIT)
    description = truncate(description, 1500)
    fields: list[tuple[str, Callable[[int], str]]] = []
    for name, ids in (
        ("Added", report.added),
        ("Updated", report.updated),
        ("Unchanged", report.unchanged),
        ("Removed", report.removed),
        ("Not found", report.missing),
    ):
        if ids:
            fields.append((f"{name} ({len(ids):,})", partial(_id_list, ids)))
    if report.duplicates:
        dups = [f"`{new}` repeats `{old}`" for new, old in report.duplicates]
        fields.append((f"Duplicates skipped ({len(dups):,})",
                       partial(_lines_list, dups)))
    if rejected:
        why = [f"`{r.path.rsplit('/', 1)[-1]}`: {escape(r.reason)}" for r in rejected]
        fields.append((f"Rejected ({len(why):,})", partial(_lines_list, why)))
    if warnings:
        warned = [f"`{r.path.rsplit('/', 1)[-1]}`: {escape(r.reason)}" for r in warnings]
        fields.append((f"Warnings ({len(warned):,})", partial(_lines_list, warned)))
    # Share what the 6,000-character message allows among the fields.
    left = EMBED_TOTAL_LIMIT - len(title) - len(description) - sum(len(n) for n, _ in fields)
    room = min(FIELD_VALUE_LIMIT, left // max(1, len(fields)))
    embed = discord.Embed(title=title, description=description,
                          colour=REPORT_COLOUR if not rejected else NO_ANSWER_COLOUR)
    for name, render in fields:
        embed.add_field(name=name, value=render(room), inline=False)
    return pack([embed])


def stats_pages(stats: Stats) -> list[Page]:
    """Articles and passages indexed, the newest article's date, and the largest outlets."""
    embed = discord.Embed(title="newsqa index", colour=ANSWER_COLOUR)
    embed.add_field(name="Articles", value=f"{stats.articles:,}")
    embed.add_field(name="Passages", value=f"{stats.passages:,}")
    embed.add_field(name="Newest article", value=stats.newest_date or "—")
    embed.add_field(name="Oldest article", value=stats.oldest_date or "—")
    embed.add_field(name="Statements", value=f"{stats.statements:,}")
    embed.add_field(name="Speakers", value=f"{stats.speakers:,}")
    if stats.sources:
        lines = [f"{escape(name)}: {n:,}" for name, n in stats.sources[:10]]
        if len(stats.sources) > 10:
            lines.append(f"… and {len(stats.sources) - 10:,} more")
        embed.add_field(name="Outlets", value=_lines_list(lines), inline=False)
    embed.set_footer(text=truncate(f"Model: {stats.model}", FOOTER_LIMIT))
    return pack([embed])


def message_problems(content: str | None, embeds: Sequence[discord.Embed]) -> list[str]:
    """Every way a message breaks Discord's limits (empty when it is fine)."""
    problems = []
    if content is not None and len(content) > CONTENT_LIMIT:
        problems.append(f"content has {len(content)} characters")
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds")
    total = 0
    for i, e in enumerate(embeds):
        d = e.to_dict()
        checks = [
            ("title", len(d.get("title", "")), TITLE_LIMIT),
            ("description", len(d.get("description", "")), DESCRIPTION_LIMIT),
            ("fields", len(d.get("fields", [])), FIELDS_LIMIT),
            ("footer", len(d.get("footer", {}).get("text", "")), FOOTER_LIMIT),
            ("author", len(d.get("author", {}).get("name", "")), AUTHOR_LIMIT),
        ]
        for f in d.get("fields", []):
            checks.append(("field name", len(f["name"]), FIELD_NAME_LIMIT))
            checks.append(("field value", len(f["value"]), FIELD_VALUE_LIMIT))
            if not f["name"] or not f["value"]:
                problems.append(f"embed {i}: empty field")
        problems += [f"embed {i}: {what} {n} > {lim}" for what, n, lim in checks if n > lim]
        total += len(e)
    if total > EMBED_TOTAL_LIMIT:
        problems.append(f"embeds total {total} characters")
    return problems
