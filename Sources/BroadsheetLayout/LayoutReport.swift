/// What the editor needs after a render: per article, how the copy fitted; per page, how full
/// the type area is. Written as JSON with `--report` and printed as a short table.
public struct ArticleReport: Codable, Sendable, Hashable {
    public var id: String
    public var page: Int
    /// Body lines set (subheadings and headlines not counted).
    public var linesSet: Int
    /// Grid lines available to the body in this block.
    public var linesAvailable: Int
    public var emptyLinesAtEnd: Int
    public var overset: Overset?
    /// `+3 lines` (write more, or the block can shrink), `-5 lines` (cut), `fits`.
    public var copyfit: String
    /// Id of the block the story continues in, when it jumps.
    public var continuedIn: String?

    public struct Overset: Codable, Sendable, Hashable {
        public var characters: Int
        public var lines: Int
        public var firstWords: String
    }
}

public struct PageReport: Codable, Sendable, Hashable {
    public var page: Int
    public var template: String
    /// Share of the type area's grid cells holding text, headlines, pictures or ads.
    public var fill: Double
}

public struct LayoutReport: Codable, Sendable {
    public var articles: [ArticleReport]
    public var pages: [PageReport]
    public var warnings: [LayoutWarning]
    /// Characters no font could draw, with their code point and context (also in `warnings`).
    public var missingGlyphs: [String]
    public var hasOverset: Bool { articles.contains { $0.overset != nil } }

    /// The short table `broadsheet render` prints.
    public func table() -> String {
        var s = "page  article          lines  avail  empty  overset        copyfit\n"
        for a in articles {
            let over = a.overset.map { "\($0.characters) ch/\($0.lines) ln" } ?? "-"
            let id = a.id.count > 16 ? String(a.id.prefix(15)) + "…" : a.id
            s += pad("\(a.page)", 6) + pad(id, 17) + pad("\(a.linesSet)", 7) + pad("\(a.linesAvailable)", 7)
                + pad("\(a.emptyLinesAtEnd)", 7) + pad(over, 15) + a.copyfit
            if let c = a.continuedIn { s += "  → \(c)" }
            s += "\n"
        }
        for p in pages {
            s += "page \(p.page) (\(p.template)): \(String(format: "%.1f", p.fill * 100))% of the type area filled\n"
        }
        return s
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}

import Foundation
