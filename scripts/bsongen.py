"""A small, independent BSON toolkit for generating test data and expected outputs.

Used by scripts/make-sample and scripts/make-bson-dump-fixtures. It shares no code with the
Swift library on purpose: the expected outputs it writes are an independent oracle for
bson-dump (Extended JSON v2 per the specification, bsondump's --pretty and --type debug
layouts).

Values: Python str, float, bool, None, list (array) and the wrapper classes below; a
document is a Doc (an ordered list of (key, value) pairs, duplicates allowed).
"""

import base64
import json
import struct


class Doc:
    def __init__(self, *pairs):
        self.pairs = list(pairs)


class Int32:
    def __init__(self, v):
        assert -2**31 <= v < 2**31
        self.v = v


class Int64:
    def __init__(self, v):
        assert -2**63 <= v < 2**63
        self.v = v


class Binary:
    def __init__(self, subtype, data):
        self.subtype, self.data = subtype, bytes(data)


class Undefined:
    pass


class ObjectId:
    def __init__(self, hex24):
        assert len(hex24) == 24
        self.hex = hex24.lower()


class Datetime:
    def __init__(self, ms):
        self.ms = ms


class Regex:
    def __init__(self, pattern, options):
        self.pattern, self.options = pattern, options


class DBPointer:
    def __init__(self, ns, oid_hex):
        self.ns, self.oid = ns, ObjectId(oid_hex)


class Code:
    def __init__(self, code):
        self.code = code


class Symbol:
    def __init__(self, s):
        self.s = s


class CodeWithScope:
    def __init__(self, code, scope):
        self.code, self.scope = code, scope


class Timestamp:
    def __init__(self, t, i):
        self.t, self.i = t, i


class Decimal128:
    """Only plain decimal strings (digits with an optional point), which libbson prints back
    unchanged: the coefficient and exponent are taken from the text."""

    def __init__(self, text):
        negative = text.startswith("-")
        digits = text.lstrip("-")
        if "." in digits:
            whole, frac = digits.split(".")
        else:
            whole, frac = digits, ""
        assert (whole + frac).isdigit() and (whole == "0" or not whole.startswith("0"))
        self.text = text
        self.coefficient = int(whole + frac)
        self.exponent = -len(frac)
        self.negative = negative

    def encode(self):
        assert self.coefficient < 2**113
        high = ((self.exponent + 6176) << 49) | (self.coefficient >> 64)
        if self.negative:
            high |= 1 << 63
        low = self.coefficient & (2**64 - 1)
        return struct.pack("<QQ", low, high)


class MinKey:
    pass


class MaxKey:
    pass


# ---------------------------------------------------------------------------------------
# Encoding

def cstring(s):
    b = s.encode("utf-8")
    assert b"\0" not in b
    return b + b"\0"


def string(s):
    b = s.encode("utf-8") + b"\0"
    return struct.pack("<i", len(b)) + b


def encode(doc):
    """The BSON bytes of a Doc."""
    body = b"".join(element(k, v) for k, v in doc.pairs)
    return struct.pack("<i", len(body) + 5) + body + b"\0"


def encode_array(values):
    return encode(Doc(*[(str(i), v) for i, v in enumerate(values)]))


def element(key, v):
    t, payload = value(v)
    return bytes([t]) + cstring(key) + payload


def value(v):
    if isinstance(v, bool):
        return 0x08, bytes([1 if v else 0])
    if isinstance(v, float):
        return 0x01, struct.pack("<d", v)
    if isinstance(v, str):
        return 0x02, string(v)
    if isinstance(v, Doc):
        return 0x03, encode(v)
    if isinstance(v, list):
        return 0x04, encode_array(v)
    if isinstance(v, Binary):
        return 0x05, struct.pack("<i", len(v.data)) + bytes([v.subtype]) + v.data
    if isinstance(v, Undefined):
        return 0x06, b""
    if isinstance(v, ObjectId):
        return 0x07, bytes.fromhex(v.hex)
    if isinstance(v, Datetime):
        return 0x09, struct.pack("<q", v.ms)
    if v is None:
        return 0x0A, b""
    if isinstance(v, Regex):
        return 0x0B, cstring(v.pattern) + cstring(v.options)
    if isinstance(v, DBPointer):
        return 0x0C, string(v.ns) + bytes.fromhex(v.oid.hex)
    if isinstance(v, Code):
        return 0x0D, string(v.code)
    if isinstance(v, Symbol):
        return 0x0E, string(v.s)
    if isinstance(v, CodeWithScope):
        inner = string(v.code) + encode(v.scope)
        return 0x0F, struct.pack("<i", len(inner) + 4) + inner
    if isinstance(v, Int32):
        return 0x10, struct.pack("<i", v.v)
    if isinstance(v, Timestamp):
        return 0x11, struct.pack("<II", v.i, v.t)
    if isinstance(v, Int64):
        return 0x12, struct.pack("<q", v.v)
    if isinstance(v, Decimal128):
        return 0x13, v.encode()
    if isinstance(v, MinKey):
        return 0xFF, b""
    if isinstance(v, MaxKey):
        return 0x7F, b""
    raise TypeError(f"no BSON type for {v!r}")


