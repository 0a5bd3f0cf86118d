#!/usr/bin/env python3
"""A MongoDB wire-protocol peer for the MongoC example's tests, built on mockupdb (MongoDB's
test server for drivers) and PyMongo's `bson`.

Usage: mock_server.py SCENARIO REPO_ROOT

It listens on 127.0.0.1 (a free port), prints {"port": N} on the first line of stdout, plays
one scenario (a fixed, bounded list of expected requests and the replies to send), prints one
JSON line with what it received and sent, and exits: 0 when every check held, 1 otherwise.
A watchdog ends the process after WATCHDOG_SECONDS whatever happens, and it exits as soon as
its stdin closes (the Swift test holds it open; a test process that dies closes it), so a test
can never leave it running.

The server side is independent of the Swift code under test: documents are compared as raw
bytes against an encoder of its own (scripts/bsongen.py, which shares no code with the
library) and decoded with PyMongo's `bson` for a value-level comparison.
"""

import json
import os
import struct
import sys
import threading
import traceback

import bson
from bson.codec_options import CodecOptions
from bson.raw_bson import RawBSONDocument
import mockupdb

WATCHDOG_SECONDS = 60
REQUEST_TIMEOUT = 15
OP_MSG = 2013

SCENARIO = sys.argv[1]
REPO_ROOT = sys.argv[2]
sys.path.insert(0, os.path.join(REPO_ROOT, "scripts"))
from bsongen import (Binary, Code, CodeWithScope, DBPointer, Datetime, Decimal128, Doc,  # noqa: E402
                     Int32, Int64, MaxKey, MinKey, ObjectId, Regex, Symbol, Timestamp, Undefined,
                     encode, split_documents, type_numbers)

# PyMongo decodes the deprecated types too (symbol as str, undefined as None, DBPointer as
# DBRef), with int64 kept apart from int32 and documents as ordered dicts.
PYMONGO = CodecOptions(document_class=dict, tz_aware=True)


def every_type_document():
    """All 21 BSON types, nested; the Swift tests build the same document with the library."""
    oid = ObjectId("5f1e2d3c4b5a697887960504")
    return Doc(
        ("_id", oid),
        ("double", 1.5),
        ("string", "h\u00e9llo \U0001F600"),
        ("document", Doc(("a", Int32(1)), ("b", Doc(("c", "deep"))))),
        ("array", [Int32(1), "two", Doc(("three", 3.0)), [Int32(4)]]),
        ("binary", Binary(4, bytes(range(16)))),
        ("undefined", Undefined()),
        ("objectID", ObjectId("000102030405060708090a0b")),
        ("bool", True),
        ("datetime", Datetime(1700000000123)),
        ("null", None),
        ("regex", Regex("ab+c", "im")),
        ("dbPointer", DBPointer("shop.orders", "0102030405060708090a0b0c")),
        ("code", Code("function () { return 1; }")),
        ("symbol", Symbol("sym")),
        ("codeWithScope", CodeWithScope("x + y", Doc(("x", Int32(1)), ("y", Int64(2))))),
        ("int32", Int32(-7)),
        ("timestamp", Timestamp(1700000000, 5)),
        ("int64", Int64(9007199254740993)),
        ("decimal128", Decimal128("1234.5678")),
        ("minKey", MinKey()),
        ("maxKey", MaxKey()),
    )


EVERY_TYPE = encode(every_type_document())
assert len(type_numbers(every_type_document())) == 21


def sample_documents():
    with open(os.path.join(REPO_ROOT, "Fixtures", "sample.bson"), "rb") as f:
        return split_documents(f.read())


# ---------------------------------------------------------------------------------------
# Raw OP_MSG sections: mockupdb decodes requests into dicts; the checks here need the exact
# bytes, so every OP_MSG request also keeps its sections as the client sent them.

def parse_sections(msg):
    """(body bytes, {identifier: [document bytes]}) of an OP_MSG message body."""
    flags, = struct.unpack_from("<I", msg, 0)
    end = len(msg) - (4 if flags & 1 else 0)
    pos, body, sequences = 4, None, {}
    while pos < end:
        kind = msg[pos]
        pos += 1
        size, = struct.unpack_from("<i", msg, pos)
        if kind == 0:
            body = bytes(msg[pos:pos + size])
            pos += size
        else:
            section_end = pos + size
            pos += 4
            nul = msg.index(b"\0", pos)
            identifier = msg[pos:nul].decode()
            pos = nul + 1
            sequences[identifier] = split_documents(bytes(msg[pos:section_end]))
            pos = section_end
    return body, sequences


