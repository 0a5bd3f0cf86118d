#include "cbaselines.h"
#include <bson/bson.h>
#include <stdlib.h>
#include <string.h>
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define CB_HAVE_CALLGRIND 1
#endif
#endif

/* ---------- decode: validate + walk ---------- */

static int64_t walk(bson_iter_t *it);

int64_t cb_walk(const cb_bson *bson) {
    bson_iter_t it;
    if (!bson_iter_init(&it, (const bson_t *) bson)) return -1;
    return walk(&it) & INT64_MAX;
}

static int64_t walk(bson_iter_t *it) {
    int64_t sum = 0;
    while (bson_iter_next(it)) {
        uint32_t klen = bson_iter_key_len(it);
        sum += klen;
        switch (bson_iter_type(it)) {
        case BSON_TYPE_DOUBLE: sum += bson_iter_double(it) > 0; break;
        case BSON_TYPE_UTF8: { uint32_t len; const char *s = bson_iter_utf8(it, &len); sum += len + (len ? s[0] : 0); break; }
        case BSON_TYPE_DOCUMENT:
        case BSON_TYPE_ARRAY: { bson_iter_t child; if (bson_iter_recurse(it, &child)) sum += walk(&child); break; }
        case BSON_TYPE_BINARY: { bson_subtype_t st; uint32_t len; const uint8_t *b; bson_iter_binary(it, &st, &len, &b); sum += len + st; break; }
        case BSON_TYPE_OID: sum += bson_iter_oid(it)->bytes[11]; break;
        case BSON_TYPE_BOOL: sum += bson_iter_bool(it); break;
        case BSON_TYPE_DATE_TIME: sum += bson_iter_date_time(it) & 0xFF; break;
        case BSON_TYPE_REGEX: { const char *opts; const char *re = bson_iter_regex(it, &opts); sum += strlen(re) + strlen(opts); break; }
        case BSON_TYPE_CODE: { uint32_t len; const char *c = bson_iter_code(it, &len); sum += len + (len ? c[0] : 0); break; }
        case BSON_TYPE_SYMBOL: { uint32_t len; bson_iter_symbol(it, &len); sum += len; break; }
        case BSON_TYPE_CODEWSCOPE: {
            uint32_t len, slen; const uint8_t *scope;
            const char *code = bson_iter_codewscope(it, &len, &slen, &scope);
            sum += len + (len ? code[0] : 0);
            bson_t s; bson_iter_t child;
            if (bson_init_static(&s, scope, slen) && bson_iter_init(&child, &s)) sum += walk(&child);
            break;
        }
        case BSON_TYPE_INT32: sum += bson_iter_int32(it); break;
        case BSON_TYPE_TIMESTAMP: { uint32_t t, i; bson_iter_timestamp(it, &t, &i); sum += t + i; break; }
        case BSON_TYPE_INT64: sum += bson_iter_int64(it) & 0xFF; break;
        case BSON_TYPE_DECIMAL128: { bson_decimal128_t d; bson_iter_decimal128(it, &d); sum += d.low & 0xFF; break; }
        case BSON_TYPE_DBPOINTER: { uint32_t len; const char *c; const bson_oid_t *o; bson_iter_dbpointer(it, &len, &c, &o); sum += len; break; }
        default: sum += 1; break;
        }
    }
    return sum;
}

int64_t cb_decode(const uint8_t *data, size_t length, int iterations) {
    int64_t sum = 0;
    for (int i = 0; i < iterations; i++) {
        bson_t b;
        if (!bson_init_static(&b, data, length)) return -1;
        size_t offset;
        if (!bson_validate(&b, BSON_VALIDATE_UTF8 | BSON_VALIDATE_UTF8_ALLOW_NULL, &offset)) return -2;
        int64_t s = cb_walk((const cb_bson *) &b);
        if (s < 0) return -3;
        sum += s;
    }
    return sum & INT64_MAX;
}

/* ---------- C interop: borrow, receive ---------- */

cb_bson *cb_bson_new(const uint8_t *data, size_t length) { return (cb_bson *) bson_new_from_data(data, length); }

void cb_bson_destroy(cb_bson *bson) { bson_destroy((bson_t *) bson); }

int64_t cb_walk_repeat(const cb_bson *bson, int iterations) {
    int64_t sum = 0;
    for (int i = 0; i < iterations; i++) {
        int64_t s = cb_walk(bson);
        if (s < 0) return -1;
        sum += s;
    }
    return sum & INT64_MAX;
}

int64_t cb_receive(const cb_bson *bson, int validate, int iterations) {
    int64_t sum = 0;
    for (int i = 0; i < iterations; i++) {
        bson_t *copy = bson_copy((const bson_t *) bson);
        if (!copy) return -1;
        size_t offset;
        if (validate && !bson_validate(copy, BSON_VALIDATE_UTF8 | BSON_VALIDATE_UTF8_ALLOW_NULL, &offset)) {
            bson_destroy(copy);
            return -2;
        }
        sum += copy->len;
        bson_destroy(copy);
    }
    return sum;
}

int64_t cb_produce(const uint8_t *data, size_t length, int iterations) {
    int64_t sum = 0;
    for (int i = 0; i < iterations; i++) {
        bson_t *b = bson_new_from_data(data, length);
        if (!b) return -1;
        sum += b->len;
        bson_destroy(b);
    }
    return sum;
}

bool cb_fill_reply(cb_bson *reply, const cb_bson *source) {
    const bson_t *s = (const bson_t *) source;
    return bson_init_static((bson_t *) reply, bson_get_data(s), s->len);
}

