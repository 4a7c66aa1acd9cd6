/// The display list is the contract between layout and every renderer: absolute positions
/// in PostScript points, origin top-left, y growing downwards (as on a page dummy). A
/// renderer draws it without knowing anything of articles, columns or line breaking, and a
/// test can assert on it without rasterising anything.

/// A font face as the renderer must load it: a file and the face index inside a collection
/// (Noto CJK ships as .ttc collections, where SC is one face among several).
public struct FontRef: Hashable, Sendable, Codable, Comparable {
    public var path: String
    public var faceIndex: Int
    public init(path: String, faceIndex: Int) {
        self.path = path
        self.faceIndex = faceIndex
    }
    public static func < (a: FontRef, b: FontRef) -> Bool {
        (a.path, a.faceIndex) < (b.path, b.faceIndex)
    }
}

/// RGB colour, each component 0…1. Text and rules default to pure black because printers ask
/// for small type in 100 % K.
public struct RGBColor: Hashable, Sendable, Codable {
    public var r: Double, g: Double, b: Double
    public init(r: Double, g: Double, b: Double) { self.r = r; self.g = g; self.b = b }
    public static let black = RGBColor(r: 0, g: 0, b: 0)
    public static let white = RGBColor(r: 1, g: 1, b: 1)
}

public struct Point: Hashable, Sendable, Codable {
    public var x: Double, y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public struct Rect: Hashable, Sendable, Codable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func intersects(_ o: Rect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
    public func contains(_ o: Rect, tolerance: Double = 0.01) -> Bool {
        o.x >= x - tolerance && o.y >= y - tolerance && o.maxX <= maxX + tolerance && o.maxY <= maxY + tolerance
    }
    public func insetBy(dx: Double, dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }
}

/// One glyph at its final pen position (the baseline origin, offsets already applied).
public struct PositionedGlyph: Hashable, Sendable {
    public var id: UInt32
    public var x: Double
    public var y: Double
    public init(id: UInt32, x: Double, y: Double) { self.id = id; self.x = x; self.y = y }
}

/// Maps a run of source text to the glyphs drawn for it, in order. A PDF renderer writes
/// these as the text's ToUnicode/ActualText so that copying text returns exactly what was
/// written (Noto CJK shares glyphs between 日 and the Kangxi radical ⽇).
public struct TextCluster: Hashable, Sendable {
    public var utf8Count: Int
    public var glyphCount: Int
    public init(utf8Count: Int, glyphCount: Int) { self.utf8Count = utf8Count; self.glyphCount = glyphCount }
}

public struct GlyphRun: Sendable {
    public var font: FontRef
    public var size: Double
    public var color: RGBColor
    public var glyphs: [PositionedGlyph]
    /// The source text the glyphs stand for, and the cluster mapping between the two.
    public var text: String
    public var clusters: [TextCluster]
    /// Who set this run (an article id, "masthead", …), for dumps, reports and diff reports.
    public var owner: String
    public init(font: FontRef, size: Double, color: RGBColor = .black, glyphs: [PositionedGlyph],
                text: String, clusters: [TextCluster], owner: String = "") {
        self.font = font; self.size = size; self.color = color; self.glyphs = glyphs
        self.text = text; self.clusters = clusters; self.owner = owner
    }
}

public enum ImageSource: Hashable, Sendable {
    case jpeg(path: String)
    case png(path: String)
    case pdf(path: String, page: Int)
}

/// An image drawn into `frame`; `crop` is the part of the image (in its own pixel
/// coordinates) that fills the frame, so fill-and-crop needs no resampling before output.
public struct ImageItem: Sendable {
    public var source: ImageSource
    public var frame: Rect
    public var crop: Rect
    public var owner: String
    /// Where the input named the image (a JSON path such as `pages[0].elements[5].file`):
    /// a file whose header reads fine but whose data is broken fails only when drawn, and
    /// the error must still point at the field to fix.
    public var origin: String
    public init(source: ImageSource, frame: Rect, crop: Rect, owner: String = "", origin: String = "") {
        self.source = source; self.frame = frame; self.crop = crop; self.owner = owner; self.origin = origin
    }
}

public struct RuleItem: Sendable {
    public var from: Point
    public var to: Point
    public var width: Double
    public var color: RGBColor
    public var owner: String
    public init(from: Point, to: Point, width: Double, color: RGBColor = .black, owner: String = "") {
        self.from = from; self.to = to; self.width = width; self.color = color; self.owner = owner
    }
}

public struct RectItem: Sendable {
    public var rect: Rect
    public var fill: RGBColor?
    public var stroke: RGBColor?
    public var strokeWidth: Double
    public var owner: String
    public init(rect: Rect, fill: RGBColor? = nil, stroke: RGBColor? = nil, strokeWidth: Double = 0.5, owner: String = "") {
        self.rect = rect; self.fill = fill; self.stroke = stroke; self.strokeWidth = strokeWidth; self.owner = owner
    }
}

public enum DisplayItem: Sendable {
    case glyphs(GlyphRun)
    case image(ImageItem)
    case rule(RuleItem)
    case rect(RectItem)
}

/// Trim and bleed geometry for print output; nil on a screen/proof page.
public struct PrintGeometry: Hashable, Sendable {
    public var bleed: Double
    public var markLength: Double
    public init(bleed: Double, markLength: Double) { self.bleed = bleed; self.markLength = markLength }
}

public struct DisplayPage: Sendable {
    public var width: Double
    public var height: Double
    public var items: [DisplayItem]
    public var label: String
    public init(width: Double, height: Double, items: [DisplayItem] = [], label: String = "") {
        self.width = width; self.height = height; self.items = items; self.label = label
    }
}

public struct DisplayDocument: Sendable {
    public var title: String
    public var creator: String
    /// ISO date (YYYY-MM-DD) written as the PDF's creation date: taken from the input, never
    /// from the clock, so output is byte-identical run after run.
    public var date: String
    public var pages: [DisplayPage]
    public init(title: String, creator: String = "Broadsheet", date: String, pages: [DisplayPage]) {
        self.title = title; self.creator = creator; self.date = date; self.pages = pages
    }
}
