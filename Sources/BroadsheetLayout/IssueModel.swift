import Foundation
import BroadsheetText

/// The issue JSON, as an editor's dummy (版样) describes it: a paper, a date, pages that name a
/// template, and on each page elements placed on the template's column grid. Value types
/// decoded with `Codable`; `IssueValidator` checks what types cannot (overlaps, spans, files).
public struct Issue: Codable, Sendable {
    public var paper: Paper
    /// Publication date, ISO `YYYY-MM-DD`: drives the masthead date line and the PDF date.
    public var date: String
    /// 总第…期 / 第…期, printed in the masthead.
    public var issueNumber: String?
    public var edition: String?
    /// Styles added to or overriding the templates' styles, by name.
    public var styles: [String: StyleSpec]?
    /// Extra font roles from explicit files (a paper's own 报宋, say).
    public var fonts: [String: UserFont]?
    public var pages: [Page]
}

public struct Paper: Codable, Sendable {
    public var name: String
    /// A Latin line under the name (PINGHU DAILY), optional.
    public var latinName: String?
    /// Publisher line (主办), e.g. 中共平湖市委 主办.
    public var publisher: String?
    /// Masthead logo image (calligraphic title) to use instead of set type.
    public var logo: String?
    /// 国内统一连续出版物号 and similar registration lines.
    public var serial: String?
    /// Lines printed above the footer rule of every page (legal adviser, address…).
    public var footer: [String]?
}

public struct UserFont: Codable, Sendable {
    public var file: String
    public var index: Int?
    public var fallback: [String]?
}

public struct StyleSpec: Codable, Sendable, Hashable {
    /// Font role (Fonts/fonts.json or `fonts` of the issue).
    public var font: String?
    public var size: LengthValue<PointsUnit>?
    /// Baseline-to-baseline distance. Body text always sits on the page grid.
    public var leading: LengthValue<PointsUnit>?
    /// Extra space per character, in em.
    public var tracking: Double?
    /// `#RRGGBB`.
    public var color: String?
    public var align: TextAlignment?
    /// First-line indent, in em of the style's size.
    public var indent: Double?
    /// The style this one extends.
    public var base: String?
}

public struct Page: Codable, Sendable {
    /// Template name (Layouts/templates/NAME.json) or a path to a template file.
    public var template: String
    /// Page (版) number; defaults to the page's position in the issue.
    public var number: Int?
    public var section: String?
    public var editor: String?
    public var designer: String?
    public var phone: String?
    public var elements: [Element]
}

/// A rectangle on the page grid: 1-based first column, span in columns, top grid line
/// (0-based) and height in grid lines.
public struct GridRect: Codable, Sendable, Hashable {
    public var column: Int
    public var span: Int
    public var top: Int
    public var height: Int
    public init(column: Int, span: Int, top: Int, height: Int) {
        self.column = column; self.span = span; self.top = top; self.height = height
    }
    public var lastColumn: Int { column + span - 1 }
    public var bottom: Int { top + height }
    public func overlaps(_ o: GridRect) -> Bool {
        column <= o.lastColumn && o.column <= lastColumn && top < o.bottom && o.top < bottom
    }
}

public struct HeadlineStack: Codable, Sendable {
    /// 引题, above the main headline.
    public var kicker: String?
    /// 主题. A `\n` forces a line break (two-line 主题 are common).
    public var main: String
    /// 副题, below the main headline.
    public var subhead: String?
    /// Columns the stack spans; default: the article's whole width.
    public var span: Int?
    /// `top` (above the body) or `side` (a column of its own at the article's left).
    public var placement: String?
    public var kickerStyle: String?
    public var mainStyle: String?
    public var subheadStyle: String?
}

/// The body: paragraphs inline, or a text file with one paragraph per line. In both, a
/// paragraph starting with `## ` is a subheading (小标题) and `**…**` is a bold run.
public enum BodySource: Codable, Sendable {
    case paragraphs([String])
    case file(String)
    /// Copy split across files (say, the front-page part and the rest from the desk), read in
    /// order. A file whose last paragraph stops mid-sentence continues it in the next file.
    case files([String])

    enum Keys: String, CodingKey { case file, files }
    public init(from decoder: Decoder) throws {
        if let list = try? decoder.singleValueContainer().decode([String].self) {
            self = .paragraphs(list)
            return
        }
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            self = .paragraphs(s.split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        if let list = try c.decodeIfPresent([String].self, forKey: .files) {
            self = .files(list)
            return
        }
        self = .file(try c.decode(String.self, forKey: .file))
    }
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .paragraphs(let p): var c = encoder.singleValueContainer(); try c.encode(p)
        case .file(let f): var c = encoder.container(keyedBy: Keys.self); try c.encode(f, forKey: .file)
        case .files(let f): var c = encoder.container(keyedBy: Keys.self); try c.encode(f, forKey: .files)
        }
    }
}

public struct PhotoSpec: Codable, Sendable {
    public var id: String?
    public var file: String
    /// Inside an article: column offset (1 = the article's first column) and top line relative
    /// to the body's first line. On a page: page grid positions.
    public var column: Int
    public var span: Int
    public var top: Int
    /// Grid lines for picture plus caption.
    public var height: Int
    /// `fill` (crop to the frame around `focus`) or `fit` (letterbox).
    public var fit: String?
    /// Focal point for the crop, 0…1 in each direction.
    public var focus: [Double]?
    public var title: String?
    public var caption: String?
    public var credit: String?
    /// For a PDF file: which page to place (1-based).
    public var page: Int?
}

