#ifndef CBASELINES_H
#define CBASELINES_H
#include <stddef.h>
#include <stdint.h>

/* Raw libbson baselines. Each runs `iterations` operations and returns a checksum that
 * depends on every value read, so the compiler cannot drop the work; negative on failure. */

/* bson_init_static + bson_validate (UTF-8 checked) + a full recursive bson_iter walk reading every value. */
int64_t cb_decode(const uint8_t *data, size_t length, int iterations);

/* An in-memory C tree of the document (built once), appended with bson_append_* per iteration. */
typedef struct cb_tree cb_tree;
cb_tree *cb_tree_new(const uint8_t *data, size_t length);
void cb_tree_free(cb_tree *tree);
int64_t cb_encode(const cb_tree *tree, int iterations);

/* bson_as_canonical_extended_json (canonical != 0) or bson_as_relaxed_extended_json. */
int64_t cb_to_json(const uint8_t *data, size_t length, int canonical, int iterations);

/* bson_new_from_json. */
int64_t cb_from_json(const char *json, size_t length, int iterations);

/* libbson's version string. */
const char *bson_get_version_shim(void);

#endif
