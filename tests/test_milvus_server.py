"""The `http://host:port` path of the Milvus backend, against a Milvus server in another process.

The server is milvus-lite's own gRPC server (`python -m milvus_lite server`), the protocol a
Milvus standalone or cluster speaks; newsqa reaches it by URI only, as it would a cluster. Two
engines on one URI are two bot replicas sharing one Milvus: what one writes, the other answers
from on its next question."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES, FakeEmbedder, settings_for

from retrieval.engine import Engine
from retrieval.index import Scope

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def milvus_uri(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "milvus_lite", "server", "--data-dir", str(tmp_path / "milvus"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail("the Milvus server did not start: "
                            + (server.stderr.read().decode() if server.stderr else ""))
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                pytest.fail("the Milvus server did not open its port in 120 s")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _replica(tmp: Path, uri: str, name: str) -> Engine:
    s = settings_for(tmp).with_index_dir(str(tmp / "writer-lock"))  # one writer's lock folder
    s = dataclasses.replace(s, store=dataclasses.replace(s.store, backend="milvus", uri=uri,
                                                         collection="shared"))
    return Engine(s, embedder=FakeEmbedder())


def test_replicas_share_one_milvus_server_over_http(tmp_path, milvus_uri, articles_dir):
    writer = _replica(tmp_path, milvus_uri, "writer")
    reader = _replica(tmp_path, milvus_uri, "reader")
    assert not reader.store.exists()
    writer.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    assert set(reader.snapshot().articles) == {"000_9bf6159a81baad6f"}
    writer.index([SAMPLES])  # the reader's next question sees the new generation
    view = reader.snapshot()
    assert len(view.articles) == 5 and view.generation == writer.snapshot().generation
    answer = reader.ask("What did Zakharova say?")
    assert not answer.no_answer and "Zakharova" in answer.text
    dated = [a for a in view.articles.values() if a.date]
    rows = view.allowed_rows(Scope(since=dated[0].date, until=dated[0].date))
    assert {view.passage(i).article_id for i in rows} == {
        a.id for a in view.articles.values() if a.date == dated[0].date}
    writer.remove([dated[0].id])
    assert dated[0].id not in reader.snapshot().articles
