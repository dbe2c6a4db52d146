"""The benchmark machinery on a tiny subset with the real model (no wall-clock assertions)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `pytest` (not `python -m pytest`) does not put the repo on the path
    sys.path.insert(0, str(REPO))

from benchmarks import run as bench  # noqa: E402

DATASET = bench.DEFAULT_DATASET
needs_dataset = pytest.mark.skipif(
    not (DATASET / "articles.jsonl.gz").exists(), reason=f"no dataset at {DATASET}"
)


def test_subset_order_is_search_results_question_by_question_then_file_order():
    articles = [{"id": x} for x in ("a", "b", "c", "d", "e", "f")]
    questions = [{"search_results": ["c", "a"]}, {"search_results": []},
                 {"search_results": ["a", "e", "zz"]}]
    order = bench.article_order(articles, questions)
    assert order == ["c", "a", "e", "b", "d", "f"]
    assert bench.split_subset(order, 3, 0.01) == (["c", "a", "e"], ["b"], False)
    # No article left after the subset: the increment is its last one, removed and re-added.
    assert bench.split_subset(order, None, 0.34) == (order, ["d", "f"], True)


def test_report_replaces_only_the_generated_part(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    bench.write_markdown(out, "first figures\n")
    text = out.read_text()
    assert "first figures" in text and bench.MARK_BEGIN in text and bench.MARK_END in text
    out.write_text("# Benchmarks\n\nHand-written intro.\n\n" + text.split("\n\n", 1)[1]
                   + "\nHand-written notes.\n")
    bench.write_markdown(out, "second figures\n")
    text = out.read_text()
    assert "second figures" in text and "first figures" not in text
    assert "Hand-written intro." in text and "Hand-written notes." in text
    assert text.count(bench.MARK_BEGIN) == 1


@pytest.mark.slow
@needs_dataset
def test_tiny_benchmark_reports_every_figure(tmp_path, real_embedder):
    opts = bench.Options(articles=15, questions=5, ask=3, work_dir=tmp_path / "work")
    res = bench.run(opts, embedder=real_embedder)

    ix = res["indexing"]
    assert res["subset"]["articles"] == 15 and ix["articles_indexed"] >= 14
    assert ix["passages"] > 15
    assert ix["inputs_match_plan"]  # the baseline embedded exactly what the pipeline embedded
    assert ix["baseline_max_abs_diff"] < 1e-3
    for key in ("pipeline_passages_per_s", "baseline_passages_per_s", "ratio_pipeline_to_baseline"):
        assert ix[key] > 0 and math.isfinite(ix[key]), key
    assert ix["rerun_embedded"] == 0 and ix["rerun_unchanged"] == ix["articles_indexed"]
    assert ix["increment_articles"] == 1 and ix["increment_embedded"] > 0
    assert ix["after_increment_passages"] == ix["passages"] + ix["increment_embedded"]

    qs = res["questions"]
    assert 0 < qs["answerable"] <= 5 and qs["on_topic"] <= qs["answerable"]
    for block in res["quality"].values():
        for mode in bench.MODES:
            s = block[mode]
            if not s["questions"]:
                continue
            for key in ("recall@5", "recall@10", "mrr@10", "answered", "grounded@10"):
                assert 0.0 <= s[key] <= 1.0, (mode, key)
            assert s["recall@5"] <= s["recall@10"]
            assert s["mrr@10"] <= s["recall@10"]
    fused = res["quality"]["answerable"]["fused"]
    assert fused["answered"] == 1.0  # the gate off, every question gets passages
    assert res["gate_sweep"]["rows"] and res["gate_sweep"]["agreement"] is not None

    lat = res["latency"]
    assert lat["questions"] == min(3, qs["answerable"])
    assert 0 < lat["encode_ms_median"] <= lat["encode_ms_p95"]
    assert 0 < lat["ask_ms_median"] <= lat["ask_ms_p95"]

    md = bench.render_markdown(res, "python -m benchmarks.run --articles 15")
    for needle in ("### Indexing", "Pipeline / baseline throughput", "### Retrieval quality",
                   "dense only", "lexical only", "gate on (product)", "Relevance gate sweep",
                   "### Latency", "Engine.ask", "Re-run on the unchanged corpus", "Incremental"):
        assert needle in md, needle
    assert "nan" not in md
    bench.write_json(res, tmp_path / "r.json")
    assert (tmp_path / "r.json").stat().st_size > 0


def test_quality_report_measures_the_quoted_words_and_sweeps_the_decline_threshold(tmp_path):
    from benchmarks import quality

    assert quality.reply_text("(9 January 2025) Abraham Lincoln's catafalque. [1]").split() \
        == ["Abraham", "Lincoln's", "catafalque."]
    assert "2025" not in quality.reply_text("(9 January 2025) It was built in 1865. [1]")
    rank = {"at5": True, "at10": True, "first": 1}
    miss = {"at5": False, "at10": False, "first": None}
    cov = [{"id": "q1", **{m: rank for m in ("dense", "bm25", "fused_plain", "fused", "ask")},
            "confidence": 0.9, "declined": False, "as_of_caveat": False, "citations": 2,
            "in_reply": True, "in_cited": True, "in_cited_or_more": True, "ask_ms": 5.0},
           {"id": "q2", **{m: miss for m in ("dense", "bm25", "fused_plain", "fused", "ask")},
            "confidence": 0.5, "declined": False, "as_of_caveat": False, "citations": 1,
            "in_reply": False, "in_cited": False, "in_cited_or_more": False, "ask_ms": 7.0}]
    newer = [{"id": "n1", "confidence": 0.6, "declined": False, "as_of_caveat": True,
              "citations": 1, "ask_ms": 4.0}]
    off = [{"id": "o1", "confidence": None, "declined": True, "as_of_caveat": False,
            "citations": 0, "ask_ms": 3.0}]
    s = quality.summarize({"covered": cov, "newer": newer, "off_domain": off}, 0.7)
    assert s["halves"]["even"]["in_reply"] == 1.0 and s["halves"]["odd"]["in_reply"] == 0.0
    assert s["n"]["uncovered"] == 0 and s["declined_uncovered"] is None
    assert s["ranking"]["dense"]["recall@5"] == 0.5 and s["ranking"]["ask"]["mrr@10"] == 0.5
    assert s["in_reply"] == 0.5 and s["declined"] == 0.0
    assert s["declined_newer"] == 0.0 and s["declined_or_caveat_newer"] == 1.0
    assert s["declined_off_domain"] == 1.0
    at = {row["min_confidence"]: row for row in s["curve"]}
    assert at[0.7]["covered"] == 0.5 and at[0.7]["newer"] == 1.0
    assert at[0.7]["covered_in_reply"] == 0.5 and at[0.0]["covered"] == 0.0
    high = quality.summarize({"covered": cov, "newer": newer, "off_domain": off}, 0.95)["curve"]
    assert {row["min_confidence"]: row for row in high}[0.95]["covered_in_reply"] == 0.0
    res = {"summary": s, "started": "2026-12-02T03:00:00", "articles": 3, "passages": 9,
           "newest": "2025-03-08", "seconds": 1.0, "cache_hits": 9, "cache_misses": 0,
           "min_confidence": 0.0}
    md = quality.render(res, "python -m benchmarks.quality")
    out = tmp_path / "B.md"
    out.write_text("# B\n\nintro\n")
    quality.write_markdown(out, md)
    quality.write_markdown(out, md)
    text = out.read_text()
    assert text.count(quality.MARK_BEGIN) == 1 and "intro" in text and "50.0 %" in text


def test_the_own_question_sets_keep_only_what_the_index_can_or_cannot_answer():
    from benchmarks import quality

    texts = ["the eagles beat the chiefs in new orleans."]
    uncovered = quality.uncovered_questions(texts)
    short = quality.short_questions(texts)
    # an answer some article holds is not uncovered; an invented event always is
    assert "Who won the FIFA World Cup final in 1998?" in uncovered
    assert any("Atlantis" in q for q in uncovered)
    assert [q["question"] for q in short] == ["Who won the Super Bowl?",
                                              "Where was the Super Bowl played?"]
    assert not quality.short_questions(["nothing here"])


def test_who_said_what_judges_a_namesake_s_quote_apart_from_a_misattributed_one():
    """"What did Aker say?" about a couple: Dylan Aker's words shown as his are not the asked-for
    Aker's, but they are not misattributed; words shown under a name the article does not give
    them are."""
    from benchmarks.quotes_eval import _judge_shown
    from retrieval.models import Answer, Citation, Quote

    c = Citation(1, "a", "A", None, None, None, None, 0, 100, "", 1.0)
    gold = {"a": [{"start": 0, "end": 20, "speaker": "Dylan Aker"},
                  {"start": 40, "end": 60, "speaker": "Kim Aker"}]}
    shown = (Quote("Dylan Aker", None, "x" * 20, "said", 1, 0, 20, "quote"),
             Quote("Dylan Aker", None, "y" * 20, "said", 1, 40, 60, "quote"))
    ans = Answer("What did Aker say?", "", False, (c,), shown)
    assert _judge_shown(ans, gold, "Kim Aker") == (2, 1, 1)
    assert _judge_shown(ans, gold, "Dylan Aker") == (2, 1, 1)
    only_his = Answer("What did Aker say?", "", False, (c,), shown[:1])
    assert _judge_shown(only_his, gold, "Kim Aker") == (1, 1, 0)


@pytest.mark.parametrize("a, b, same", [
    ("DOGE", "Department of Government Efficiency", True),
    ("Department of Defense", "DOD", True),  # "of" counted
    ("ICE", "Immigration and Customs Enforcement", True),  # "and" not counted
    ("FBI", "Food and Drug Administration", False),
    ("Peskov", "Dmitry Peskov", True),
    ("WHO", "Jane Roe", False),
    ("Booker's office", "Cory Booker's office", True),  # a first name more
    ("Joe Biden", "Hunter Biden", False),
])
def test_the_scoring_counts_an_acronym_and_its_institution_as_one_speaker(a, b, same):
    from benchmarks.quotes_eval import same_speaker
    assert same_speaker(a, b) is same
