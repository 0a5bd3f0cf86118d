#ifndef CLIBBSON_SHIM_H
#define CLIBBSON_SHIM_H
/* The one header Swift sees: libbson's public API (pkg-config libbson-1.0). */
#include <bson/bson.h>

/* swift-libbson is written against libbson 1.x, where bson_t is a 128-byte, 128-byte-aligned
 * struct that Swift sees only through pointers (OpaquePointer). libbson 2.x changed that layout
 * (and its pkg-config name to bson2); stop here rather than fail obscurely in Swift. */
#if BSON_MAJOR_VERSION != 1
#error "swift-libbson needs libbson 1.x (pkg-config libbson-1.0); see Documentation/CInterop.md"
#endif

/* bson_t is declared 128-byte aligned, so Swift imports it as an opaque pointer and cannot read
 * its fields. These read the one field the bridge needs (libbson has no accessor for it). */

/** The length in bytes of the document `b` holds (its `len` field). */
static inline uint32_t clibbson_length(const bson_t *b) { return b->len; }

/* The bridge gives each bson_t 128 bytes aligned to 128 (Sources/LibBSON/Interop/BSONTStorage.swift). */
_Static_assert(sizeof(bson_t) == 128 && _Alignof(bson_t) <= 128, "bson_t is not the 128-byte struct swift-libbson expects");
#endif
