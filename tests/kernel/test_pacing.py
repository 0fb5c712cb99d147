"""The pacer spaces calls per workspace and kind of call, and never makes one wait for another."""

from __future__ import annotations

from bot.slack.pacing import Pacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def _pacer(t: FakeTime) -> Pacer:
    return Pacer(1.0, monotonic=t.monotonic, sleep=t.sleep)


def test_calls_under_one_key_are_spaced_by_the_interval() -> None:
    t = FakeTime()
    pacer = _pacer(t)
    for _ in range(3):
        pacer.wait("T1:post")
    assert t.slept == [1.0, 1.0]


def test_another_workspace_or_kind_of_call_does_not_wait() -> None:
    t = FakeTime()
    pacer = _pacer(t)
    pacer.wait("T1:post")
    pacer.wait("T2:post")  # another workspace
    pacer.wait("T1:files")  # another kind of call in the same workspace
    assert t.slept == []
    pacer.wait("T1:post")
    assert t.slept == [1.0]


def test_a_key_that_rested_long_enough_goes_at_once() -> None:
    t = FakeTime()
    pacer = _pacer(t)
    pacer.wait("T1:post")
    t.now += 5
    pacer.wait("T1:post")
    assert t.slept == []
