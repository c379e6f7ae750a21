"""The shared frontier on Redis: scrapy-redis' scheduler and duplicate filter, with a queue
that loses no request when a worker dies.

A popped request moves (LMOVE, atomically) from the shared queue to the worker's in-flight
list and stays there until it is done: its item pushed (in the same MULTI as the push), or its
callback finished without an item (a list page: its links are in the queue by then), or it was
dropped on purpose. Each worker keeps a heartbeat key alive; the in-flight list of a worker
whose heartbeat has expired (kill -9, a lost machine) is moved back into the queue by any other
worker. Every Redis call rides out a restart (redis_link.retrying).
"""

from __future__ import annotations

from typing import Any

from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler

from fanwen_crawler.distributed.redis_link import as_text, retrying

# request.meta key of an in-flight request's marker: (in-flight list, the bytes popped).
INFLIGHT = "fanwen_inflight"
# A worker not heard of for this long is taken for dead (FANWEN_REDIS_HEARTBEAT).
HEARTBEAT_SECONDS = 15


def inflight_key(queue_key: str, worker: str) -> str:
    return queue_key.removesuffix(":requests") + f":inflight:{worker}"


def alive_key(queue_key: str, worker: str) -> str:
    return queue_key.removesuffix(":requests") + f":alive:{worker}"


# Seen-check, push and release in one step: a worker killed between marking a link seen and
# queueing it would otherwise lose the link for good (re-fetching its page finds it "seen").
_ENQUEUE = """
local fresh = 1
if ARGV[1] ~= '' then fresh = redis.call('SADD', KEYS[1], ARGV[1]) end
if fresh == 1 then redis.call('LPUSH', KEYS[2], ARGV[2]) end
if ARGV[3] ~= '' then redis.call('LREM', KEYS[3], 1, ARGV[3]) end
return fresh
"""


class ReliableQueue(Base):  # type: ignore[misc]
    """FIFO queue of requests (scrapy-redis' queue interface) with in-flight lists."""

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.worker: str = spider.fanwen_worker
        self.inflight = inflight_key(self.key, self.worker)
        self._enqueue = server.register_script(_ENQUEUE)

    def __len__(self) -> int:
        return int(retrying(lambda: self.server.llen(self.key)))

    def push(self, request: Any, seen_key: str | None = None, fingerprint: str = "") -> bool:
        """Queue a request in one step (_ENQUEUE) with marking its `fingerprint` seen in the
        set `seen_key` (none: no duplicate check) and releasing its in-flight marker (a retry
        or redirect of a popped request); False when it was seen already."""
        marker = request.meta.pop(INFLIGHT, None)
        data = self._encode_request(request)
        fresh = retrying(
            lambda: self._enqueue(
                keys=[seen_key or self.key, self.key, marker[0] if marker else self.key],
                args=[fingerprint if seen_key else "", data, marker[1] if marker else ""],
            )
        )
        return bool(fresh)

    def pop(self, timeout: int = 0) -> Any:
        data = retrying(lambda: self.server.lmove(self.key, self.inflight, "RIGHT", "LEFT"))
        if data is None:
            return None
        request = self._decode_request(data)
        request.meta[INFLIGHT] = (self.inflight, data)
        return request

    def clear(self) -> None:
        retrying(lambda: self.server.delete(self.key, self.inflight))


class ReliableScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis' scheduler, enqueueing atomically (_ENQUEUE): a request is marked seen
    only together with being queued, and a popped request that comes back (a retry, a
    redirect) leaves its worker's in-flight list in the same step."""

    def enqueue_request(self, request: Any) -> bool:
        if request.dont_filter:
            queued = self.queue.push(request)
        else:
            queued = self.queue.push(request, self.df.key, self.df.request_fingerprint(request))
        if not queued:
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True


def done(server: Any, marker: tuple[str, bytes]) -> None:
    """A popped request is finished: off its worker's in-flight list."""
    retrying(lambda: server.lrem(marker[0], 1, marker[1]))


def heartbeat(server: Any, queue_key: str, worker: str, seconds: float = HEARTBEAT_SECONDS) -> None:
    retrying(lambda: server.set(alive_key(queue_key, worker), 1, ex=max(1, int(seconds))))


def reclaim_dead(server: Any, queue_key: str, me: str) -> int:
    """Move the in-flight requests of dead workers back into the queue; returns how many."""
    moved = 0
    for key in _inflight_lists(server, queue_key):
        worker = as_text(key).rsplit(":inflight:", 1)[1]
        if worker == me or _exists(server, alive_key(queue_key, worker)):
            continue
        while _move(server, key, queue_key) is not None:
            moved += 1
    return moved


def _inflight_lists(server: Any, queue_key: str) -> list[Any]:
    pattern = inflight_key(queue_key, "*")
    return list(retrying(lambda: list(server.scan_iter(match=pattern, count=100))))


def _length(server: Any, key: Any) -> int:
    return int(retrying(lambda: server.llen(key)))


def _exists(server: Any, key: str) -> bool:
    return bool(retrying(lambda: server.exists(key)))


def _move(server: Any, source: Any, target: str) -> Any:
    return retrying(lambda: server.lmove(source, target, "RIGHT", "LEFT"))


def give_back(server: Any, queue_key: str, worker: str, keep_alive: bool = False) -> int:
    """A worker's requests in flight go back to the queue: at its close (unfinished ones, for
    the others), or when it is idle (strays of a retried move)."""
    moved = 0
    inflight = inflight_key(queue_key, worker)
    while _move(server, inflight, queue_key) is not None:
        moved += 1
    if not keep_alive:
        retrying(lambda: server.delete(alive_key(queue_key, worker)))
    return moved


def others_busy(server: Any, queue_key: str, me: str) -> bool:
    """Whether another live worker holds requests in flight (their pages may add links)."""
    for key in _inflight_lists(server, queue_key):
        worker = as_text(key).rsplit(":inflight:", 1)[1]
        if worker != me and _length(server, key):
            return True
    return False
