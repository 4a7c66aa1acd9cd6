import Foundation

/// A punctuation mark's half-width form as the font itself defines it through `halt`, in
/// design units. The sign of `xOffset` says where the blank half of the em box lies:
/// negative = on the left (opening marks), zero = on the right (GB closing/pause/stop marks),
/// half of it = centred (Taiwan/Hong Kong forms).
public struct HalfWidthMetrics: Sendable, Hashable {
    public var glyph: UInt32
    /// Advance without `halt` (1000 for Noto CJK's full-width marks).
    public var fullAdvance: Int32
    /// Advance with `halt` (500 when the font trims the mark).
    public var halfAdvance: Int32
    /// x offset with `halt`: how far the glyph moves left so its ink stays in the kept half.
    public var xOffset: Int32
    /// Blank on the left and right of the ink half, in design units.
    public var leftBlank: Int32 { -xOffset }
    public var rightBlank: Int32 { fullAdvance - halfAdvance + xOffset }
}

/// Learns each mark's half-width metrics by shaping it alone with `halt` (and `fwid` for the
/// interpunct, whose default form is proportional) rather than guessing from geometry as
/// Typst does: fonts disagree about where the blank is, and the TC faces centre their marks.
/// One shaping per (font, mark) for the life of the process.
public final class PunctuationMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: [UInt64: HalfWidthMetrics] = [:]
    public let language: String

    public init(language: String = "zh-Hans") { self.language = language }

    public func metrics(for scalar: UInt32, font: FontID, in store: FontStore) -> HalfWidthMetrics {
        let key = UInt64(UInt32(truncatingIfNeeded: font)) << 32 | UInt64(scalar)
        lock.lock()
        if let m = cache[key] { lock.unlock(); return m }
        lock.unlock()
        let f = store.font(font)
        let fwid = BreakClass.of(scalar) == .middleDot
        let plain = f.shapeSingle(scalar, features: fwid ? ["fwid"] : [], language: language)
        let half = f.shapeSingle(scalar, features: fwid ? ["fwid", "halt"] : ["halt"], language: language)
        var m = HalfWidthMetrics(glyph: half.glyph, fullAdvance: plain.advance,
                                 halfAdvance: half.advance, xOffset: half.xOffset)
        if half.advance >= plain.advance {
            // No `halt` in this font: assume the mainland layout (ink on the side of the
            // text it belongs to), which is what clreq describes for GB fonts.
            let h = plain.advance / 2
            let cls = BreakClass.of(scalar)
            m = HalfWidthMetrics(glyph: plain.glyph, fullAdvance: plain.advance, halfAdvance: h,
                                 xOffset: cls == .opening ? -h : (cls == .middleDot ? -h / 2 : 0))
        }
        lock.lock()
        cache[key] = m
        lock.unlock()
        return m
    }
}