def type_numbers(doc, seen=None):
    """The set of BSON type bytes used anywhere in a Doc."""
    seen = set() if seen is None else seen
    for _, v in doc.pairs:
        t, _ = value(v)
        seen.add(t)
        if isinstance(v, Doc):
            type_numbers(v, seen)
        elif isinstance(v, list):
            type_numbers(Doc(*[(str(i), x) for i, x in enumerate(v)]), seen)
        elif isinstance(v, CodeWithScope):
            type_numbers(v.scope, seen)
    return seen


# ---------------------------------------------------------------------------------------
# Extended JSON v2 as a JSON tree: ("obj", [(key, node)]), ("arr", [node]), ("str", s),
# ("num", literal text), ("lit", "true"/"false"/"null").

def obj(*pairs):
    return ("obj", list(pairs))


def s(text):
    return ("str", text)


def double_text(v):
    if v != v:
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == float("-inf"):
        return "-Infinity"
    return repr(v).replace("e", "E")


def iso8601(ms):
    """YYYY-MM-DDTHH:MM:SS[.mmm]Z for 1970..9999, or None."""
    if ms < 0 or ms > 253402300799999:
        return None
    import datetime
    dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if ms % 1000:
        text += ".%03d" % (ms % 1000)
    return text + "Z"


def extjson(v, relaxed):
    if isinstance(v, Doc):
        return ("obj", [(k, extjson(x, relaxed)) for k, x in v.pairs])
    if isinstance(v, list):
        return ("arr", [extjson(x, relaxed) for x in v])
    if isinstance(v, bool):
        return ("lit", "true" if v else "false")
    if v is None:
        return ("lit", "null")
    if isinstance(v, float):
        text = double_text(v)
        if relaxed and v == v and v not in (float("inf"), float("-inf")):
            return ("num", text)
        return obj(("$numberDouble", s(text)))
    if isinstance(v, str):
        return s(v)
    if isinstance(v, Binary):
        return obj(("$binary", obj(("base64", s(base64.b64encode(v.data).decode())),
                                   ("subType", s("%02x" % v.subtype)))))
    if isinstance(v, Undefined):
        return obj(("$undefined", ("lit", "true")))
    if isinstance(v, ObjectId):
        return obj(("$oid", s(v.hex)))
    if isinstance(v, Datetime):
        iso = iso8601(v.ms) if relaxed else None
        if iso is not None:
            return obj(("$date", s(iso)))
        return obj(("$date", obj(("$numberLong", s(str(v.ms))))))
    if isinstance(v, Regex):
        return obj(("$regularExpression", obj(("pattern", s(v.pattern)),
                                              ("options", s("".join(sorted(v.options)))))))
    if isinstance(v, DBPointer):
        return obj(("$dbPointer", obj(("$ref", s(v.ns)), ("$id", obj(("$oid", s(v.oid.hex)))))))
    if isinstance(v, Code):
        return obj(("$code", s(v.code)))
    if isinstance(v, Symbol):
        return obj(("$symbol", s(v.s)))
    if isinstance(v, CodeWithScope):
        return obj(("$code", s(v.code)), ("$scope", extjson(v.scope, relaxed)))
    if isinstance(v, Int32):
        return ("num", str(v.v)) if relaxed else obj(("$numberInt", s(str(v.v))))
    if isinstance(v, Int64):
        return ("num", str(v.v)) if relaxed else obj(("$numberLong", s(str(v.v))))
    if isinstance(v, Timestamp):
        return obj(("$timestamp", obj(("t", ("num", str(v.t))), ("i", ("num", str(v.i))))))
    if isinstance(v, Decimal128):
        return obj(("$numberDecimal", s(v.text)))
    if isinstance(v, MinKey):
        return obj(("$minKey", ("num", "1")))
    if isinstance(v, MaxKey):
        return obj(("$maxKey", ("num", "1")))
    raise TypeError(f"no Extended JSON for {v!r}")


