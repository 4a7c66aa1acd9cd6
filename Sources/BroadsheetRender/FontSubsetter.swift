import BroadsheetDisplay
import CHarfBuzzSubset

/// Owns one reference to an hb_blob_t. A subset font's bytes live in such a blob, and the
/// FreeType face opened on them keeps the blob alive (see `FreeTypeFace.backing`).
final class HarfBuzzBlob {
    private let raw: OpaquePointer

    /// Takes over the caller's reference.
    init(owning raw: OpaquePointer) { self.raw = raw }

    deinit { hb_blob_destroy(raw) }

    /// Valid for as long as `self` is alive.
    var bytes: UnsafeRawBufferPointer {
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(raw, &length), length > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: data, count: Int(length))
    }

    fileprivate func withRaw<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R { try body(raw) }
}

/// Owns one reference to an hb_face_t.
private final class HarfBuzzFace {
    let raw: OpaquePointer
    init(owning raw: OpaquePointer) { self.raw = raw }
    deinit { hb_face_destroy(raw) }
}

/// Owns an hb_subset_input_t.
private final class HarfBuzzSubsetInput {
    let raw: OpaquePointer
    init?() {
        guard let raw = hb_subset_input_create_or_fail() else { return nil }
        self.raw = raw
    }
    deinit { hb_subset_input_destroy(raw) }
}

/// Cuts a face down to the glyphs a document draws, before Cairo sees it.
///
/// Cairo's PDF subsetter copies and parses the face's whole CFF or glyf table for every
/// font it embeds — about 18 MB and 65 535 charstrings for a Noto CJK collection face —
/// which cost far more than setting the text. HarfBuzz's subsetter reads the file through
/// mmap and touches only the glyphs asked for, so Cairo then subsets a font of a few
/// hundred kilobytes. What ends up in the PDF is Cairo's subset either way; the options
/// below keep everything Cairo reads from the face (CFF/glyf+loca, head, hhea, hmtx,
/// maxp, name, cmap, post, OS/2, hinting programs) as it was.
enum FontSubsetter {
    /// Layout tables: only the shaper reads them, and the shaper has already run. Dropping
    /// them also spares HarfBuzz the GSUB closure, which would add glyphs nobody draws.
    static let droppedTables = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "morx", "mort", "kerx", "kern"]

    /// A subset font: its bytes, and where each glyph of the original face went.
    struct Subset {
        let bytes: HarfBuzzBlob
        /// New glyph id by old glyph id; 0 (.notdef) for glyphs not in the subset.
        let newGlyphIDs: [UInt32]

        func glyphID(_ old: UInt32) -> UInt32 {
            Int(old) < newGlyphIDs.count ? newGlyphIDs[Int(old)] : 0
        }
    }

    /// The face `font` reduced to `glyphs` (plus .notdef), renumbered from 0. Nil when the
    /// file cannot be read or HarfBuzz cannot subset it; the caller then embeds from the
    /// full face.
    ///
    /// `keepCmap: false` leaves the character map out. Cairo reads a face's cmap only to
    /// name glyphs that have no text of their own (for ToUnicode): glyphs of runs without
    /// text and of clusters with more or fewer than one glyph. When there are none, the PDF
    /// comes out the same without it (tested; only Cairo's subset tag, a hash of the glyph
    /// ids, can differ), and HarfBuzz need not map the whole
    /// 45 000-character cmap of a CJK face: the plan then sees no cmap at all, which saves
    /// about 5 ms per face and keeps out the variant forms of marks (、 with VS2…) that a
    /// visible cmap's variation sequences would add.
    static func subset(_ font: FontRef, glyphs: Set<UInt32>, keepCmap: Bool = true) -> Subset? {
        // mmap, not a copy: only the pages of the glyphs asked for are ever read.
        guard let fileBlob = hb_blob_create_from_file_or_fail(font.path) else { return nil }
        let file = HarfBuzzBlob(owning: fileBlob)
        guard font.faceIndex >= 0,
              let rawFace = file.withRaw({ hb_face_create($0, UInt32(font.faceIndex)) }) else { return nil }
        let face = HarfBuzzFace(owning: rawFace)
        // A bad index or file gives HarfBuzz's empty face rather than NULL.
        guard hb_face_get_glyph_count(face.raw) > 0, let input = HarfBuzzSubsetInput() else { return nil }

        let glyphSet = hb_subset_input_glyph_set(input.raw)
        for glyph in glyphs.sorted() { hb_set_add(glyphSet, glyph) }

        let flags = HB_SUBSET_FLAGS_NOTDEF_OUTLINE.rawValue   // Cairo embeds .notdef as drawn
            | HB_SUBSET_FLAGS_NAME_LEGACY.rawValue            // all name records, as in the file
            | HB_SUBSET_FLAGS_GLYPH_NAMES.rawValue            // post glyph names, as in the file
            // CFF: inline the subroutines. Faster to subset (no subroutine renumbering),
            // quicker for Cairo to parse, and the embedded font comes out smaller, because
            // Cairo keeps a placeholder for every subroutine of the face it is given.
            | HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue
        hb_subset_input_set_flags(input.raw, flags)
        // Every name id and language: Cairo takes the PostScript and family names from
        // `name`, and must find the same records it found in the full face.
        for set in [HB_SUBSET_SETS_NAME_ID, HB_SUBSET_SETS_NAME_LANG_ID] {
            let ids = hb_subset_input_set(input.raw, set)
            hb_set_clear(ids)
            hb_set_invert(ids)
        }
        let drop = hb_subset_input_set(input.raw, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in droppedTables + (keepCmap ? [] : ["cmap"]) { hb_set_add(drop, Self.tag(tag)) }
        // The plan is made on a view of the face without the dropped tables, or it would
        // still read them (see bs_face_create_hiding_tables).
        guard let rawView = bs_face_create_hiding_tables(face.raw, drop) else { return nil }
        let view = HarfBuzzFace(owning: rawView)

        guard let plan = hb_subset_plan_create_or_fail(view.raw, input.raw) else { return nil }
        defer { hb_subset_plan_destroy(plan) }
        guard let subsetFace = hb_subset_plan_execute_or_fail(plan) else { return nil }
        let subset = HarfBuzzFace(owning: subsetFace)
        guard let blob = hb_face_reference_blob(subset.raw) else { return nil }
        let bytes = HarfBuzzBlob(owning: blob)
        guard !bytes.bytes.isEmpty, let mapping = hb_subset_plan_old_to_new_glyph_mapping(plan) else { return nil }
        var newGlyphIDs = [UInt32](repeating: 0, count: Int(glyphs.max() ?? 0) + 1)
        for old in glyphs {
            let new = hb_map_get(mapping, old)
            if new != UInt32.max { newGlyphIDs[Int(old)] = new } // UInt32.max: HB_MAP_VALUE_INVALID
        }
        return Subset(bytes: bytes, newGlyphIDs: newGlyphIDs)
    }

    /// HB_TAG, which Swift cannot import (function-like macro).
    static func tag(_ name: String) -> UInt32 {
        name.utf8.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
