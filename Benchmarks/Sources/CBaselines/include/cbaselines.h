#ifndef CBASELINES_H
#define CBASELINES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A libbson bson_t, under a name of its own that is never defined: Swift sees a pointer to it as
 * OpaquePointer, as LibBSON's C interop bridge sees bson_t * (over-aligned, so opaque). Naming
 * cb_bson here instead would let Swift merge it with libbson's definition and import
 * UnsafeMutablePointer<_bson_t>. cbaselines.c casts it to bson_t *. */
typedef struct cb_bson cb_bson;

/* Raw libbson baselines. Each runs `iterations` operations and returns a checksum that
 * depends on every value read, so the compiler cannot drop the work; negative on failure. */

/* bson_init_static + bson_validate (UTF-8 checked) + a full recursive bson_iter walk reading every value. */
int64_t cb_decode(const uint8_t *data, size_t length, int iterations);

/* The decode walk alone (no validation): a full recursive bson_iter walk reading every value of
 * `bson`. Returns its checksum (non-negative), or -1 when bson_iter_init refuses the document. */
int64_t cb_walk(const cb_bson *bson);

/* ---------- C interop (LibBSON's withUnsafeBSONPointer, BSONDocument(copying:) ...) ---------- */

/* A heap bson_t holding a copy of `data` (bson_new_from_data): a document C owns. */
cb_bson *cb_bson_new(const uint8_t *data, size_t length);
void cb_bson_destroy(cb_bson *bson);

/* Borrow baseline: cb_walk on `bson` (a bson_t C built itself), `iterations` times. */
int64_t cb_walk_repeat(const cb_bson *bson, int iterations);

/* Receive baseline, what C does to keep a document it does not own: bson_copy, bson_validate
 * (UTF-8 checked, as cb_decode) when `validate` is non-zero, bson_destroy. */
int64_t cb_receive(const cb_bson *bson, int validate, int iterations);

/* bson_new_from_data + bson_destroy, `iterations` times: the C producer of the `taking` path,
 * run alone to subtract its own copies. */
int64_t cb_produce(const uint8_t *data, size_t length, int iterations);

/* Fills `reply` (storage the caller initialised) with `source`'s bytes without copying them:
 * bson_init_static over C-owned data, so only the receiving side's copies show. */
bool cb_fill_reply(cb_bson *reply, const cb_bson *source);

/* An in-memory C tree of the document (built once), appended with bson_append_* per iteration. */
typedef struct cb_tree cb_tree;
cb_tree *cb_tree_new(const uint8_t *data, size_t length);
void cb_tree_free(cb_tree *tree);
int64_t cb_encode(const cb_tree *tree, int iterations);

/* bson_as_canonical_extended_json (canonical != 0) or bson_as_relaxed_extended_json. */
int64_t cb_to_json(const uint8_t *data, size_t length, int canonical, int iterations);

/* bson_new_from_json. */
int64_t cb_from_json(const char *json, size_t length, int iterations);

/* Instruction counting under valgrind's callgrind (scripts/bench-instructions). Outside valgrind,
 * or where <valgrind/callgrind.h> is missing at build time, they do nothing.
 * cb_callgrind_begin zeroes the counters and starts collecting; cb_callgrind_end stops and writes
 * one profile whose description is `label`. */
void cb_callgrind_begin(void);
void cb_callgrind_end(const char *label);
/* 1 under valgrind, else 0. */
int cb_running_on_valgrind(void);

/* libbson's version string. */
const char *bson_get_version_shim(void);

#endif