_unpack = mockupdb.OpMsg.unpack.__func__


def _unpack_keeping_raw(cls, msg, client, server, request_id):
    request = _unpack(cls, msg, client, server, request_id)
    request.raw_body, request.raw_sequences = parse_sections(msg)
    return request


mockupdb.OpMsg.unpack = classmethod(_unpack_keeping_raw)


def raw_field(request, name):
    """The raw bytes of a document-valued field of the command body."""
    return RawBSONDocument(request.raw_body)[name].raw


def raw_reply(request, body):
    """Sends an OP_MSG reply whose body is `body`, byte for byte (even malformed)."""
    payload = struct.pack("<I", 0) + b"\0" + body
    header = struct.pack("<iiii", 16 + len(payload), 4242, request.request_id, OP_MSG)
    request._client.sendall(header + payload)


def send_then_hang_up(request, data):
    """Sends `data` (a bad reply), then closes the connection.

    The client may close first, as soon as it has read enough to refuse the reply (libmongoc
    does after a bad header): a send or shutdown on the closed socket is then expected and
    ignored, so that the scenario goes on to its next request instead of stopping the server.
    """
    try:
        request._client.sendall(data)
    except OSError:
        pass
    hang_up(request)


def hang_up(request):
    """Closes the connection instead of replying; a client that already closed is fine."""
    try:
        request.hangup()
    except OSError:
        pass


def raw(document_bytes):
    return RawBSONDocument(document_bytes)


# ---------------------------------------------------------------------------------------

class Result:
    def __init__(self):
        self.checks = []
        self.data = {}

    def check(self, name, condition, detail=""):
        self.checks.append({"name": name, "ok": bool(condition), "detail": detail})

    def same_bytes(self, name, got, expected):
        detail = "" if got == expected else f"got {got.hex()} expected {expected.hex()}"
        self.check(name, got == expected, detail)

    def same_values(self, name, got, expected):
        """PyMongo's reading of both byte strings must agree."""
        a, b = bson.decode(got, PYMONGO), bson.decode(expected, PYMONGO)
        self.check(name, a == b, "" if a == b else f"{a!r} != {b!r}")


def command(server, name):
    request = server.receives(timeout=REQUEST_TIMEOUT)
    if request is None:
        raise AssertionError(f"server stopped while waiting for {name}")
    first = next(iter(request.doc), None)
    if first is None or first.lower() != name.lower():
        raise AssertionError(f"expected a {name} command, got {request.doc!r}")
    return request


def scenario_insert(server, result):
    # 1. insertOne of the every-type document built in Swift.
    request = command(server, "insert")
    docs = request.raw_sequences.get("documents", [])
    result.check("insertOne sends one document", len(docs) == 1, f"{len(docs)} documents")
    if docs:
        result.same_bytes("insertOne: bytes equal bsongen's every-type document", docs[0], EVERY_TYPE)
        result.same_values("insertOne: PyMongo reads the same values", docs[0], EVERY_TYPE)
    result.data["insertOne"] = [d.hex() for d in docs]
    request.replies({"ok": 1, "n": len(docs)})

    # 2. insertMany of the 36 sample documents (every type again, realistic shapes).
    sample = sample_documents()
    received = []
    while len(received) < len(sample):
        request = command(server, "insert")
        batch = request.raw_sequences.get("documents", [])
        received += batch
        request.replies({"ok": 1, "n": len(batch)})
        if not batch:
            break
    result.check("insertMany sends every sample document", len(received) == len(sample),
                 f"{len(received)} of {len(sample)}")
    result.check("insertMany: every document byte-identical to Fixtures/sample.bson", received == sample)
    for index, (got, expected) in enumerate(zip(received, sample)):
        if got != expected:
            result.same_bytes(f"insertMany document {index}", got, expected)
    result.data["insertMany"] = [d.hex() for d in received]


