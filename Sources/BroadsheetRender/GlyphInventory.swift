import BroadsheetDisplay

/// Every glyph a document draws, per face and per size, in the order pages first show
/// them: the subsetter needs the set per face, the glyph preloader the order (the first
/// page's glyphs are the first the PDF writer asks for).
struct GlyphInventory {
    struct Key: Hashable {
        var font: FontRef
        var size: Double
    }

    private(set) var byFont: [FontRef: Set<UInt32>] = [:]
    /// Face and size pairs in order of first use, so work starts in page order.
    private(set) var keys: [Key] = []
    /// Per key (same index), each glyph once, in order of first use.
    private(set) var inOrder: [[UInt32]] = []

    init(_ document: DisplayDocument) {
        var index: [Key: Int] = [:]
        var seen: [Set<UInt32>] = []
        for page in document.pages {
            for case .glyphs(let run) in page.items {
                let key = Key(font: run.font, size: run.size)
                let k: Int
                if let known = index[key] {
                    k = known
                } else {
                    k = keys.count
                    index[key] = k
                    keys.append(key)
                    seen.append([])
                    inOrder.append([])
                }
                for glyph in run.glyphs where seen[k].insert(glyph.id).inserted { inOrder[k].append(glyph.id) }
            }
        }
        for (k, key) in keys.enumerated() { byFont[key.font, default: []].formUnion(seen[k]) }
    }
}
