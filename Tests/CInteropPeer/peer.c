/* libbson's own C code as the peer of the Swift bridge's tests: see include/CInteropPeer.h. */
#include "CInteropPeer.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* MARK: Building */

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

/* MARK: Raw bson_t */

bool peer_init_static(bson_t *storage, const uint8_t *data, size_t length) {
   return bson_init_static(storage, data, length);
}

void peer_set_len(bson_t *doc, uint32_t len) { doc->len = len; }

uint8_t *peer_guarded_alloc(size_t length) {
   size_t page = (size_t) sysconf(_SC_PAGESIZE);
   size_t pages = (length + page - 1) / page + 1;
   uint8_t *base = mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   if (base == MAP_FAILED) {
      return NULL;
   }
   uint8_t *guard = base + (pages - 1) * page;
   if (mprotect(guard, page, PROT_NONE) != 0) {
      munmap(base, pages * page);
      return NULL;
   }
   return guard - length;
}

void peer_guarded_free(uint8_t *bytes, size_t length) {
   size_t page = (size_t) sysconf(_SC_PAGESIZE);
   size_t pages = (length + page - 1) / page + 1;
   uint8_t *guard = bytes + length;
   munmap(guard - (pages - 1) * page, pages * page);
}

/* MARK: Errors and replies */

void peer_set_error(bson_error_t *error, uint32_t domain, uint32_t code, const char *message) {
   bson_set_error(error, domain, code, "%s", message);
}

void peer_set_error_without_nul(bson_error_t *error, uint32_t domain, uint32_t code, char fill) {
   error->domain = domain;
   error->code = code;
   memset(error->message, fill, sizeof error->message);
}

bool peer_reply(bson_t *reply, bson_error_t *error, bool succeed, int32_t n, uint32_t domain,
                uint32_t code, const char *message, bool leave_reply_empty, size_t padding) {
   bson_init(reply);
   char *pad = bson_malloc(padding + 1);
   memset(pad, 'p', padding);
   pad[padding] = '\0';
   if (succeed) {
      BSON_APPEND_DOUBLE(reply, "ok", 1.0);
      BSON_APPEND_INT32(reply, "n", n);
      BSON_APPEND_UTF8(reply, "pad", pad);
   } else {
      if (!leave_reply_empty) {
         BSON_APPEND_DOUBLE(reply, "ok", 0.0);
         BSON_APPEND_UTF8(reply, "errmsg", message);
         BSON_APPEND_INT32(reply, "code", (int32_t) code);
         BSON_APPEND_UTF8(reply, "pad", pad);
      }
      bson_set_error(error, domain, code, "%s", message);
   }
   bson_free(pad);
   return succeed;
}

/* MARK: Tracking libbson's allocations */

typedef struct {
   void **items;
   size_t count, capacity;
} pointer_set_t;

static __thread bool tracking;
static __thread pointer_set_t live, held;
static __thread peer_tracking_t tally;

static void set_add(pointer_set_t *set, void *pointer) {
   if (set->count == set->capacity) {
      size_t capacity = set->capacity ? set->capacity * 2 : 256;
      void **items = realloc(set->items, capacity * sizeof *items);
      if (!items) {
         abort();
      }
      set->items = items;
      set->capacity = capacity;
   }
   set->items[set->count++] = pointer;
}

/* Removes `pointer` from `set`; false when it is not there. */
static bool set_remove(pointer_set_t *set, void *pointer) {
   for (size_t i = set->count; i > 0; i--) {
      if (set->items[i - 1] == pointer) {
         set->items[i - 1] = set->items[--set->count];
         return true;
      }
   }
   return false;
}

static bool set_contains(const pointer_set_t *set, const void *pointer) {
   for (size_t i = 0; i < set->count; i++) {
      if (set->items[i] == pointer) {
         return true;
      }
   }
   return false;
}

static void *allocated(void *pointer) {
   if (tracking && pointer) {
      tally.allocations++;
      set_add(&live, pointer);
   }
   return pointer;
}

static void *tracked_malloc(size_t size) { return allocated(malloc(size)); }

static void *tracked_calloc(size_t count, size_t size) { return allocated(calloc(count, size)); }

static void *tracked_aligned_alloc(size_t alignment, size_t size) {
   void *pointer = NULL;
   return allocated(posix_memalign(&pointer, alignment, size) == 0 ? pointer : NULL);
}

static void *tracked_realloc(void *pointer, size_t size) {
   if (!tracking || !pointer || !set_contains(&live, pointer)) {
      return allocated(realloc(pointer, size));
   }
   void *moved = realloc(pointer, size);
   if (moved) {
      set_remove(&live, pointer);
      set_add(&live, moved);
   }
   return moved;
}

static void tracked_free(void *pointer) {
   if (!pointer) {
      return;
   }
   if (tracking) {
      if (set_remove(&live, pointer)) {
         tally.frees++;
         set_add(&held, pointer);
         return;
      }
      if (set_contains(&held, pointer)) {
         tally.double_frees++;
         return;
      }
   }
   free(pointer);
}

__attribute__((constructor)) static void install_tracking_vtable(void) {
   bson_mem_vtable_t vtable = {
      .malloc = tracked_malloc,
      .calloc = tracked_calloc,
      .realloc = tracked_realloc,
      .free = tracked_free,
      .aligned_alloc = tracked_aligned_alloc,
   };
   bson_mem_set_vtable(&vtable);
}

void peer_tracking_begin(void) {
   memset(&tally, 0, sizeof tally);
   tracking = true;
}

peer_tracking_t peer_tracking_end(void) {
   tracking = false;
   peer_tracking_t result = tally;
   result.still_allocated = live.count;
   for (size_t i = 0; i < held.count; i++) {
      free(held.items[i]);
   }
   free(held.items);
   free(live.items);
   memset(&held, 0, sizeof held);
   memset(&live, 0, sizeof live);
   return result;
}
