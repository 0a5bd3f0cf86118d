#ifndef CLIBBSON_SHIM_H
#define CLIBBSON_SHIM_H
/* The one header Swift sees: libbson's public API (pkg-config libbson-1.0). */
#include <bson/bson.h>

/* bson_t is declared 128-byte aligned, so Swift imports it as an opaque pointer and cannot read
 * its fields. These read the one field the bridge needs (libbson has no accessor for it). */

/** The length in bytes of the document `b` holds (its `len` field). */
static inline uint32_t clibbson_length(const bson_t *b) { return b->len; }

/** The size and alignment a bson_t needs, for storage Swift allocates itself. */
static inline size_t clibbson_bson_size(void) { return sizeof(bson_t); }
static inline size_t clibbson_bson_alignment(void) { return _Alignof(bson_t); }
#endif
