/* The peer's bson_iter_t walks, embedded documents' addresses and Extended JSON: see include/CInteropPeer.h. */
#include "CInteropPeer.h"

#include <string.h>

void peer_free(char *text) { bson_free(text); }

/* MARK: Walking with bson_iter_t */

static void append_hex(bson_string_t *out, const uint8_t *bytes, size_t length) {
   static const char digits[] = "0123456789ABCDEF";
   char pair[3] = {0, 0, 0};
   for (size_t i = 0; i < length; i++) {
      pair[0] = digits[bytes[i] >> 4];
      pair[1] = digits[bytes[i] & 0x0F];
      bson_string_append(out, pair);
   }
}

static void append_path(bson_string_t *out, const char *prefix, const char *separator, const char *key) {
   bson_string_append(out, prefix);
   if (prefix[0] != '\0') {
      bson_string_append(out, separator);
   }
   append_hex(out, (const uint8_t *) key, strlen(key));
}

/* The key path of the current element of `iter` under `prefix`, as a new string. An array's
 * elements are named by their position (as BSON says their keys must be, and as an array
 * reads in Swift), whatever their keys say. */
static char *child_path(const char *prefix, const char *separator, const bson_iter_t *iter, long index) {
   bson_string_t *path = bson_string_new(NULL);
   if (index < 0) {
      append_path(path, prefix, separator, bson_iter_key(iter));
   } else {
      char position[24];
      bson_snprintf(position, sizeof position, "%ld", index);
      append_path(path, prefix, separator, position);
   }
   return bson_string_free(path, false);
}

/* Walks the elements of `iter`; `in_array` names them by position. */
static bool walk_iter(bson_iter_t *iter, const char *prefix, const char *separator, bool in_array, bson_string_t *out) {
   long index = 0;
   while (bson_iter_next(iter)) {
      char *path = child_path(prefix, separator, iter, in_array ? index++ : -1);
      bson_type_t type = bson_iter_type(iter);
      bson_string_append_printf(out, "%s\t%02X\t", path, (unsigned) type);
      bool ok = true;
      uint32_t length = 0;
      switch (type) {
      case BSON_TYPE_DOUBLE: {
         double value = bson_iter_double(iter);
         uint64_t bits;
         memcpy(&bits, &value, sizeof bits);
         bson_string_append_printf(out, "%016" PRIX64 "\n", bits);
         break;
      }
      case BSON_TYPE_UTF8: {
         const char *value = bson_iter_utf8(iter, &length);
         append_hex(out, (const uint8_t *) value, length);
         bson_string_append(out, "\n");
         break;
      }
      case BSON_TYPE_DOCUMENT:
      case BSON_TYPE_ARRAY: {
         const uint8_t *data = NULL;
         if (type == BSON_TYPE_DOCUMENT) {
            bson_iter_document(iter, &length, &data);
         } else {
            bson_iter_array(iter, &length, &data);
         }
         bson_t child;
         if (!bson_init_static(&child, data, length)) {
            ok = false;
            break;
         }
         bson_string_append_printf(out, "%" PRIu32 "\n", bson_count_keys(&child));
         bson_iter_t inner;
         ok = bson_iter_init(&inner, &child) && walk_iter(&inner, path, ".", type == BSON_TYPE_ARRAY, out);
         break;
      }
      case BSON_TYPE_BINARY: {
         bson_subtype_t subtype;
         const uint8_t *data = NULL;
         bson_iter_binary(iter, &subtype, &length, &data);
         bson_string_append_printf(out, "%02X:", (unsigned) subtype);
         append_hex(out, data, length);
         bson_string_append(out, "\n");
         break;
      }
      case BSON_TYPE_UNDEFINED:
      case BSON_TYPE_NULL:
      case BSON_TYPE_MINKEY:
      case BSON_TYPE_MAXKEY:
         bson_string_append(out, "\n");
         break;
      case BSON_TYPE_OID:
         append_hex(out, bson_iter_oid(iter)->bytes, 12);
         bson_string_append(out, "\n");
         break;
      case BSON_TYPE_BOOL:
         bson_string_append_printf(out, "%d\n", bson_iter_bool(iter) ? 1 : 0);
         break;
      case BSON_TYPE_DATE_TIME:
         bson_string_append_printf(out, "%" PRId64 "\n", bson_iter_date_time(iter));
         break;
      case BSON_TYPE_REGEX: {
         const char *options = NULL;
         const char *pattern = bson_iter_regex(iter, &options);
         append_hex(out, (const uint8_t *) pattern, strlen(pattern));
         bson_string_append(out, ":");
         /* Sorted: BSONRegularExpression keeps its options sorted, the canonical form. */
         size_t count = strlen(options);
         uint8_t *sorted = bson_malloc(count + 1);
         memcpy(sorted, options, count + 1);
         for (size_t i = 1; i < count; i++) {
            for (size_t j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
               uint8_t swap = sorted[j];
               sorted[j] = sorted[j - 1];
               sorted[j - 1] = swap;
            }
         }
         append_hex(out, sorted, count);
         bson_free(sorted);
         bson_string_append(out, "\n");
         break;
      }
      case BSON_TYPE_DBPOINTER: {
         const char *collection = NULL;
         const bson_oid_t *oid = NULL;
         bson_iter_dbpointer(iter, &length, &collection, &oid);
         append_hex(out, (const uint8_t *) collection, length);
         bson_string_append(out, ":");
         append_hex(out, oid->bytes, 12);
         bson_string_append(out, "\n");
         break;
      }
      case BSON_TYPE_CODE: {
         const char *code = bson_iter_code(iter, &length);
         append_hex(out, (const uint8_t *) code, length);
         bson_string_append(out, "\n");
         break;
      }
      case BSON_TYPE_SYMBOL: {
         const char *symbol = bson_iter_symbol(iter, &length);
         append_hex(out, (const uint8_t *) symbol, length);
         bson_string_append(out, "\n");
         break;
      }
      case BSON_TYPE_CODEWSCOPE: {
         uint32_t scope_length = 0;
         const uint8_t *scope_data = NULL;
         const char *code = bson_iter_codewscope(iter, &length, &scope_length, &scope_data);
         bson_t scope;
         if (!bson_init_static(&scope, scope_data, scope_length)) {
            ok = false;
            break;
         }
         append_hex(out, (const uint8_t *) code, length);
         bson_string_append_printf(out, ":%" PRIu32 "\n", bson_count_keys(&scope));
         bson_iter_t inner;
         ok = bson_iter_init(&inner, &scope) && walk_iter(&inner, path, "/", false, out);
         break;
      }
      case BSON_TYPE_INT32:
         bson_string_append_printf(out, "%" PRId32 "\n", bson_iter_int32(iter));
         break;
      case BSON_TYPE_TIMESTAMP: {
         uint32_t timestamp = 0, increment = 0;
         bson_iter_timestamp(iter, &timestamp, &increment);
         bson_string_append_printf(out, "%" PRIu32 ":%" PRIu32 "\n", timestamp, increment);
         break;
      }
      case BSON_TYPE_INT64:
         bson_string_append_printf(out, "%" PRId64 "\n", bson_iter_int64(iter));
         break;
      case BSON_TYPE_DECIMAL128: {
         bson_decimal128_t value;
         bson_iter_decimal128(iter, &value);
         bson_string_append_printf(out, "%016" PRIX64 ":%016" PRIX64 "\n", value.high, value.low);
         break;
      }
      case BSON_TYPE_EOD:
      default:
         ok = false;
         break;
      }
      bson_free(path);
      if (!ok) {
         return false;
      }
   }
   /* bson_iter_next returns false at the end and on corrupt bytes; err_off tells them apart. */
   return iter->err_off == 0;
}

