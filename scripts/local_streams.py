"""Every `on_dynamodb_record` handler of the app, run against moto_server's DynamoDB streams as Lambda runs it.

`make dev` starts this as a child process beside the API, so what runs from a stream in the cloud also runs
locally. It behaves as the event source mappings the CDK app deploys (infra/streams.py):

- each handler reads its table's stream on its own (the handlers concurrently), from the declared starting
  position, in batches of its size;
- with a parallelization factor above 1 (chalicelib/streams.py, as the mapping's ParallelizationFactor), up to
  that many batches of one shard are delivered concurrently, the records of one partition key always in the same
  lane and in order; the checkpoint moves once every lane is through;
- a batch whose handler raises is retried (3 times), then split in halves, each retried again (Lambda's
  BisectBatchOnFunctionError), so one poison record is isolated and its neighbours are delivered;
- a single record that still fails goes to the dead letters (`.local/stream-dead-letters.jsonl`, the local
  stand-in for the SQS on-failure destination) and the stream moves on: nothing blocks it, nothing is dropped
  silently;
- the position reached is checkpointed per stream in `.local/streams/`, so a restart against a reused moto server
  resumes where it stopped instead of delivering everything again (delivery is still at least once, as in Lambda:
  handlers are idempotent).
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from chalice.app import Chalice, DynamoDBEventConfig  # noqa: E402

from chalicelib.streams import parallelization_factor, table_of  # noqa: E402

LOG = logging.getLogger("local_streams")
RETRIES = 3
POLL_SECONDS = 0.25

Handler = Callable[[dict[str, Any], Any], Any]


@dataclass(frozen=True)
class StreamHandler:
    name: str
    table: str  # the `Tables` field whose stream it reads
    batch_size: int
    starting_position: str  # TRIM_HORIZON | LATEST
    function: Handler
    parallelization: int = 1  # concurrent batches per shard


def stream_handlers(app: Chalice, module: ModuleType) -> list[StreamHandler]:
    """The app's stream handlers, each with the callable Lambda would invoke (`app.<name>`)."""
    found = []
    for source in app.event_sources:
        if isinstance(source, DynamoDBEventConfig):
            attribute = source.handler_string.rsplit(".", 1)[-1]
            found.append(
                StreamHandler(
                    name=source.name,
                    table=table_of(source.stream_arn),
                    batch_size=source.batch_size,
                    starting_position=source.starting_position,
                    function=getattr(module, attribute),
                    parallelization=parallelization_factor(source.name),
                )
            )
    return found


@dataclass
class LocalContext:
    """What a handler may read of Lambda's context object."""

    function_name: str
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:local:000000000000:function:local"

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


@dataclass(frozen=True)
class Delivery:
    delivered: int  # records a handler accepted (a redelivered record counts each time)
    dead_lettered: int

    def __add__(self, other: Delivery) -> Delivery:
        return Delivery(self.delivered + other.delivered, self.dead_lettered + other.dead_lettered)


