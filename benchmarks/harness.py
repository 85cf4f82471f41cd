"""Measurements of our heavy paths side by side with the physical limit, in one run.

A measurement times *ours* (the platform's own path) and *limit* (the least the database or the
web server needs for the same work: a hand-written aggregate, ``COPY``, a bare view), taking
turns n times so that a busy machine slows both alike, and reports the ratio of the medians.
Time is what counts; throughput is measured as time per request. Some paths have no limit
side and a time budget instead (``budget_seconds``).

Each ``benchmarks/bench_*.py`` module defines ``MEASUREMENTS``, a list of :class:`Measurement`,
or a function ``measurements()`` returning one (so that setup can wait until it is needed).
``manage.py bench`` runs them all and prints one line per measurement::

    NAME: ratio R, target T (ours X, limit Y, n=N)
    NAME: X s, target ≤ T s (n=N)

and exits with status 1 when any is over its target.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO


@dataclass
class Measurement:
    name: str
    #: Ours divided by the limit must be at most this (lower is better); or, with
    #: ``budget_seconds``, ours must take at most that many seconds.
    target: float
    ours: Callable[[], Any]
    limit: Callable[[], Any] | None = None
    budget_seconds: float | None = None
    #: Optional: called once after the timed runs; returns extra text for the line, e.g. the
    #: peak memory growth of ours ("memory +12.3 MiB, target < 50 MiB") and whether it is within
    #: its own target.
    extra: Callable[[], tuple[str, bool]] | None = None
    #: Runs before each timed call of ours and of limit, untimed (e.g. emptying a staging table).
    before_each: Callable[[], Any] | None = None
    ours_times: list[float] = field(default_factory=list)
    limit_times: list[float] = field(default_factory=list)

    def _timed(self, call: Callable[[], Any]) -> float:
        if self.before_each is not None:
            self.before_each()
        gc.collect()
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    def run_once(self, turn: int) -> None:
        # Alternate which side goes first, so neither always meets a cold cache.
        sides = [(self.ours, self.ours_times), (self.limit, self.limit_times)]
        if turn % 2:
            sides.reverse()
        for call, times in sides:
            if call is not None:
                times.append(self._timed(call))

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours_times)

    @property
    def limit_median(self) -> float:
        return statistics.median(self.limit_times)

    def verdict(self) -> tuple[str, bool]:
        n = len(self.ours_times)
        if self.limit is None:
            budget = self.budget_seconds if self.budget_seconds is not None else self.target
            line = f"{self.name}: {self.ours_median:.3f} s, target ≤ {budget:.3f} s (n={n})"
            ok = self.ours_median <= budget
        else:
            ratio = self.ours_median / self.limit_median
            line = (
                f"{self.name}: ratio {ratio:.2f}, target {self.target:g} "
                f"(ours {self.ours_median:.3f} s, limit {self.limit_median:.3f} s, n={n})"
            )
            ok = ratio <= self.target
        if self.extra is not None:
            text, extra_ok = self.extra()
            line += f"; {text}"
            ok = ok and extra_ok
        return line, ok


def discover(names: Iterable[str] = ()) -> list[Measurement]:
    """Every measurement of ``benchmarks/bench_*.py``, or only of the modules named."""
    import benchmarks

    wanted = set(names)
    found: list[Measurement] = []
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if wanted and info.name not in wanted and info.name.removeprefix("bench_") not in wanted:
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        provider = getattr(module, "measurements", None)
        found.extend(provider() if callable(provider) else getattr(module, "MEASUREMENTS", []))
    return found


def run(measurements: list[Measurement], *, repeat: int = 3, out: TextIO) -> bool:
    """Time every measurement ``repeat`` times, interleaved; print one line each."""
    for turn in range(repeat):
        for measurement in measurements:
            measurement.run_once(turn)
    all_ok = True
    for measurement in measurements:
        line, ok = measurement.verdict()
        all_ok = all_ok and ok
        out.write(("" if ok else "OVER TARGET ") + line + "\n")
    return all_ok
