#ifndef CHarfBuzz_SHIM_H
#define CHarfBuzz_SHIM_H
#include <hb.h>
#include <hb-ft.h>
#include <hb-ot.h>
#include <stdint.h>
#include <stdlib.h>

/* A character-to-glyph cache in front of a face's cmap (see HarfBuzzFont.swift for why).
 * slots[u] for u < limit: 0 = not looked up yet, 1 = the face lacks u, g + 2 = glyph g.
 * Several threads shape with one font, so slots are read and written with relaxed atomics:
 * two threads that miss the same character both look it up and store the same value.
 * SwiftPM does not recompile importers when this header changes: touch HarfBuzzFont.swift. */
typedef struct {
    uint32_t *slots;
    uint32_t limit;
} bs_cmap_cache_t;

/* A cache for characters below `limit`. calloc: the zeroed pages come from the system
 * untouched, so a face costs memory only for the blocks of characters it is asked about.
 * Without memory for the slots the cache is empty (limit 0: every lookup goes to the face);
 * NULL only if the small header itself cannot be had. */
static inline bs_cmap_cache_t *bs_cmap_cache_create(uint32_t limit) {
    bs_cmap_cache_t *cache = (bs_cmap_cache_t *)calloc(1, sizeof(bs_cmap_cache_t));
    if (!cache) return NULL;
    cache->slots = (uint32_t *)calloc(limit, sizeof(uint32_t));
    cache->limit = cache->slots ? limit : 0;
    return cache;
}

/* hb_destroy_func_t for the cache: HarfBuzz calls it when the font that owns it goes, so
 * the cache lives exactly as long as every reference to that font. */
static inline void bs_cmap_cache_destroy(void *data) {
    bs_cmap_cache_t *cache = (bs_cmap_cache_t *)data;
    if (!cache) return;
    free(cache->slots);
    free(cache);
}

static inline hb_bool_t bs_cmap_cache_lookup(hb_font_t *font, const bs_cmap_cache_t *cache,
                                             hb_codepoint_t u, hb_codepoint_t *glyph) {
    if (!cache || u >= cache->limit)
        return hb_font_get_nominal_glyph(hb_font_get_parent(font), u, glyph);
    uint32_t v = __atomic_load_n(&cache->slots[u], __ATOMIC_RELAXED);
    if (v != 0) {
        if (v == 1) return 0;
        *glyph = v - 2;
        return 1;
    }
    hb_codepoint_t g = 0;
    hb_bool_t found = hb_font_get_nominal_glyph(hb_font_get_parent(font), u, &g);
    __atomic_store_n(&cache->slots[u], found ? g + 2 : 1, __ATOMIC_RELAXED);
    if (found) *glyph = g;
    return found;
}

/* hb_font_get_nominal_glyph_func_t over the cache; font_data is the bs_cmap_cache_t. */
static inline hb_bool_t bs_cmap_cache_nominal_glyph(hb_font_t *font, void *font_data, hb_codepoint_t u,
                                                    hb_codepoint_t *glyph, void *user_data) {
    (void)user_data;
    return bs_cmap_cache_lookup(font, (const bs_cmap_cache_t *)font_data, u, glyph);
}

/* hb_font_get_nominal_glyphs_func_t: the batch form HarfBuzz's normaliser calls. */
static inline unsigned int bs_cmap_cache_nominal_glyphs(hb_font_t *font, void *font_data, unsigned int count,
                                                        const hb_codepoint_t *first_unicode, unsigned int unicode_stride,
                                                        hb_codepoint_t *first_glyph, unsigned int glyph_stride,
                                                        void *user_data) {
    (void)user_data;
    const bs_cmap_cache_t *cache = (const bs_cmap_cache_t *)font_data;
    unsigned int done = 0;
    for (; done < count; done++) {
        if (!bs_cmap_cache_lookup(font, cache, *first_unicode, first_glyph)) break;
        first_unicode = (const hb_codepoint_t *)((const char *)first_unicode + unicode_stride);
        first_glyph = (hb_codepoint_t *)((char *)first_glyph + glyph_stride);
    }
    return done;
}
#endif
