#ifndef CMONGOC_SHIM_H
#define CMONGOC_SHIM_H
/* libmongoc's public API (pkg-config libmongoc-1.0). It includes <bson/bson.h> itself; Clang
 * merges those declarations with swift-libbson's CLibBSON module, so a bson_t * or a
 * bson_error_t from either module is the same type in Swift. */
#include <mongoc/mongoc.h>
#endif
