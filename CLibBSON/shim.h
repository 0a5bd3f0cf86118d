#ifndef CLIBBSON_SHIM_H
#define CLIBBSON_SHIM_H
/* The one header Swift sees: libbson's public API (pkg-config libbson-1.0). */
#include <bson/bson.h>
#endif
