"""A per-user rate limit for questions: at most `rate` in any `per` seconds."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class Cooldown:
    """Sliding-window counter. `hit(user)` records a question and returns 0.0, or, when the user
    has already asked `rate` questions in the last `per` seconds, records nothing and returns
    the seconds until the next question is allowed."""

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate < 1 or per < 0:
            raise ValueError("rate must be at least 1 and per not negative")
        self.rate = rate
        self.per = per
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}

    def hit(self, user_id: int) -> float:
        now = self._clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.per:
            hits.popleft()
        if len(hits) >= self.rate:
            return max(0.01, self.per - (now - hits[0]))
        hits.append(now)
        if len(self._hits) > 10_000:  # forget users whose window has passed
            self._hits = {u: h for u, h in self._hits.items() if h and now - h[-1] < self.per}
        return 0.0


def cooldown_message(wait: float) -> str:
    seconds = max(1, round(wait))
    unit = "second" if seconds == 1 else "seconds"
    return (
        f"You're asking faster than I can keep up — please wait {seconds} {unit} "
        "and ask again."
    )