class StreamRunner:
    def __init__(
        self,
        handlers: Sequence[StreamHandler],
        *,
        table_name: Callable[[str], str],
        state_dir: Path,
        client: Any = None,
        retries: int = RETRIES,
    ) -> None:
        import boto3

        self._handlers = list(handlers)
        self._table_name = table_name
        self._dynamodb: Any = boto3.client("dynamodb") if client is None else client
        self._streams: Any = boto3.client("dynamodbstreams")
        self._retries = retries
        self._checkpoints = state_dir / "streams"
        self._dead_letters = state_dir / "stream-dead-letters.jsonl"
        self._iterators: dict[tuple[str, str], str | None] = {}  # (handler, shard) -> next iterator; None: done
        self._dead_letter_lock = threading.Lock()

    @property
    def handlers(self) -> list[StreamHandler]:
        return list(self._handlers)

    # --------------------------------------------------------------------------------------------- polling

    def poll_once(self) -> Delivery:
        """Deliver every record each stream holds now, for every handler (concurrently); return what happened."""
        if len(self._handlers) <= 1:
            return sum((self._poll(h) for h in self._handlers), Delivery(0, 0))
        with ThreadPoolExecutor(max_workers=len(self._handlers)) as pool:
            return sum(pool.map(self._poll, self._handlers), Delivery(0, 0))

    def _poll(self, handler: StreamHandler) -> Delivery:
        total = Delivery(0, 0)
        stream = self._stream_arn(handler.table)
        if stream is None:
            return total
        for shard in self._shards(stream):
            for records in self._batches(handler, stream, shard, handler.batch_size * handler.parallelization):
                lanes = _lanes(records, handler.batch_size, handler.parallelization)
                if len(lanes) == 1:
                    total += self._deliver_lane(handler, lanes[0])
                else:
                    with ThreadPoolExecutor(max_workers=len(lanes)) as pool:
                        total += sum(pool.map(partial(self._deliver_lane, handler), lanes), Delivery(0, 0))
                self._save_checkpoint(handler, stream, shard, records[-1]["dynamodb"]["SequenceNumber"])
        return total

    def _deliver_lane(self, handler: StreamHandler, batches: list[list[dict[str, Any]]]) -> Delivery:
        total = Delivery(0, 0)
        for batch in batches:
            total += Delivery(*self._deliver(handler, batch))
        return total

    def skip_existing(self) -> int:
        """Checkpoint every handler at the end of its stream as it is now, delivering nothing; returns the records
        passed over. For data loaded in bulk together with what its handlers would have made of it (make dev's
        demo positions and their keyword index), so the handlers do not spend minutes redoing it."""
        skipped = 0
        for handler in self._handlers:
            stream = self._stream_arn(handler.table)
            if stream is None:
                continue
            for shard in self._shards(stream):
                for batch in self._batches(handler, stream, shard):
                    skipped += len(batch)
                    self._save_checkpoint(handler, stream, shard, batch[-1]["dynamodb"]["SequenceNumber"])
        return skipped

    def run(self, stop: threading.Event, interval: float = POLL_SECONDS) -> None:
        while not stop.is_set():
            try:
                self.poll_once()
            except Exception:  # a moto hiccup must not end the runner; the next poll resumes from the checkpoint
                LOG.exception("polling the streams failed; retrying")
            stop.wait(interval)

    def _stream_arn(self, table: str) -> str | None:
        description = self._dynamodb.describe_table(TableName=self._table_name(table))["Table"]
        arn: str | None = description.get("LatestStreamArn")
        return arn

    def _shards(self, stream: str) -> list[str]:
        shards = self._streams.describe_stream(StreamArn=stream)["StreamDescription"]["Shards"]
        return [s["ShardId"] for s in shards]

    def _batches(
        self, handler: StreamHandler, stream: str, shard: str, limit: int | None = None
    ) -> Iterator[list[dict[str, Any]]]:
        key = (f"{handler.name}@{stream}", shard)
        if key not in self._iterators:
            self._iterators[key] = self._first_iterator(handler, stream, shard)
        while (iterator := self._iterators[key]) is not None:
            answer = self._streams.get_records(ShardIterator=iterator, Limit=min(limit or handler.batch_size, 1000))
            self._iterators[key] = answer.get("NextShardIterator")
            records = answer.get("Records", [])
            if not records:
                return
            yield [_as_lambda_record(r, stream) for r in records]

    def _first_iterator(self, handler: StreamHandler, stream: str, shard: str) -> str:
        sequence = self._load_checkpoint(handler, stream, shard)
        position = {"ShardIteratorType": handler.starting_position}
        if sequence is not None:
            position = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": sequence}
        iterator: str = self._streams.get_shard_iterator(StreamArn=stream, ShardId=shard, **position)["ShardIterator"]
        return iterator

    # -------------------------------------------------------------------------------------------- delivery

    def _deliver(self, handler: StreamHandler, records: list[dict[str, Any]]) -> tuple[int, int]:
        """(records delivered, records dead-lettered): retry, then bisect, then park the single record."""
        for attempt in range(1 + self._retries):
            try:
                handler.function({"Records": records}, LocalContext(function_name=handler.name))
                return len(records), 0
            except Exception:
                LOG.warning(
                    "stream handler %s failed on %d record(s), attempt %d of %d",
                    handler.name,
                    len(records),
                    attempt + 1,
                    1 + self._retries,
                    exc_info=True,
                )
        if len(records) > 1:
            middle = len(records) // 2
            first, second = self._deliver(handler, records[:middle]), self._deliver(handler, records[middle:])
            return first[0] + second[0], first[1] + second[1]
        self._dead_letter(handler, records[0])
        return 0, 1

    def _dead_letter(self, handler: StreamHandler, record: dict[str, Any]) -> None:
        LOG.error("stream handler %s gave up on record %s: dead-lettered", handler.name, record["eventID"])
        self._dead_letters.parent.mkdir(parents=True, exist_ok=True)
        with self._dead_letter_lock, self._dead_letters.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"handler": handler.name, "record": record}, ensure_ascii=False) + "\n")

    # ----------------------------------------------------------------------------------------- checkpoints

    def _checkpoint_file(self, handler: StreamHandler) -> Path:
        return self._checkpoints / f"{handler.name}.json"

    def _load_checkpoint(self, handler: StreamHandler, stream: str, shard: str) -> str | None:
        path = self._checkpoint_file(handler)
        if not path.exists():
            return None
        saved: dict[str, str] = json.loads(path.read_text()).get(stream, {})
        return saved.get(shard)

    def _save_checkpoint(self, handler: StreamHandler, stream: str, shard: str, sequence: str) -> None:
        path = self._checkpoint_file(handler)
        path.parent.mkdir(parents=True, exist_ok=True)
        state = json.loads(path.read_text()) if path.exists() else {}
        state.setdefault(stream, {})[shard] = sequence
        path.write_text(json.dumps(state))


