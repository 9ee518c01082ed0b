/*
 * Counts libgomp's GOMP_parallel calls (one per OpenMP parallel region, i.e. per barrier) and forwards
 * each to the libgomp that libtorch ships (libgomp-98b21ff3.so.1 in DJL's PyTorch 2.7.1 CPU build).
 * Preloaded by bench/parallel-regions.sh; read through trainbench_parallel_regions().
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
static atomic_long count;
typedef void (*gp_t)(void (*fn)(void*), void *data, unsigned num_threads, unsigned flags);
static gp_t real;
void GOMP_parallel(void (*fn)(void*), void *data, unsigned num_threads, unsigned flags) {
    if (!real) {
        void *h = dlopen("libgomp-98b21ff3.so.1", RTLD_NOLOAD | RTLD_LAZY);
        if (h) real = (gp_t) dlvsym(h, "GOMP_parallel", "GOMP_4.0");
        if (!real) {
            fprintf(stderr, "gomp_count: libtorch's GOMP_parallel not found\n");
            abort();
        }
    }
    atomic_fetch_add(&count, 1);
    real(fn, data, num_threads, flags);
}
long trainbench_parallel_regions(void) { return atomic_load(&count); }
