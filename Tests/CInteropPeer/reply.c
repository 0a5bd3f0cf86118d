/* bson_error_t and the out-parameter form: see include/CInteropPeer.h. */
#include "CInteropPeer.h"

#include <string.h>

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
