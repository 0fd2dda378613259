/* The ceiling for parse throughput: read the file and find every segment and element
 * with memchr, nothing else. Prints segments, elements and MB/s measured inside the process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: c-ceiling FILE\n"); return 2; }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    size_t cap = 1 << 22, len = 0, segments = 0, elements = 0;
    char *buf = malloc(cap);
    char element = 0, terminator = 0;
    size_t n, carry = 0;
    while ((n = fread(buf + carry, 1, cap - carry, f)) > 0) {
        len = carry + n;
        if (!element && len > 106) { element = buf[3]; terminator = buf[105]; }
        char *p = buf, *end = buf + len;
        for (;;) {
            char *t = memchr(p, terminator, end - p);
            if (!t) break;
            char *e = p;
            while ((e = memchr(e, element, t - e)) != NULL) { elements++; e++; }
            segments++;
            p = t + 1;
        }
        carry = end - p;
        memmove(buf, p, carry);
    }
    fclose(f);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("segments=%zu elements=%zu seconds=%.3f\n", segments, elements, s);
    return 0;
}
