import CHarfBuzz

/// Owns an hb_buffer_t; one per paragraph, reused for each run. HarfBuzz's glyph arrays are
/// copied out into Swift values here, so no C pointer leaves this wrapper.
final class HarfBuzzBuffer {
    /// A glyph in font design units, as HarfBuzz positioned it.
    struct Glyph {
        var glyph: UInt32
        var cluster: UInt32
        var xAdvance: Int32
        var xOffset: Int32
        var yOffset: Int32
    }

    private let pointer: OpaquePointer
    init() { pointer = hb_buffer_create()! }
    deinit { hb_buffer_destroy(pointer) }

    /// Shapes `range` of the paragraph with the whole paragraph as context (so clusters are
    /// paragraph scalar indices and contextual forms see their neighbours), replacing `out`.
    func shape(_ scalars: [UInt32], range: Range<Int>, font: HarfBuzzFont, script: hb_script_t, language: String,
               features: [String] = [], into out: inout [Glyph]) {
        hb_buffer_clear_contents(pointer)
        scalars.withUnsafeBufferPointer { p in
            hb_buffer_add_codepoints(pointer, p.baseAddress, Int32(p.count), UInt32(range.lowerBound), Int32(range.count))
        }
        hb_buffer_set_direction(pointer, HB_DIRECTION_LTR)
        hb_buffer_set_script(pointer, script)
        hb_buffer_set_language(pointer, hb_language_from_string(language, -1))
        if features.isEmpty {
            hb_shape(font.font, pointer, nil, 0)
        } else {
            let feats = features.map { hb_feature_t(tag: HarfBuzzFont.tag($0), value: 1, start: 0, end: UInt32.max) }
            feats.withUnsafeBufferPointer { hb_shape(font.font, pointer, $0.baseAddress, UInt32($0.count)) }
        }
        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(pointer, &count)!
        let positions = hb_buffer_get_glyph_positions(pointer, &count)!
        out.removeAll(keepingCapacity: true)
        for i in 0..<Int(count) {
            out.append(Glyph(glyph: infos[i].codepoint, cluster: infos[i].cluster, xAdvance: positions[i].x_advance,
                             xOffset: positions[i].x_offset, yOffset: positions[i].y_offset))
        }
    }
}