# ---------------------------------------------------------------------------------------
# JSON text <-> tree

def parse_json(text):
    """Parses JSON text into the tree form, keeping number literals and duplicate keys."""
    def hook(pairs):
        return ("obj", [(k, wrap(v)) for k, v in pairs])

    def wrap(v):
        if isinstance(v, tuple):
            return v
        if isinstance(v, list):
            return ("arr", [wrap(x) for x in v])
        if isinstance(v, str):
            return ("str", v)
        if v is True:
            return ("lit", "true")
        if v is False:
            return ("lit", "false")
        if v is None:
            return ("lit", "null")
        raise TypeError(v)

    return wrap(json.loads(text, object_pairs_hook=hook,
                           parse_float=lambda t: ("num", t), parse_int=lambda t: ("num", t),
                           parse_constant=lambda t: ("num", t)))


def quote(text):
    # JSON string with the escapes every Extended JSON writer here uses: \" \\ \b \f \n \r \t,
    # other control characters as \u00xx, everything else as UTF-8.
    return json.dumps(text, ensure_ascii=False)


def compact(node):
    kind, v = node
    if kind == "obj":
        return "{" + ",".join(quote(k) + ":" + compact(x) for k, x in v) + "}"
    if kind == "arr":
        return "[" + ",".join(compact(x) for x in v) + "]"
    if kind == "str":
        return quote(v)
    return v


def pretty(node, depth=0):
    """bsondump --pretty: Go's json.Indent with prefix "" and indent "\\t"."""
    kind, v = node
    pad = "\t" * (depth + 1)
    end = "\t" * depth
    if kind == "obj":
        if not v:
            return "{}"
        return "{\n" + ",\n".join(pad + quote(k) + ": " + pretty(x, depth + 1) for k, x in v) + "\n" + end + "}"
    if kind == "arr":
        if not v:
            return "[]"
        return "[\n" + ",\n".join(pad + pretty(x, depth + 1) for x in v) + "\n" + end + "]"
    return compact(node)


# ---------------------------------------------------------------------------------------
# bsondump --type debug, from raw (valid) bytes

def debug(data, level=0):
    out = []
    size = struct.unpack_from("<i", data, 0)[0]
    tabs = "\t" * level
    out.append(f"{tabs}--- new object ---\n")
    out.append(f"{tabs}\tsize : {size}\n")
    pos = 4
    while pos < size - 1:
        t = data[pos]
        key_end = data.index(b"\0", pos + 1)
        key = data[pos + 1:key_end].decode("utf-8")
        at = key_end + 1
        n = value_size(data, t, at)
        out.append(f"{tabs}\t\t{key}\n")
        signed = t - 256 if t > 127 else t
        out.append(f"{tabs}\t\t\ttype: {signed:4d} size: {at + n - pos}\n")
        if t in (0x03, 0x04):
            out.append(debug(data[at:at + n], level + 3))
        pos = at + n
    return "".join(out)


def value_size(data, t, at):
    i32 = lambda: struct.unpack_from("<i", data, at)[0]
    if t in (0x01, 0x09, 0x11, 0x12):
        return 8
    if t in (0x02, 0x0D, 0x0E):
        return 4 + i32()
    if t in (0x03, 0x04, 0x0F):
        return i32()
    if t == 0x05:
        return 5 + i32()
    if t == 0x07:
        return 12
    if t == 0x08:
        return 1
    if t == 0x0B:
        p = data.index(b"\0", at)
        o = data.index(b"\0", p + 1)
        return o + 1 - at
    if t == 0x0C:
        return 4 + i32() + 12
    if t == 0x10:
        return 4
    if t == 0x13:
        return 16
    if t in (0x06, 0x0A, 0x7F, 0xFF):
        return 0
    raise ValueError(f"unknown type {t:#x}")


def split_documents(data):
    """Splits concatenated valid documents."""
    docs, pos = [], 0
    while pos < len(data):
        n = struct.unpack_from("<i", data, pos)[0]
        docs.append(data[pos:pos + n])
        pos += n
    return docs