/* ---------- encode: C tree -> bson_append_* ---------- */

struct cb_node {
    bson_type_t type;
    char *key;
    int key_len;
    bson_value_t value;      /* scalars (strings point into `owned`) */
    struct cb_node *children;
    int count;
};

struct cb_tree { struct cb_node root; uint8_t *owned; };

static void build(struct cb_node *node, bson_iter_t *it) {
    int cap = 8, n = 0;
    node->children = malloc(sizeof(struct cb_node) * cap);
    while (bson_iter_next(it)) {
        if (n == cap) { cap *= 2; node->children = realloc(node->children, sizeof(struct cb_node) * cap); }
        struct cb_node *c = &node->children[n++];
        memset(c, 0, sizeof *c);
        c->type = bson_iter_type(it);
        c->key_len = (int) bson_iter_key_len(it);
        c->key = strndup(bson_iter_key(it), c->key_len);
        if (c->type == BSON_TYPE_DOCUMENT || c->type == BSON_TYPE_ARRAY) {
            bson_iter_t child;
            bson_iter_recurse(it, &child);
            build(c, &child);
        } else {
            bson_value_copy(bson_iter_value(it), &c->value);
        }
    }
    node->count = n;
}

static void free_node(struct cb_node *node) {
    for (int i = 0; i < node->count; i++) {
        struct cb_node *c = &node->children[i];
        free(c->key);
        if (c->type == BSON_TYPE_DOCUMENT || c->type == BSON_TYPE_ARRAY) free_node(c);
        else bson_value_destroy(&c->value);
    }
    free(node->children);
}

cb_tree *cb_tree_new(const uint8_t *data, size_t length) {
    bson_t b;
    if (!bson_init_static(&b, data, length)) return NULL;
    bson_iter_t it;
    if (!bson_iter_init(&it, &b)) return NULL;
    cb_tree *t = calloc(1, sizeof *t);
    build(&t->root, &it);
    return t;
}

void cb_tree_free(cb_tree *tree) {
    if (!tree) return;
    free_node(&tree->root);
    free(tree);
}

static void append(bson_t *out, const struct cb_node *node) {
    for (int i = 0; i < node->count; i++) {
        const struct cb_node *c = &node->children[i];
        switch (c->type) {
        case BSON_TYPE_DOCUMENT: { bson_t child; bson_append_document_begin(out, c->key, c->key_len, &child); append(&child, c); bson_append_document_end(out, &child); break; }
        case BSON_TYPE_ARRAY: { bson_t child; bson_append_array_begin(out, c->key, c->key_len, &child); append(&child, c); bson_append_array_end(out, &child); break; }
        case BSON_TYPE_DOUBLE: bson_append_double(out, c->key, c->key_len, c->value.value.v_double); break;
        case BSON_TYPE_UTF8: bson_append_utf8(out, c->key, c->key_len, c->value.value.v_utf8.str, (int) c->value.value.v_utf8.len); break;
        case BSON_TYPE_INT32: bson_append_int32(out, c->key, c->key_len, c->value.value.v_int32); break;
        case BSON_TYPE_INT64: bson_append_int64(out, c->key, c->key_len, c->value.value.v_int64); break;
        case BSON_TYPE_BOOL: bson_append_bool(out, c->key, c->key_len, c->value.value.v_bool); break;
        case BSON_TYPE_OID: bson_append_oid(out, c->key, c->key_len, &c->value.value.v_oid); break;
        case BSON_TYPE_DATE_TIME: bson_append_date_time(out, c->key, c->key_len, c->value.value.v_datetime); break;
        case BSON_TYPE_NULL: bson_append_null(out, c->key, c->key_len); break;
        default: bson_append_value(out, c->key, c->key_len, &c->value); break;
        }
    }
}

int64_t cb_encode(const cb_tree *tree, int iterations) {
    int64_t sum = 0;
    for (int i = 0; i < iterations; i++) {
        bson_t *b = bson_new();
        append(b, &tree->root);
        sum += b->len;
        bson_destroy(b);
    }
    return sum;
}

/* ---------- Extended JSON ---------- */

int64_t cb_to_json(const uint8_t *data, size_t length, int canonical, int iterations) {
    int64_t sum = 0;
    for (int i = 0; i < iterations; i++) {
        bson_t b;
        if (!bson_init_static(&b, data, length)) return -1;
        size_t len = 0;
        char *s = canonical ? bson_as_canonical_extended_json(&b, &len) : bson_as_relaxed_extended_json(&b, &len);
        if (!s) return -2;
        sum += (int64_t) len;
        bson_free(s);
    }
    return sum;
}

int64_t cb_from_json(const char *json, size_t length, int iterations) {
    int64_t sum = 0;
    for (int i = 0; i < iterations; i++) {
        bson_error_t error;
        bson_t *b = bson_new_from_json((const uint8_t *) json, (ssize_t) length, &error);
        if (!b) return -1;
        sum += b->len;
        bson_destroy(b);
    }
    return sum;
}

const char *bson_get_version_shim(void) { return bson_get_version(); }

/* ---------- instruction counting (scripts/bench-instructions) ---------- */

void cb_callgrind_begin(void) {
#ifdef CB_HAVE_CALLGRIND
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
#endif
}

void cb_callgrind_end(const char *label) {
#ifdef CB_HAVE_CALLGRIND
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(label);
#else
    (void)label;
#endif
}

int cb_running_on_valgrind(void) {
#ifdef CB_HAVE_CALLGRIND
    return RUNNING_ON_VALGRIND ? 1 : 0;
#else
    return 0;
#endif
}
