import gzip
import json
from pathlib import Path

import pytest

from retrieval.articles import load, parse_upload
from retrieval.models import Rejected

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def by_id(articles):
    return {a.id: a for a in articles}


def test_sample_txt_articles_carry_date_agency_dateline_and_stem_ids():
    articles, rejected = load([SAMPLES])
    assert rejected == []
    a = by_id(articles)
    assert len(a) == 5
    lavrov = a["000_9bf6159a81baad6f"]
    assert lavrov.date == "2024-02-22"
    assert lavrov.source == "MENAFN"
    assert not lavrov.text.lstrip().startswith("date")
    assert lavrov.title.startswith("Russian Foreign Minister Sergey Lavrov")
    assert a["002_55b0e7cd8acb7d70"].date == "2024-11-06"
    assert a["004_fcea84b91e544143"].source == "Saba"
    assert a["004_fcea84b91e544143"].title.startswith("Russian presidential spokesman")
    assert a["001_806330d807e29c95"].date is None
    assert all(x.path and x.path.endswith(".txt") for x in articles)


def test_headline_first_line_becomes_title(tmp_path):
    (tmp_path / "story.txt").write_text("Kremlin rejects claims\nPeskov said on Monday that...\n")
    (art,), _ = load([tmp_path])
    assert art.title == "Kremlin rejects claims"
    assert art.text == "Peskov said on Monday that..."


def test_markdown_front_matter(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Talks resume\ndate: 2024-11-07\nsource: Example News\n"
        "url: https://example.org/talks\nauthor: Jane Roe\nid: talks-1\n---\n\nBody text here.\n"
    )
    (art,), rejected = load([tmp_path])
    assert rejected == []
    assert (art.id, art.title, art.date, art.source, art.url, art.authors) == (
        "talks-1", "Talks resume", "2024-11-07", "Example News", "https://example.org/talks",
        ("Jane Roe",),
    )
    assert art.text == "Body text here."


def test_jsonl_and_gz_in_the_dataset_format_and_alternative_keys(tmp_path):
    rows = [
        {"id": "rtqa-1", "title": "One", "text": "First body.", "date": "2021/02/03",
         "source": "usatoday.com", "url": "https://u/1", "authors": ["A B"]},
        {"id": "x-2", "title": "Two", "body": "Second body.",
         "published_at": "2024-01-05T10:00:00Z"},
        {"id": "x-3", "content": "Third body."},
    ]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(data.replace(b'"x-', b'"y-')
                                                        .replace(b"rtqa-1", b"rtqa-9")))
    articles, rejected = load([tmp_path])
    assert rejected == []
    a = by_id(articles)
    assert a["rtqa-1"].date == "2021-02-03" and a["rtqa-1"].authors == ("A B",)
    assert a["x-2"].text == "Second body." and a["x-2"].date == "2024-01-05"
    assert a["x-3"].title == "Third body"
    assert "y-2" in a and "rtqa-9" in a


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bin.txt", b"\x00\x01\x02binary", "binary file"),
        ("latin.txt", "café".encode("latin-1"), "not UTF-8"),
        ("empty.txt", b"   \n", "empty file"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nbody\n", "front matter is not valid YAML"),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type"),
        ("broken.jsonl.gz", b"not gzip", "not a valid gzip file"),
    ],
)
def test_unreadable_files_are_reported_by_path_and_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A fine article.\nWith a body.")
    articles, rejected = load([tmp_path])
    assert [a.id for a in articles] == ["good"]
    assert len(rejected) == 1
    assert rejected[0].path.endswith(name)
    assert reason in rejected[0].reason


def test_bad_jsonl_lines_are_skipped_and_named_by_line(tmp_path):
    (tmp_path / "mixed.jsonl").write_text(
        '{"id": "ok", "text": "Fine."}\n{not json}\n{"id": "notext", "title": "T"}\n[1, 2]\n'
    )
    articles, rejected = load([tmp_path])
    assert [a.id for a in articles] == ["ok"]
    assert [(r.path.rsplit(":", 1)[1], r.reason.split(" (")[0]) for r in rejected] == [
        ("2", "malformed JSON"),
        ("3", "missing text"),
        ("4", "a line must be a JSON object"),
    ]


def test_missing_path_and_upload_parsing():
    _, rejected = load(["/no/such/folder"])
    assert rejected[0].reason == "no such file or folder"
    arts, bad = parse_upload("../../evil/story.txt", b"Headline here\nBody of it.")
    assert bad == () and arts[0].id == "story" and arts[0].path is None
    arts, bad = parse_upload("photo.png", b"\x89PNG")
    assert arts == () and "unsupported file type" in bad[0].reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-11-06", "2024-11-06"), ("2021/02/03", "2021-02-03"),
     ("November 6, 2024", "2024-11-06"), ("6 November 2024", "2024-11-06"),
     ("Wed, 06 Nov 2024 10:00:00 +0000", "2024-11-06"),
     ("2024-11-06T23:30:00-05:00", "2024-11-06"),  # the date as written, in its own zone
     ("2024-11-06 10:00", "2024-11-06"), ("20241106", "2024-11-06"),
     ("2024", None), ("November 2024", None), ("soon", None), ("2024-13-45", None),
     ("", None), (None, None), (["2024-11-06"], None), (True, None)],
)
def test_dates_as_news_feeds_write_them(value, expected):
    from retrieval.articles import normalize_date

    assert normalize_date(value) == expected


def test_an_unreadable_date_is_a_warning_naming_the_file_and_the_article_is_kept(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: next Tuesday-ish\n---\nBody text.\n")
    (art,), notes = load([tmp_path])
    assert art.date is None
    assert notes == [Rejected(str(tmp_path / "a.md"),
                              "date 'next Tuesday-ish' cannot be read; indexed without a date",
                              warning=True)]
