/* The raw libbson baseline for scripts/bench-bson-dump: reads a .bson stream with
 * bson_reader_read and prints each document with bson_as_canonical_extended_json, one per
 * line, as bsondump does. Prints "N documents" on stderr; exits 1 on a read error. */
#include <bson/bson.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.bson\n", argv[0]);
        return 2;
    }
    bson_error_t error;
    bson_reader_t *reader = bson_reader_new_from_file(argv[1], &error);
    if (!reader) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], error.message);
        return 1;
    }
    static char buffer[1 << 18];
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    const bson_t *doc;
    bool eof = false;
    unsigned long count = 0;
    while ((doc = bson_reader_read(reader, &eof))) {
        size_t length;
        char *json = bson_as_canonical_extended_json(doc, &length);
        if (!json) {
            fprintf(stderr, "document %lu cannot be converted\n", count + 1);
            bson_reader_destroy(reader);
            return 1;
        }
        fwrite(json, 1, length, stdout);
        fputc('\n', stdout);
        bson_free(json);
        count++;
    }
    bson_reader_destroy(reader);
    fflush(stdout);
    fprintf(stderr, "%lu documents%s\n", count, eof ? "" : " (stopped before the end: corrupt input)");
    return eof ? 0 : 1;
}
