"""A circuit breaker per host for the HTTP sources.

With a host down, each of a source's requests would otherwise spend all its
retries on it: 23 requests x 4 attempts = 92 requests and 7 s before the run
goes on without the source. After `threshold` consecutive failures at one
host (a connection error, a timeout, a 5xx) the breaker opens, and every
later request to that host in this run is skipped at once. Any other answer
from the host, even a 404, shows it is up and resets the count. The breaker
never closes again within a run: a run is short, and a host that failed this
often is not worth the wait of probing it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# Two requests' worth of retries with the default policy (4 attempts each): one
# unlucky request alone does not open the breaker.
THRESHOLD: Final = 5


@dataclass
class Breakers:
    threshold: int = THRESHOLD
    _failures: dict[str, int] = field(default_factory=dict)  # host -> consecutive failures

    def is_open(self, host: str) -> bool:
        return self._failures.get(host, 0) >= self.threshold

    def failed(self, host: str) -> None:
        self._failures[host] = self._failures.get(host, 0) + 1

    def answered(self, host: str) -> None:
        if not self.is_open(host):
            self._failures[host] = 0

    def failures(self, host: str) -> int:
        return self._failures.get(host, 0)
