#ifndef CINTEROP_PEER_H
#define CINTEROP_PEER_H
/* libbson's own C code as the independent peer of the Swift bridge's tests (Tests/LibBSONTests/Interop).
 *
 * Ownership: every char * returned here is freed by the caller with peer_free, exactly once;
 * every bson_t * returned here is destroyed by the caller (bson_destroy, or a BSONDocument
 * initialiser that takes it), exactly once. */
#include <bson/bson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Nullability is spelled out so Swift sees optionals exactly where C may return NULL. */
#pragma clang assume_nonnull begin

/** Frees a string returned by this peer. */
void peer_free(char *_Nullable text);

/** sizeof(bson_t) and _Alignof(bson_t), as C sees them. */
static inline size_t peer_bson_size(void) { return sizeof(bson_t); }
static inline size_t peer_bson_alignment(void) { return _Alignof(bson_t); }

/** One line per element of `doc`, walked with bson_iter_t, nested levels included:
 * "<key path>\t<type, 2 hex digits>\t<value>\n". Keys are hex (an array's elements are named by
 * their position, whatever their keys say); "." joins a document's or an array's key to its
 * elements' keys, "/" a code-with-scope's key to its scope's keys. Values:
 * integers and booleans in decimal, doubles as their bit pattern (16 hex digits), strings,
 * code, symbols and binary data as hex (regular expression options sorted, the canonical form
 * BSONRegularExpression reads them in), documents and arrays as their key count. NULL when
 * libbson refuses the document or stops with an error part way. */
char *_Nullable peer_walk(const bson_t *doc);

/** peer_walk of each of `count` documents, each preceded by the line "#<index>\n"; declared
 * as libmongoc declares mongoc_collection_insert_many's documents. */
char *_Nullable peer_walk_many(const bson_t *_Null_unspecified *_Null_unspecified docs, size_t count);

/** The addresses of every embedded document's bytes inside `doc` (documents, documents in
 * arrays, code-with-scope scopes), depth first in document order, as bson_iter_t gives them.
 * Writes at most `capacity`; returns how many there are, or -1 when libbson refuses `doc`. */
long peer_embedded_addresses(const bson_t *doc, const uint8_t *_Nullable *_Nullable out, size_t capacity);

/** libbson's canonical (or relaxed) Extended JSON of `doc`; NULL when libbson fails. */
char *_Nullable peer_extended_json(const bson_t *doc, bool canonical);

/** A heap document of all 21 BSON types, with nested documents and arrays, built with
 * bson_append_*; the same document as EveryTypeDocument.swift builds in Swift. */
bson_t *_Nullable peer_build_every_type(void);

/** A heap document (bson_new) {"i": index, "pad": <padding bytes of 'p'>}. */
bson_t *_Nullable peer_new_padded(int32_t index, size_t padding);

/** bson_init in caller-owned storage (sizeof(bson_t), 128-byte aligned), then the elements of
 * peer_new_padded: the data lives on the heap once it outgrows the inline buffer. */
void peer_init_padded(bson_t *storage, int32_t index, size_t padding);

/** bson_init_static over caller-given bytes in caller-owned storage; libbson's result. */
bool peer_init_static(bson_t *storage, const uint8_t *data, size_t length);

/** Overwrites the len field of `doc` (to make a bson_t whose len lies). */
void peer_set_len(bson_t *doc, uint32_t len);

/** `length` bytes of memory directly followed by an inaccessible page: reading one byte past
 * them faults. Free with peer_guarded_free. NULL when mmap fails. */
uint8_t *_Nullable peer_guarded_alloc(size_t length);
void peer_guarded_free(uint8_t *bytes, size_t length);

/** bson_set_error(error, domain, code, "%s", message). */
void peer_set_error(bson_error_t *error, uint32_t domain, uint32_t code, const char *message);

/** Fills the whole message buffer of `error` with `fill`, leaving no NUL in it. */
void peer_set_error_without_nul(bson_error_t *error, uint32_t domain, uint32_t code, char fill);

/** The out-parameter form of libmongoc's calls: bson_init(reply) as libmongoc does, then
 * on success appends {"ok": 1.0, "n": n, "pad": <padding>} and returns true; on failure
 * appends {"ok": 0.0, "errmsg": message, "code": code, "pad": <padding>} unless
 * `leave_reply_empty`, sets `error` with bson_set_error and returns false. Padding of a few
 * hundred bytes puts the reply's data on the heap, so a reply nobody destroys leaks. */
bool peer_reply(bson_t *reply, bson_error_t *error, bool succeed, int32_t n, uint32_t domain,
                uint32_t code, const char *message, bool leave_reply_empty, size_t padding);

/* MARK: Tracking libbson's allocations
 *
 * When the peer loads (before any test runs) it installs a libbson memory vtable that passes
 * every call to the C library, and on a thread that turned tracking on also records libbson's
 * allocations and frees. There, freed blocks are held back until tracking ends, so a second
 * bson_destroy of the same bson_t still sees its real fields and frees again: counted as a
 * double free (AddressSanitizer cannot see that one: libbson is not instrumented, and the
 * allocator's bookkeeping overwrites the flags a second bson_destroy reads). */

typedef struct {
   /** Blocks libbson allocated on this thread while tracking. */
   size_t allocations;
   /** Of those, how many libbson freed (once). */
   size_t frees;
   /** Frees of a block already freed while tracking. */
   size_t double_frees;
   /** Blocks allocated while tracking and still allocated when it ended (leaks). */
   size_t still_allocated;
} peer_tracking_t;

/** Starts tracking libbson's allocations on this thread. */
void peer_tracking_begin(void);

/** Ends tracking on this thread, frees the blocks held back, and says what happened. */
peer_tracking_t peer_tracking_end(void);

#pragma clang assume_nonnull end

#endif
