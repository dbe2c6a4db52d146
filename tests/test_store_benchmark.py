"""The store benchmark's machinery on a tiny index (no wall-clock assertions)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import store as bench  # noqa: E402


@pytest.mark.skipif(not bench.DATASET.exists(), reason="no dataset")
def test_tiny_store_benchmark_reports_every_figure(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert bench.main(["--sizes", "400", "--milvus-sizes", "400", "--queries", "3",
                       "--statement-articles", "0", "--recall-vectors", "300",
                       "--work", str(tmp_path / "w"), "--json", str(out)]) == 0
    res = json.loads(out.read_text())
    rows = {r["backend"]: r for r in res["results"]}
    assert set(rows) == {"files", "milvus"}
    for r in rows.values():
        assert r["passages"] == 400
        for key in ("load_s", "p50_ms", "p95_ms", "rss_mb", "disk_mb", "cold_add_s"):
            assert r[key] > 0, key
        assert r["adds"]["1"]["bytes"] > 0 and r["adds"]["10"]["bytes"] > r["adds"]["1"]["bytes"]
    files = rows["files"]["adds"]
    for n in ("1", "10"):  # an add writes its segment and a small manifest, nothing else
        assert files[n]["segment_bytes"] <= files[n]["bytes"] <= 2 * files[n]["segment_bytes"]
    table = capsys.readouterr().out
    assert "| files | 400 |" in table and "| milvus | 400 |" in table
