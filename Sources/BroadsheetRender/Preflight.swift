import Foundation
import BroadsheetDisplay

public struct PDFFontInfo: Codable, Sendable, Hashable {
    public var name: String
    public var embedded: Bool
    public var subset: Bool
}

/// What a printing plant's preflight looks at, checked on the PDF we wrote and on the
/// display list it came from: fonts embedded, images' resolution at print size, colour.
public struct PreflightSummary: Codable, Sendable {
    public struct ImageCheck: Codable, Sendable, Hashable {
        public var page: Int
        public var owner: String
        public var file: String
        public var kind: String
        /// Pixels per inch at the placed size; nil for vector (PDF) artwork.
        public var ppi: Double?
    }
    public var fonts: [PDFFontInfo]
    public var images: [ImageCheck]
    /// Text and rules drawn in a colour other than pure black, per page.
    public var colouredItems: [Int]
    public var pages: Int
    public var allFontsEmbedded: Bool { fonts.allSatisfy { $0.embedded } }

    /// Below this a photo prints visibly soft on newsprint (conventions doc: 170 ppi minimum).
    public static let minimumPPI = 170.0

    public static func check(pdf path: String, document: DisplayDocument) throws -> PreflightSummary {
        let fonts = try PopplerPDF(path: path).fonts()
        var images: [ImageCheck] = []
        var coloured: [Int] = []
        for (i, page) in document.pages.enumerated() {
            var n = 0
            for item in page.items {
                switch item {
                case .image(let im):
                    let (file, kind): (String, String)
                    var ppi: Double?
                    switch im.source {
                    case .jpeg(let p): (file, kind) = (p, "jpeg"); ppi = im.crop.width / (im.frame.width / 72)
                    case .png(let p): (file, kind) = (p, "png"); ppi = im.crop.width / (im.frame.width / 72)
                    case .pdf(let p, _): (file, kind) = (p, "pdf (vector)")
                    }
                    images.append(ImageCheck(page: i + 1, owner: im.owner, file: file, kind: kind, ppi: ppi))
                case .glyphs(let r): if r.color != .black { n += 1 }
                case .rule(let r): if r.color != .black { n += 1 }
                case .rect(let r): if let s = r.stroke, s != .black { n += 1 }
                }
            }
            coloured.append(n)
        }
        return PreflightSummary(fonts: fonts, images: images, colouredItems: coloured, pages: document.pages.count)
    }

    /// The summary `render --print` prints.
    public func text(overset: Int, missingGlyphs: Int) -> String {
        var s = "preflight:\n"
        let bad = fonts.filter { !$0.embedded }
        s += "  fonts: \(fonts.count), " + (bad.isEmpty ? "all embedded" : "NOT EMBEDDED: \(bad.map(\.name).joined(separator: ", "))")
        s += fonts.allSatisfy(\.subset) ? " as subsets\n" : "\n"
        let raster = images.filter { $0.ppi != nil }
        let low = raster.filter { $0.ppi! < Self.minimumPPI }
        s += "  images: \(images.count) (\(images.count - raster.count) vector)"
        if let worst = raster.map({ $0.ppi! }).min() { s += String(format: ", lowest %.0f ppi", worst) }
        s += low.isEmpty ? "\n" : ", \(low.count) under \(Int(Self.minimumPPI)) ppi: \(low.map { "\($0.owner) (p\($0.page), \(Int($0.ppi!.rounded())) ppi)" }.joined(separator: ", "))\n"
        s += "  overset stories: \(overset)\n"
        s += "  missing glyphs: \(missingGlyphs)\n"
        let colourPages = colouredItems.enumerated().filter { $0.element > 0 }.map { $0.offset + 1 }
        s += "  colour: text and rules pure black" + (colourPages.isEmpty ? "" : " except on page \(colourPages.map(String.init).joined(separator: ", "))")
        s += "; images and ads in RGB (CMYK conversion happens downstream)\n"
        return s
    }
}
