"""The benchmark's timing of a page or a PDF against its floor (bench/timing.py)."""

import pytest

from bench.timing import WARMUP, in_turn, measure_against


class _Client:
    """Answers every GET with 200 and remembers the order of the URLs."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.urls: list[str] = []

    def get(self, url: str):
        self.urls.append(url)
        return type("Response", (), {"status_code": self.status})()


@pytest.mark.django_db
def test_a_page_and_its_floor_are_timed_in_turn():
    client = _Client()
    page, floor = measure_against(client, "/page/", "/floor/", 4)
    warm_up = ["/page/"] * (WARMUP + 1) + ["/floor/"] * (WARMUP + 1)
    assert client.urls == warm_up + ["/page/", "/floor/"] * 4
    for figures in (page, floor):
        assert set(figures) == {"median_ms", "p95_ms", "queries"}
        assert figures["queries"] == 0
        assert 0 <= figures["median_ms"] <= figures["p95_ms"]


@pytest.mark.django_db
def test_a_page_that_fails_is_not_timed():
    client = _Client(status=403)
    with pytest.raises(RuntimeError, match="/page/ answered 403"):
        measure_against(client, "/page/", "/floor/", 4)
    assert client.urls == ["/page/"]


def test_work_and_its_floor_take_turns_and_each_run_is_timed():
    calls = []
    work, floor = in_turn(lambda: calls.append("work"), lambda: calls.append("floor"), 3)
    assert calls == ["work", "floor"] * 3
    assert len(work) == len(floor) == 3
    assert all(seconds >= 0 for seconds in work + floor)


def test_garbage_is_collected_before_each_call_when_asked(monkeypatch):
    calls = []
    monkeypatch.setattr("bench.timing.gc.collect", lambda: calls.append("collect"))
    in_turn(lambda: calls.append("work"), lambda: calls.append("floor"), 2, collect=True)
    assert calls == ["collect", "work", "collect", "floor"] * 2
    calls.clear()
    in_turn(lambda: calls.append("work"), lambda: calls.append("floor"), 1)
    assert calls == ["work", "floor"]
