/* Raw bson_t structs and guarded memory: see include/CInteropPeer.h. */
#include "CInteropPeer.h"

#include <sys/mman.h>
#include <unistd.h>

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
