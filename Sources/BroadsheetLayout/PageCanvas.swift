import BroadsheetDisplay

/// What composing a page accumulates: display items in drawing order, the boxes each owner
/// put ink into (for overlap tests and diff reports), and a coverage map of the grid for
/// the page's fill share.
public struct PageCanvas: Sendable {
    public var items: [DisplayItem] = []
    public var boxes: [OwnedBox] = []
    var covered: [[Bool]]
    let geometry: PageGeometry

    public struct OwnedBox: Sendable, Hashable {
        public var owner: String
        public var kind: String
        public var rect: Rect
        /// Paragraph (flow block) index inside the owner's text, -1 for other ink.
        public var part: Int = -1
    }

    init(geometry: PageGeometry) {
        self.geometry = geometry
        covered = Array(repeating: Array(repeating: false, count: geometry.lines), count: geometry.columns)
    }

    mutating func cover(_ g: GridRect) {
        for c in max(1, g.column)...max(1, min(geometry.columns, g.lastColumn)) where c <= geometry.columns {
            for l in max(0, g.top)..<max(max(0, g.top), min(geometry.lines, g.bottom)) { covered[c - 1][l] = true }
        }
    }

    /// Marks the grid cells under a horizontal extent of one grid line.
    mutating func cover(x: Double, width: Double, line: Int) {
        guard line >= 0, line < geometry.lines else { return }
        for c in 1...geometry.columns {
            let cx = geometry.columnX(c)
            if cx < x + width - 0.5, cx + geometry.columnWidth > x + 0.5 { covered[c - 1][line] = true }
        }
    }

    var fill: Double {
        let total = geometry.columns * geometry.lines
        let n = covered.reduce(0) { $0 + $1.filter { $0 }.count }
        return total == 0 ? 0 : Double(n) / Double(total)
    }

    mutating func add(_ runs: [GlyphRun]) { items += runs.map { .glyphs($0) } }
}
