"""Progress bars on stderr for long CLI operations (silent when stderr is not a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress_bar(description: str, unit: str = "sentence") -> Iterator[Callable[[int, int], None]]:
    """Yield a `(done, total)` callback that drives one tqdm bar."""
    bar: tqdm | None = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total or None,
                desc=description,
                unit=unit,
                unit_scale=unit == "B",
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
                leave=False,
            )
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()
