#ifndef CHarfBuzzSubset_SHIM_H
#define CHarfBuzzSubset_SHIM_H
#include <hb.h>
#include <hb-subset.h>
#include <stdlib.h>

/* A face that shows every table of `source` except those in `hidden`, which read as empty.
 *
 * Why: dropping a table (HB_SUBSET_SETS_DROP_TABLE_TAG) only keeps it out of the output.
 * HarfBuzz 6's subset plan still reads the cmap, to find every character that maps to a
 * requested glyph (about 45 000 mappings in a Noto CJK face), and follows its variation
 * sequences to glyphs nobody asked for. A table the plan cannot see costs nothing. */
typedef struct {
    hb_face_t *source;
    hb_set_t *hidden;
} bs_hiding_face_data_t;

static inline hb_blob_t *bs_hiding_face_reference_table(hb_face_t *face, hb_tag_t tag, void *user_data) {
    (void) face;
    const bs_hiding_face_data_t *data = (const bs_hiding_face_data_t *) user_data;
    /* HB_TAG_NONE asks for the whole font file: a .ttc holds other faces' directories, and
     * this face has no file of its own, so it answers with nothing. */
    if (tag == HB_TAG_NONE || hb_set_has(data->hidden, tag)) return hb_blob_get_empty();
    return hb_face_reference_table(data->source, tag);
}

static inline void bs_hiding_face_data_destroy(void *user_data) {
    bs_hiding_face_data_t *data = (bs_hiding_face_data_t *) user_data;
    hb_set_destroy(data->hidden);
    hb_face_destroy(data->source);
    free(data);
}

/* Takes its own references to `source` and a copy of `hidden`; NULL when out of memory.
 * The view cannot list its tables, so HarfBuzz's subsetter (4.3 and later) probes the
 * tables it knows by tag: a table it does not know would be left out of the subset (the
 * subsetter drops unknown tables anyway; tested: the tables Cairo reads are all kept). */
static inline hb_face_t *bs_face_create_hiding_tables(hb_face_t *source, const hb_set_t *hidden) {
    bs_hiding_face_data_t *data = (bs_hiding_face_data_t *) malloc(sizeof *data);
    if (!data) return NULL;
    data->hidden = hb_set_copy(hidden);
    if (!data->hidden || !hb_set_allocation_successful(data->hidden)) {
        hb_set_destroy(data->hidden);
        free(data);
        return NULL;
    }
    data->source = hb_face_reference(source);
    hb_face_t *face = hb_face_create_for_tables(bs_hiding_face_reference_table, data, bs_hiding_face_data_destroy);
    if (face == hb_face_get_empty()) return NULL;   /* the destroy callback has freed `data` */
    return face;
}
#endif
