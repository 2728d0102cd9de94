"""The local stack's journal (billma_cli.local.persistence): records read back in order, a tail
torn by a kill dropped, SQS messages named across a replay by what they carry."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from billma_cli.local.persistence import Journal, Record, message_identity, read_records


def test_records_come_back_in_order_and_a_torn_tail_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "journal.bin"
    journal = Journal(path)
    records = [Record({"kind": "request", "n": n}, bytes([n]) * (n * 100)) for n in range(5)]
    for record in records:
        journal.append(record)
    journal.close()
    whole = path.stat().st_size
    with path.open("ab") as file:
        file.write(b"\x00\x00\x00\x10\x00\x00")  # a header the kill cut short
    assert list(read_records(path)) == records
    assert path.stat().st_size == whole  # the torn bytes are gone: the next appends follow the good ones

    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # the last record's body damaged: its checksum no longer holds
    path.write_bytes(bytes(data))
    assert list(read_records(path)) == records[:-1]


def test_a_notification_is_named_by_its_object_keys_not_its_time() -> None:
    def notification(key: str, time: str) -> str:
        return json.dumps({"Records": [{"eventTime": time, "s3": {"object": {"key": key, "size": 3}}}]})

    first = message_identity(notification("uploads/a/1", "2026-01-01T00:00:00Z"))
    assert first == message_identity(notification("uploads/a/1", "2026-06-01T10:00:00Z"))
    assert first != message_identity(notification("uploads/a/2", "2026-01-01T00:00:00Z"))
    assert message_identity('{"Service":"Amazon S3","Event":"s3:TestEvent"}') == "s3:test"
    assert message_identity("plain") != message_identity("other")


def test_one_fsync_covers_every_record_appended_before_it(tmp_path: Path) -> None:
    path = tmp_path / "journal.bin"
    journal = Journal(path)
    records = [Record({"kind": "request", "n": n}, b"x" * n) for n in range(3)]
    positions = [journal.append(record) for record in records]
    assert positions == [1, 2, 3]
    journal.wait_durable(positions[1])
    assert journal.syncs == 1
    assert list(read_records(path, repair=False)) == records  # the later one went with it
    journal.wait_durable(positions[2])
    assert journal.syncs == 1  # already on disk: no second fsync
    journal.append(Record({"kind": "request", "n": 3}))
    journal.wait_durable(journal.appended)
    assert journal.syncs == 2
    journal.close()
    journal.wait_durable(journal.appended)  # closed: everything is on disk already
    assert len(list(read_records(path))) == 4


def test_concurrent_writers_each_return_with_their_record_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "journal.bin"
    journal = Journal(path)
    seen: list[bool] = []

    def write(n: int) -> None:
        position = journal.append(Record({"kind": "request", "n": n}))
        journal.wait_durable(position)
        on_disk = [record.meta["n"] for record in read_records(path, repair=False)]
        seen.append(n in on_disk)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    journal.close()
    assert seen == [True] * 40
    assert 1 <= journal.syncs <= 40
    assert sorted(record.meta["n"] for record in read_records(path)) == list(range(40))