def scenario_find(server, result):
    sample = sample_documents()
    batches = [[EVERY_TYPE] + sample[:10], sample[10:26], sample[26:]]
    request = command(server, "find")
    result.data["filter"] = raw_field(request, "filter").hex()
    result.data["projection"] = raw_field(request, "projection").hex()
    result.data["sort"] = raw_field(request, "sort").hex()
    result.data["limit"] = request.doc.get("limit")
    result.data["batchSize"] = request.doc.get("batchSize")
    cursor_id = bson.int64.Int64(7700)
    request.replies({"ok": 1, "cursor": {"id": cursor_id, "ns": "shop.orders",
                                         "firstBatch": [raw(d) for d in batches[0]]}})
    for index, batch in enumerate(batches[1:]):
        request = command(server, "getMore")
        result.check(f"getMore {index + 1} names the cursor", request.doc.get("getMore") == cursor_id,
                     repr(request.doc.get("getMore")))
        last = index == len(batches) - 2
        request.replies({"ok": 1, "cursor": {"id": bson.int64.Int64(0 if last else 7700), "ns": "shop.orders",
                                             "nextBatch": [raw(d) for d in batch]}})
    result.data["sent"] = [d.hex() for batch in batches for d in batch]
    result.data["batches"] = len(batches)


def scenario_crud(server, result):
    # updateOne with upsert, updateMany: the update statements arrive as an "updates" sequence.
    for name, n, modified in (("updateOne", 1, 1), ("updateMany", 5, 4)):
        request = command(server, "update")
        updates = request.raw_sequences.get("updates", [])
        result.check(f"{name} sends one statement", len(updates) == 1, f"{len(updates)}")
        if updates:
            statement = RawBSONDocument(updates[0])
            result.data[name] = {"q": statement["q"].raw.hex(), "u": statement["u"].raw.hex(),
                                 "multi": statement.get("multi", False), "upsert": statement.get("upsert", False)}
        request.replies({"ok": 1, "n": n, "nModified": modified})
    for name, n in (("deleteOne", 1), ("deleteMany", 3)):
        request = command(server, "delete")
        deletes = request.raw_sequences.get("deletes", [])
        result.check(f"{name} sends one statement", len(deletes) == 1, f"{len(deletes)}")
        if deletes:
            statement = RawBSONDocument(deletes[0])
            result.data[name] = {"q": statement["q"].raw.hex(), "limit": statement["limit"]}
        request.replies({"ok": 1, "n": n})
    # aggregate: the pipeline stages, raw.
    request = command(server, "aggregate")
    stages = RawBSONDocument(request.raw_body)["pipeline"]
    result.data["pipeline"] = [stage.raw.hex() for stage in stages]
    replies = [EVERY_TYPE, encode(Doc(("_id", "paid"), ("total", Decimal128("99.95")), ("n", Int32(3))))]
    request.replies({"ok": 1, "cursor": {"id": bson.int64.Int64(0), "ns": "shop.orders",
                                         "firstBatch": [raw(d) for d in replies]}})
    result.data["aggregateSent"] = [d.hex() for d in replies]
    # countDocuments runs an aggregation that counts.
    request = command(server, "aggregate")
    request.replies({"ok": 1, "cursor": {"id": bson.int64.Int64(0), "ns": "shop.orders",
                                         "firstBatch": [{"_id": 1, "n": 42}]}})
    # A command, its reply carrying every type back.
    request = command(server, "ping")
    result.data["ping"] = request.raw_body.hex()
    reply = encode(Doc(("ok", 1.0), ("echo", every_type_document())))
    raw_reply(request, reply)
    result.data["pingReply"] = reply.hex()


