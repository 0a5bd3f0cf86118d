/* Tracking libbson's allocations: see include/CInteropPeer.h. */
#include "CInteropPeer.h"

#include <stdlib.h>
#include <string.h>

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