public struct BoxSpec: Codable, Sendable {
    public var inset: LengthValue<EmUnit>?
    public var stroke: LengthValue<PointsUnit>?
    public var fill: String?
}

public struct ArticleSpec: Codable, Sendable {
    public var id: String
    /// A named slot of the page's template (the front page's `ear`); or give the position.
    public var slot: String?
    public var column: Int?
    public var span: Int?
    public var top: Int?
    public var height: Int?
    /// An L-shaped (or any stepped) article: rectangles in reading order.
    public var shape: [GridRect]?
    public var headline: HeadlineStack?
    public var byline: String?
    public var dateline: String?
    public var body: BodySource
    public var bodyStyle: String?
    /// 破栏: the body set in this many equal columns across the article's width instead of
    /// the grid's columns.
    public var bodyColumns: Int?
    public var photos: [PhotoSpec]?
    public var box: BoxSpec?
    /// Id of a `continuation` element (usually on a later page) that takes the overset.
    public var continues: String?
}

public struct ContinuationSpec: Codable, Sendable {
    public var id: String
    /// The article this block continues.
    public var of: String
    public var column: Int
    public var span: Int
    public var top: Int
    public var height: Int
    /// 转版标题: short headline over the continued text.
    public var headline: String?
    public var bodyColumns: Int?
    /// Id of a further continuation block (chains are allowed).
    public var continues: String?
}

public struct AdSpec: Codable, Sendable {
    public var id: String
    public var file: String
    /// A named slot of the page's template (ad templates define `full`, `half`, `strip`);
    /// or give the grid position explicitly.
    public var slot: String?
    public var column: Int?
    public var span: Int?
    public var top: Int?
    public var height: Int?
    /// Hairline frame around the ad.
    public var frame: Bool?
    /// PDF ads: 1-based page.
    public var page: Int?
}

public struct RuleSpec: Codable, Sendable {
    public var id: String?
    /// `horizontal` (between grid lines) or `vertical` (in the gutter after `column`).
    public var orientation: String?
    public var column: Int
    public var span: Int?
    /// Horizontal: the grid line the rule sits above. Vertical: first line.
    public var top: Int
    public var height: Int?
    public var weight: LengthValue<PointsUnit>?
    /// `single`, `double` or `thick-thin`.
    public var style: String?
}

/// A plain positioned text frame in millimetres: the first, pre-grid input format, kept for
/// proofs and for pipelines that place their own frames.
public struct TextFrameSpec: Codable, Sendable {
    public struct Paragraph: Codable, Sendable {
        public var style: String
        public var text: String
    }
    public var id: String?
    public var x: LengthValue<MillimetreUnit>
    public var y: LengthValue<MillimetreUnit>
    public var width: LengthValue<MillimetreUnit>
    public var height: LengthValue<MillimetreUnit>
    public var paragraphs: [Paragraph]
}

public enum Element: Sendable {
    case article(ArticleSpec)
    case continuation(ContinuationSpec)
    case photo(PhotoSpec)
    case ad(AdSpec)
    case rule(RuleSpec)
    case box(GridRect, BoxSpec)
    case text(TextFrameSpec)

    public var id: String? {
        switch self {
        case .article(let a): return a.id
        case .continuation(let c): return c.id
        case .photo(let p): return p.id
        case .ad(let a): return a.id
        case .rule(let r): return r.id
        case .box: return nil
        case .text(let t): return t.id
        }
    }
}

extension Element: Codable {
    enum TypeKey: String, CodingKey { case type }
    public static let types = ["article", "continuation", "photo", "ad", "rule", "box", "text"]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: TypeKey.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "article": self = .article(try ArticleSpec(from: decoder))
        case "continuation": self = .continuation(try ContinuationSpec(from: decoder))
        case "photo": self = .photo(try PhotoSpec(from: decoder))
        case "ad": self = .ad(try AdSpec(from: decoder))
        case "rule": self = .rule(try RuleSpec(from: decoder))
        case "box": self = .box(try GridRect(from: decoder), try BoxSpec(from: decoder))
        case "text": self = .text(try TextFrameSpec(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription: "unknown element type '\(type)' (known: \(Element.types.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: TypeKey.self)
        switch self {
        case .article(let a): try c.encode("article", forKey: .type); try a.encode(to: encoder)
        case .continuation(let x): try c.encode("continuation", forKey: .type); try x.encode(to: encoder)
        case .photo(let p): try c.encode("photo", forKey: .type); try p.encode(to: encoder)
        case .ad(let a): try c.encode("ad", forKey: .type); try a.encode(to: encoder)
        case .rule(let r): try c.encode("rule", forKey: .type); try r.encode(to: encoder)
        case .box(let g, let b): try c.encode("box", forKey: .type); try g.encode(to: encoder); try b.encode(to: encoder)
        case .text(let t): try c.encode("text", forKey: .type); try t.encode(to: encoder)
        }
    }
}
