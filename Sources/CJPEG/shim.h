#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

/*
 * libjpeg reports fatal errors through error_exit, which by default calls exit(). Swift
 * cannot longjmp, so the two helpers below keep setjmp/longjmp inside C and turn every
 * libjpeg failure into a return code plus libjpeg's own message.
 */

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} bs_jpeg_error_mgr;

static void bs_jpeg_error_exit(j_common_ptr cinfo) {
    bs_jpeg_error_mgr *err = (bs_jpeg_error_mgr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    longjmp(err->jump, 1);
}

static void bs_jpeg_silence(j_common_ptr cinfo, int level) { (void)cinfo; (void)level; }

static inline void bs_jpeg_copy_message(const char *from, char *to, size_t to_len) {
    if (to && to_len > 0) { strncpy(to, from, to_len - 1); to[to_len - 1] = 0; }
}

/* Error manager that longjmps back to the caller (which must have called setjmp on
 * err->jump) instead of exit(), and keeps libjpeg quiet on warnings. */
static inline struct jpeg_error_mgr *bs_jpeg_error_init(bs_jpeg_error_mgr *err) {
    struct jpeg_error_mgr *pub = jpeg_std_error(&err->pub);
    err->pub.error_exit = bs_jpeg_error_exit;
    err->pub.emit_message = bs_jpeg_silence;
    err->message[0] = 0;
    return pub;
}

/*
 * Decodes a JPEG held in memory. On success returns 0 and sets *pixels to a malloc'd
 * buffer of width*height*components bytes (components 1 = gray, 3 = RGB, 4 = CMYK as
 * stored; *adobe_inverted tells whether the CMYK values are Adobe-inverted). The caller
 * frees *pixels with free(). On failure returns -1 and writes libjpeg's message.
 */
static inline int bs_jpeg_decode(const unsigned char *data, unsigned long size,
                                 int *width, int *height, int *components, int *adobe_inverted,
                                 unsigned char **pixels, char *message, size_t message_len) {
    struct jpeg_decompress_struct cinfo;
    bs_jpeg_error_mgr jerr;
    unsigned char *volatile out = NULL;
    *pixels = NULL;
    cinfo.err = bs_jpeg_error_init(&jerr);
    if (setjmp(jerr.jump)) {
        bs_jpeg_copy_message(jerr.message, message, message_len);
        jpeg_destroy_decompress(&cinfo);
        free(out);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE: cinfo.out_color_space = JCS_GRAYSCALE; break;
    case JCS_CMYK: case JCS_YCCK: cinfo.out_color_space = JCS_CMYK; break;
    default: cinfo.out_color_space = JCS_RGB; break;
    }
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    out = (unsigned char *)malloc(stride * cinfo.output_height);
    if (!out) {
        bs_jpeg_copy_message("out of memory", message, message_len);
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    *width = (int)cinfo.output_width;
    *height = (int)cinfo.output_height;
    *components = cinfo.output_components;
    *adobe_inverted = cinfo.saw_Adobe_marker ? 1 : 0;
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    *pixels = out;
    return 0;
}

/*
 * Encodes gray (components 1) or RGB (components 3) pixels as a baseline JPEG. On success
 * returns 0 and sets *jpeg / *jpeg_size to a malloc'd buffer the caller frees with free().
 */
static inline int bs_jpeg_encode(const unsigned char *pixels, int width, int height, int components,
                                 int quality, unsigned char **jpeg, unsigned long *jpeg_size,
                                 char *message, size_t message_len) {
    struct jpeg_compress_struct cinfo;
    bs_jpeg_error_mgr jerr;
    *jpeg = NULL;
    *jpeg_size = 0;
    cinfo.err = bs_jpeg_error_init(&jerr);
    if (setjmp(jerr.jump)) {
        bs_jpeg_copy_message(jerr.message, message, message_len);
        jpeg_destroy_compress(&cinfo);
        free(*jpeg);
        *jpeg = NULL;
        return -1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, jpeg, jpeg_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)components;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + stride * cinfo.next_scanline);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return 0;
}
#endif
