/* Documents the peer builds with bson_append_*: see include/CInteropPeer.h. */
#include "CInteropPeer.h"

#include <string.h>

static bson_oid_t oid_from_hex(const char *hex) {
   bson_oid_t oid;
   bson_oid_init_from_string(&oid, hex);
   return oid;
}

bson_t *peer_build_every_type(void) {
   bson_t *doc = bson_new();
   bool ok = true;
   ok = ok && bson_append_double(doc, "double", -1, 1.25);
   ok = ok && bson_append_double(doc, "negzero", -1, -0.0);
   uint64_t nan_bits = 0x7FF8000000000123ULL;
   double nan;
   memcpy(&nan, &nan_bits, sizeof nan);
   ok = ok && bson_append_double(doc, "nan", -1, nan);
   ok = ok && bson_append_utf8(doc, "string", -1, "h\xc3\xa9llo\0w\xc3\xb6rld", 13);
   ok = ok && bson_append_utf8(doc, "empty", -1, "", 0);

   bson_t child, grandchild;
   ok = ok && bson_append_document_begin(doc, "doc", -1, &child);
   ok = ok && bson_append_utf8(&child, "k", -1, "v", 1);
   ok = ok && bson_append_document_begin(&child, "n", -1, &grandchild);
   ok = ok && bson_append_int32(&grandchild, "deep", -1, 7);
   ok = ok && bson_append_document_end(&child, &grandchild);
   ok = ok && bson_append_document_end(doc, &child);

   ok = ok && bson_append_array_begin(doc, "array", -1, &child);
   ok = ok && bson_append_int32(&child, "0", -1, 1);
   ok = ok && bson_append_utf8(&child, "1", -1, "two", 3);
   ok = ok && bson_append_document_begin(&child, "2", -1, &grandchild);
   ok = ok && bson_append_int32(&grandchild, "three", -1, 3);
   ok = ok && bson_append_document_end(&child, &grandchild);
   ok = ok && bson_append_array_begin(&child, "3", -1, &grandchild);
   ok = ok && bson_append_array_end(&child, &grandchild);
   ok = ok && bson_append_array_end(doc, &child);

   const uint8_t user_defined[] = {1, 2, 3};
   const uint8_t old[] = {9, 9};
   const uint8_t uuid[] = {0x73, 0xff, 0xd2, 0x64, 0x44, 0xb3, 0x4c, 0x69,
                           0x90, 0xe8, 0xe7, 0xd1, 0xdf, 0xc0, 0x35, 0xd4};
   ok = ok && bson_append_binary(doc, "binary", -1, BSON_SUBTYPE_USER, user_defined, sizeof user_defined);
   ok = ok && bson_append_binary(doc, "old", -1, BSON_SUBTYPE_BINARY_DEPRECATED, old, sizeof old);
   ok = ok && bson_append_binary(doc, "uuid", -1, BSON_SUBTYPE_UUID, uuid, sizeof uuid);
   ok = ok && bson_append_binary(doc, "nobytes", -1, BSON_SUBTYPE_BINARY, old, 0);
   ok = ok && bson_append_undefined(doc, "undefined", -1);
   bson_oid_t oid = oid_from_hex("57e193d7a9cc81b4027498b5");
   ok = ok && bson_append_oid(doc, "oid", -1, &oid);
   ok = ok && bson_append_bool(doc, "true", -1, true);
   ok = ok && bson_append_bool(doc, "false", -1, false);
   ok = ok && bson_append_date_time(doc, "date", -1, INT64_MIN);
   ok = ok && bson_append_null(doc, "null", -1);
   ok = ok && bson_append_regex(doc, "regex", -1, "a+b", "xi");
   bson_oid_t pointed = oid_from_hex("57e193d7a9cc81b4027498b6");
   ok = ok && bson_append_dbpointer(doc, "dbptr", -1, "db.coll", &pointed);
   ok = ok && bson_append_code(doc, "code", -1, "function () { return 1; }");
   ok = ok && bson_append_symbol(doc, "symbol", -1, "sym", 3);
   bson_t *scope = bson_new();
   ok = ok && bson_append_int32(scope, "x", -1, 1);
   ok = ok && bson_append_utf8(scope, "s", -1, "scoped", 6);
   ok = ok && bson_append_code_with_scope(doc, "cws", -1, "g(x)", scope);
   bson_destroy(scope);
   ok = ok && bson_append_int32(doc, "int32", -1, INT32_MIN);
   ok = ok && bson_append_timestamp(doc, "ts", -1, UINT32_MAX, 1);
   ok = ok && bson_append_int64(doc, "int64", -1, INT64_MAX);
   bson_decimal128_t decimal = {.low = 0x3E8, .high = 0x3026000000000000ULL};
   ok = ok && bson_append_decimal128(doc, "dec", -1, &decimal);
   ok = ok && bson_append_minkey(doc, "min", -1);
   ok = ok && bson_append_maxkey(doc, "max", -1);
   if (!ok) {
      bson_destroy(doc);
      return NULL;
   }
   return doc;
}

static bool append_padded(bson_t *doc, int32_t index, size_t padding) {
   char *pad = bson_malloc(padding + 1);
   memset(pad, 'p', padding);
   pad[padding] = '\0';
   bool ok = bson_append_int32(doc, "i", -1, index) && bson_append_utf8(doc, "pad", -1, pad, (int) padding);
   bson_free(pad);
   return ok;
}

bson_t *peer_new_padded(int32_t index, size_t padding) {
   bson_t *doc = bson_new();
   if (!append_padded(doc, index, padding)) {
      bson_destroy(doc);
      return NULL;
   }
   return doc;
}

void peer_init_padded(bson_t *storage, int32_t index, size_t padding) {
   bson_init(storage);
   (void) append_padded(storage, index, padding);
}
