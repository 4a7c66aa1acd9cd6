import Foundation

/// A readable text form of a display list, like SILE's debug outputter: one line per item
/// with its owner and position, so tests and humans can check placement without pixels.
public enum DisplayDump {
    public static func dump(_ doc: DisplayDocument) -> String {
        var s = "document \"\(doc.title)\" date=\(doc.date) pages=\(doc.pages.count)\n"
        for (i, p) in doc.pages.enumerated() {
            s += "page \(i + 1) label=\(p.label) size=\(f(p.width))x\(f(p.height))\n"
            for item in p.items { s += "  " + line(item) + "\n" }
        }
        return s
    }

    public static func line(_ item: DisplayItem) -> String {
        switch item {
        case .glyphs(let r):
            let first = r.glyphs.first
            let font = (r.font.path as NSString).lastPathComponent + "#\(r.font.faceIndex)"
            return "glyphs owner=\(r.owner) font=\(font) size=\(f(r.size)) at=(\(f(first?.x ?? 0)),\(f(first?.y ?? 0))) n=\(r.glyphs.count) text=\"\(r.text)\""
        case .image(let im):
            let src: String
            switch im.source {
            case .jpeg(let p): src = "jpeg:" + (p as NSString).lastPathComponent
            case .png(let p): src = "png:" + (p as NSString).lastPathComponent
            case .pdf(let p, let n): src = "pdf:" + (p as NSString).lastPathComponent + "#\(n)"
            }
            return "image owner=\(im.owner) \(src) frame=\(r(im.frame)) crop=\(r(im.crop))"
        case .rule(let ru):
            return "rule owner=\(ru.owner) (\(f(ru.from.x)),\(f(ru.from.y)))-(\(f(ru.to.x)),\(f(ru.to.y))) width=\(f(ru.width))"
        case .rect(let re):
            return "rect owner=\(re.owner) \(r(re.rect)) fill=\(re.fill != nil) stroke=\(re.stroke != nil)"
        }
    }

    static func f(_ v: Double) -> String { String(format: "%.2f", v) }
    static func r(_ x: Rect) -> String { "(\(f(x.x)),\(f(x.y)) \(f(x.width))x\(f(x.height)))" }
}