char *peer_walk(const bson_t *doc) {
   bson_iter_t iter;
   if (!bson_iter_init(&iter, doc)) {
      return NULL;
   }
   bson_string_t *out = bson_string_new(NULL);
   if (!walk_iter(&iter, "", ".", false, out)) {
      bson_string_free(out, true);
      return NULL;
   }
   return bson_string_free(out, false);
}

char *peer_walk_many(const bson_t **docs, size_t count) {
   bson_string_t *out = bson_string_new(NULL);
   for (size_t i = 0; i < count; i++) {
      char *lines = peer_walk(docs[i]);
      if (!lines) {
         bson_string_free(out, true);
         return NULL;
      }
      bson_string_append_printf(out, "#%zu\n%s", i, lines);
      bson_free(lines);
   }
   return bson_string_free(out, false);
}

/* MARK: Embedded documents' addresses */

static bool collect(bson_iter_t *iter, const uint8_t **out, size_t capacity, size_t *count) {
   while (bson_iter_next(iter)) {
      uint32_t length = 0;
      const uint8_t *data = NULL;
      bson_type_t type = bson_iter_type(iter);
      if (type == BSON_TYPE_DOCUMENT) {
         bson_iter_document(iter, &length, &data);
         if (*count < capacity) {
            out[*count] = data;
         }
         *count += 1;
      } else if (type == BSON_TYPE_ARRAY) {
         bson_iter_array(iter, &length, &data);
      } else if (type == BSON_TYPE_CODEWSCOPE) {
         uint32_t code_length = 0;
         bson_iter_codewscope(iter, &code_length, &length, &data);
         if (*count < capacity) {
            out[*count] = data;
         }
         *count += 1;
      } else {
         continue;
      }
      bson_t child;
      bson_iter_t inner;
      if (!bson_init_static(&child, data, length) || !bson_iter_init(&inner, &child) ||
          !collect(&inner, out, capacity, count)) {
         return false;
      }
   }
   return iter->err_off == 0;
}

long peer_embedded_addresses(const bson_t *doc, const uint8_t **out, size_t capacity) {
   bson_iter_t iter;
   size_t count = 0;
   if (!bson_iter_init(&iter, doc) || !collect(&iter, out, capacity, &count)) {
      return -1;
   }
   return (long) count;
}

/* MARK: Extended JSON */

char *peer_extended_json(const bson_t *doc, bool canonical) {
   size_t length = 0;
   return canonical ? bson_as_canonical_extended_json(doc, &length)
                    : bson_as_relaxed_extended_json(doc, &length);
}