def _lanes(records: list[dict[str, Any]], batch_size: int, lanes: int) -> list[list[list[dict[str, Any]]]]:
    """Records split as Lambda splits a shard under a parallelization factor: by a hash of the partition key,
    so one key's records stay in one lane in order; each lane in batches of the handler's size."""
    split: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        keys = json.dumps(record["dynamodb"]["Keys"], sort_keys=True).encode()
        split.setdefault(zlib.crc32(keys) % lanes, []).append(record)
    return [[lane[i : i + batch_size] for i in range(0, len(lane), batch_size)] for lane in split.values()]


def _as_lambda_record(record: dict[str, Any], stream: str) -> dict[str, Any]:
    """A GetRecords record in the shape Lambda delivers: epoch seconds, the stream ARN, JSON-safe values."""
    change = dict(record["dynamodb"])
    created = change.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        change["ApproximateCreationDateTime"] = created.timestamp()
    return {
        "eventID": record["eventID"],
        "eventName": record["eventName"],
        "eventVersion": record.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": record.get("awsRegion", "cn-north-1"),
        "eventSourceARN": stream,
        "dynamodb": change,
    }


def runner_for_app(state_dir: Path) -> StreamRunner:
    """The runner for this project's app, its tables named by the environment (as in Lambda)."""
    import app as app_module
    from chalicelib.config import settings

    handlers = stream_handlers(app_module.app, app_module)
    return StreamRunner(handlers, table_name=lambda t: getattr(settings().tables, t), state_dir=state_dir)


def run_stream_handlers_once(state_dir: Path) -> Delivery:
    """For tests on moto_server: deliver what every stream holds now, then return."""
    return runner_for_app(state_dir).poll_once()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="local_streams %(levelname)s %(message)s")
    runner = runner_for_app(ROOT / ".local")
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    names = ", ".join(f"{h.name} ({h.table})" for h in runner.handlers) or "none declared"
    LOG.info("stream handlers: %s", names)
    runner.run(stop)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
