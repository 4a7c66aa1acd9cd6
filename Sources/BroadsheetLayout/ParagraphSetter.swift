import Foundation
import BroadsheetText

/// The one place layout asks for a paragraph to be set: shape, then break and justify with
/// the Chinese composer. Layout never talks to HarfBuzz or to the line breaker directly.
public struct ParagraphSetter: Sendable {
    public let shaper: Shaper
    /// One composer for the whole render, so punctuation metrics are learnt once per font.
    public let composer: ParagraphComposer
    /// Characters no font could draw, with where they occur; reported as warnings.
    public let missing = MissingGlyphLog()
    /// Column flow sets a paragraph more than once (widow control retries, the overset count,
    /// a new width in the next frame); its glyphs do not change, so it is shaped once.
    let shapes = ShapeCache()
    let composed = ComposeCache()

    public init(shaper: Shaper, options: ComposerOptions = ComposerOptions()) {
        self.shaper = shaper
        self.composer = ParagraphComposer(shaper: shaper, options: options)
    }

    /// - Parameters:
    ///   - measures: width of each line in points; the last repeats.
    ///   - indent: first-line indent in points.
    ///   - latinSpacing: the ¼-em CJK–Latin gap; off for set-solid furniture such as
    ///     （下转2版）, which must read back from the PDF exactly as written.
    public func set(_ text: StyledText, measures: [Double], align: TextAlignment, indent: Double,
                    latinSpacing: Bool = true) throws(FontError) -> ComposedParagraph {
        // The last measure repeats, so trailing repeats say nothing: dropping them lets a
        // paragraph set again at the same widths (widow retries, jump reservations, the
        // overset count) come from the cache instead of the breaker.
        var ms = measures
        while ms.count > 1, ms[ms.count - 1] == ms[ms.count - 2] { ms.removeLast() }
        let key = ComposeCache.Key(scalars: text.scalars, spans: text.spans, measures: ms, align: align,
                                   indent: indent, latinSpacing: latinSpacing)
        if let hit = composed.get(key) { return hit }
        let shaped = try shapes.shape(text, with: shaper)
        if !shaped.missing.isEmpty { missing.record(shaped.missing, in: text) }
        var c = composer
        c.options.alignment = align
        c.options.cjkLatinSpacing = latinSpacing && composer.options.cjkLatinSpacing
        // The composer counts the indent in em of the paragraph's first character.
        let size = text.spans.first?.style.size ?? 9
        c.options.firstLineIndent = size > 0 ? indent / size : 0
        let result = c.compose(shaped: shaped, measures: ms).paragraph
        composed.put(key, result)
        return result
    }
}

/// Collects missing-glyph reports across a render. A paragraph may be set several times
/// (widow control retries), so reports are de-duplicated by character and context.
public final class MissingGlyphLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var entries: [String] = []

    /// Characters of context quoted around the missing character.
    static let context = 8

    func record(_ m: [MissingGlyph], in text: StyledText) {
        lock.lock(); defer { lock.unlock() }
        for g in m {
            let a = max(0, g.index - Self.context), b = min(text.scalars.count, g.index + Self.context + 1)
            let ctx = StyledText.string(text.scalars[a..<b])
            let ch = Unicode.Scalar(g.scalar).map { String(Character($0)) } ?? "?"
            let hex = String(g.scalar, radix: 16, uppercase: true)
            let line = "no font of role '\(g.role)' has \(ch) (U+\(hex.count < 4 ? String(repeating: "0", count: 4 - hex.count) + hex : hex)), in “\(ctx)”"
            if seen.insert(line).inserted { entries.append(line) }
        }
    }

    public var all: [String] {
        lock.lock(); defer { lock.unlock() }
        return entries
    }
}

/// Shaped paragraphs by text and style, for the length of one render.
final class ShapeCache: @unchecked Sendable {
    private struct Key: Hashable {
        var scalars: [UInt32]
        var spans: [StyledText.Span]
    }
    private let lock = NSLock()
    private var cache: [Key: ShapedParagraph] = [:]

    func shape(_ text: StyledText, with shaper: Shaper) throws(FontError) -> ShapedParagraph {
        let key = Key(scalars: text.scalars, spans: text.spans)
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        lock.unlock()
        let shaped = try shaper.shape(text)
        lock.lock(); cache[key] = shaped; lock.unlock()
        return shaped
    }
}

/// Set paragraphs by text, style and measures, for the length of one render.
final class ComposeCache: @unchecked Sendable {
    struct Key: Hashable {
        var scalars: [UInt32]
        var spans: [StyledText.Span]
        var measures: [Double]
        var align: TextAlignment
        var indent: Double
        var latinSpacing: Bool
    }
    private let lock = NSLock()
    private var cache: [Key: ComposedParagraph] = [:]

    func get(_ key: Key) -> ComposedParagraph? {
        lock.lock(); defer { lock.unlock() }
        return cache[key]
    }

    func put(_ key: Key, _ value: ComposedParagraph) {
        lock.lock(); defer { lock.unlock() }
        cache[key] = value
    }
}