def scenario_codable(server, result):
    request = command(server, "insert")
    docs = request.raw_sequences.get("documents", [])
    decoded = [bson.decode(d, PYMONGO) for d in docs]
    expected = [
        {"_id": 1, "customer": "Ada", "total": 12.5, "items": ["mug", "book"], "paid": True},
        {"_id": 2, "customer": "Grace", "total": 99.0, "items": [], "paid": False},
    ]
    for got, want in zip(decoded, expected):
        placed = got.pop("placedAt", None)
        result.check(f"order {want['_id']} has a BSON datetime", placed is not None and placed.year == 2023,
                     repr(placed))
        result.check(f"order {want['_id']} as PyMongo reads it", got == want, f"{got!r}")
    result.check("two orders inserted", len(docs) == 2, f"{len(docs)}")
    request.replies({"ok": 1, "n": len(docs)})
    request = command(server, "find")
    import datetime
    placed = datetime.datetime(2024, 3, 1, 9, 0, 0, 250000, tzinfo=datetime.timezone.utc)
    replies = [{"_id": 3, "customer": "Alan", "total": 7.25, "items": ["pen"], "paid": True, "placedAt": placed},
               {"_id": 4, "customer": "Edsger", "total": 0.5, "items": ["gcd", "sort"], "paid": False,
                "placedAt": placed}]
    request.replies({"ok": 1, "cursor": {"id": bson.int64.Int64(0), "ns": "shop.orders", "firstBatch": replies}})


def scenario_errors(server, result):
    # 1. A command the server refuses.
    command(server, "frobnicate").command_err(code=59, errmsg="no such command: 'frobnicate'")
    # 2. A write error on insert (duplicate key).
    request = command(server, "insert")
    request.replies({"ok": 1, "n": 0, "writeErrors": [
        {"index": 0, "code": 11000, "errmsg": "E11000 duplicate key error collection: shop.orders index: _id_"}]})
    # 3. A cursor that fails on its getMore after a first batch of two.
    sample = sample_documents()
    request = command(server, "find")
    request.replies({"ok": 1, "cursor": {"id": bson.int64.Int64(99), "ns": "shop.orders",
                                         "firstBatch": [raw(d) for d in sample[:2]]}})
    command(server, "getMore").command_err(code=43, errmsg="cursor id 99 not found")
    result.data["beforeFailure"] = [d.hex() for d in sample[:2]]
    # 4. The connection closes instead of a reply.
    hang_up(command(server, "ping"))
    # 5. A reply whose framing is right but whose document is not: a string's length field
    #    points past its document.
    request = command(server, "ping")
    good = encode(Doc(("ok", 1.0), ("note", "fine")))
    corrupt = bytearray(good)
    at = good.index(b"note\0") + 5
    corrupt[at:at + 4] = struct.pack("<i", 1000)
    raw_reply(request, bytes(corrupt))
    result.data["corruptOffset"] = at
    # 6. A reply whose message length is absurd (2 GiB).
    request = command(server, "ping")
    send_then_hang_up(request, struct.pack("<iiii", 0x7FFFFFF0, 1, request.request_id, OP_MSG))
    # 7. A truncated reply: the header announces 200 bytes, 40 arrive, then the socket closes.
    request = command(server, "ping")
    send_then_hang_up(request, struct.pack("<iiii", 200, 1, request.request_id, OP_MSG) + b"\0" * 24)
    # 8. After all that, the client still works.
    command(server, "ping").replies({"ok": 1})


SCENARIOS = {
    "insert": scenario_insert,
    "find": scenario_find,
    "crud": scenario_crud,
    "codable": scenario_codable,
    "errors": scenario_errors,
}


def main():
    if SCENARIO not in SCENARIOS:
        print(json.dumps({"error": f"unknown scenario {SCENARIO}"}), flush=True)
        return 2
    watchdog = threading.Timer(WATCHDOG_SECONDS, lambda: os._exit(3))
    watchdog.daemon = True
    watchdog.start()
    lifeline = threading.Thread(target=lambda: (sys.stdin.read(), os._exit(4)), daemon=True)
    lifeline.start()
    server = mockupdb.MockupDB(port=None, max_wire_version=13, min_wire_version=0,
                               auto_ismaster=True, request_timeout=REQUEST_TIMEOUT)
    server.autoresponds("hello", isWritablePrimary=True, maxWireVersion=13, minWireVersion=0)
    server.autoresponds("endSessions")
    port = server.run()
    assert server.host in ("localhost", "127.0.0.1")
    print(json.dumps({"port": port}), flush=True)
    result = Result()
    try:
        SCENARIOS[SCENARIO](server, result)
    except Exception as error:  # reported to the Swift test, which fails on it
        result.check("scenario ran to the end", False, "".join(traceback.format_exception(error)))
    finally:
        server.stop()
    ok = all(c["ok"] for c in result.checks)
    print(json.dumps({"ok": ok, "checks": result.checks, "data": result.data}), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
