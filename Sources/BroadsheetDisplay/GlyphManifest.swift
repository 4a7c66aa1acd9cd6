/// The glyphs a document draws, per face and size, in the order pages first show them.
///
/// A PDF writer cuts each face down to the glyphs it will draw before the first page
/// (Cairo embeds from the face it is given), and warms the glyph outlines in page order. A
/// finished document gives its manifest directly; a galley that streams pages to the writer
/// while later paragraphs are still being set builds one from its shaped text first. A
/// manifest may list glyphs that are never drawn, never fewer.
public struct GlyphManifest: Sendable {
    public struct Key: Hashable, Sendable {
        public var font: FontRef
        public var size: Double
        public init(font: FontRef, size: Double) { self.font = font; self.size = size }
    }

    /// Face and size pairs in order of first use.
    public private(set) var keys: [Key] = []
    /// Per key (same index), each glyph once, in order of first use.
    public private(set) var inOrder: [[UInt32]] = []
    /// Whether some glyph is drawn without text of its own: a run without source text (an
    /// ornament), or a cluster of several glyphs (a base letter and a combining mark) or of
    /// none. Cairo names such glyphs for copy and search (ToUnicode) from the face's
    /// character map, so a PDF writer must keep it. Unknown means yes; a document's own
    /// manifest knows.
    public var needsCharacterMap = true
    private var index: [Key: Int] = [:]
    private var seen: [Set<UInt32>] = []

    public init() {}

    public init(_ document: DisplayDocument) {
        needsCharacterMap = false
        for page in document.pages {
            for case .glyphs(let run) in page.items {
                if run.text.isEmpty || run.clusters.isEmpty || run.clusters.contains(where: { $0.glyphCount != 1 }) {
                    needsCharacterMap = true
                }
                add(run.glyphs.lazy.map(\.id), font: run.font, size: run.size)
            }
        }
    }

    public mutating func add<S: Sequence>(_ glyphs: S, font: FontRef, size: Double) where S.Element == UInt32 {
        let k = slot(Key(font: font, size: size))
        for glyph in glyphs where seen[k].insert(glyph).inserted { inOrder[k].append(glyph) }
    }

    public mutating func add(_ glyph: UInt32, font: FontRef, size: Double) {
        let k = slot(Key(font: font, size: size))
        if seen[k].insert(glyph).inserted { inOrder[k].append(glyph) }
    }

    private mutating func slot(_ key: Key) -> Int {
        if let k = index[key] { return k }
        index[key] = keys.count
        keys.append(key)
        seen.append([])
        inOrder.append([])
        return keys.count - 1
    }

    /// Every glyph per face, whatever the size: what the subsetter keeps.
    public var byFont: [FontRef: Set<UInt32>] {
        var out: [FontRef: Set<UInt32>] = [:]
        for (k, key) in keys.enumerated() { out[key.font, default: []].formUnion(seen[k]) }
        return out
    }

    /// Whether every glyph `other` lists is listed here too, in the same face (at any size:
    /// the size only orders outline loading), and the character map is kept if `other`
    /// needs it.
    public func covers(_ other: GlyphManifest) -> Bool {
        if other.needsCharacterMap && !needsCharacterMap { return false }
        let mine = byFont
        for (k, key) in other.keys.enumerated() {
            guard let set = mine[key.font] else { return false }
            for glyph in other.inOrder[k] where !set.contains(glyph) { return false }
        }
        return true
    }

    /// Whether `glyph` of `font` is listed at any size.
    public func contains(_ glyph: UInt32, font: FontRef) -> Bool {
        keys.indices.contains { keys[$0].font == font && seen[$0].contains(glyph) }
    }
}
