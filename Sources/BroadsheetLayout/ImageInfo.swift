import Foundation
import BroadsheetDisplay

/// What layout needs to know of an image file: its kind and size. Read from the file
/// header so layout never decodes pixels (the renderer does that).
public struct ImageInfo: Sendable, Hashable {
    public enum Kind: String, Sendable { case jpeg, png, pdf }
    public var kind: Kind
    /// Pixels for raster images, points for PDF pages.
    public var width: Double
    public var height: Double
    public var isRaster: Bool { kind != .pdf }
}

public enum ImageInfoReader {
    public enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        case unsupported(String, String)
        public var description: String {
            switch self {
            case .notFound(let p): return "file not found: \(p)"
            case .unsupported(let p, let why): return "cannot use image \(p): \(why)"
            }
        }
    }

    public static func read(_ path: String, pdfPage: Int = 1) throws(Failure) -> ImageInfo {
        guard let data = FileManager.default.contents(atPath: path) else { throw .notFound(path) }
        let b = [UInt8](data.prefix(64))
        if b.count >= 24, b[0] == 0x89, b[1] == 0x50, b[2] == 0x4E, b[3] == 0x47 {
            let w = be32(b, 16), h = be32(b, 20)
            guard w > 0, h > 0 else { throw .unsupported(path, "PNG header has zero size") }
            return ImageInfo(kind: .png, width: Double(w), height: Double(h))
        }
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8 {
            return try jpeg(data, path)
        }
        if b.count >= 5, String(decoding: b[0..<5], as: UTF8.self) == "%PDF-" {
            return try pdf(data, path, page: pdfPage)
        }
        throw .unsupported(path, "not a JPEG, PNG or PDF file")
    }

    static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    /// Walks JPEG markers to the first start-of-frame, which carries the pixel size.
    static func jpeg(_ data: Data, _ path: String) throws(Failure) -> ImageInfo {
        let b = [UInt8](data)
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { i += 1; continue }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let len = Int(b[i + 2]) << 8 | Int(b[i + 3])
            // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                let h = Int(b[i + 5]) << 8 | Int(b[i + 6])
                let w = Int(b[i + 7]) << 8 | Int(b[i + 8])
                guard w > 0, h > 0 else { break }
                return ImageInfo(kind: .jpeg, width: Double(w), height: Double(h))
            }
            i += 2 + len
        }
        throw .unsupported(path, "JPEG without a frame header")
    }

    /// The page's MediaBox. A full PDF parser lives in the renderer (poppler); for layout the
    /// box is enough, and the nth /MediaBox in file order is the nth page's for the simple
    /// one- or few-page ad files agencies send. An inherited box (on /Pages) also matches.
    static func pdf(_ data: Data, _ path: String, page: Int) throws(Failure) -> ImageInfo {
        let text = String(decoding: data, as: UTF8.self)
        let pattern = #"/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\]"#
        guard let re = try? NSRegularExpression(pattern: pattern) else { throw .unsupported(path, "internal") }
        if let pages = try? NSRegularExpression(pattern: #"/Type\s*/Page(?![a-zA-Z])"#) {
            let n = pages.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            if n > 0, page > n || page < 1 {
                throw .unsupported(path, "the PDF has \(n) page\(n == 1 ? "" : "s"); page \(page) was asked for (pages count from 1)")
            }
        }
        let matches = re.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { throw .unsupported(path, "PDF without a readable /MediaBox (compressed object streams?)") }
        let m = matches[min(max(page - 1, 0), matches.count - 1)]
        func num(_ k: Int) -> Double { Range(m.range(at: k), in: text).flatMap { Double(text[$0]) } ?? 0 }
        let w = num(3) - num(1), h = num(4) - num(2)
        guard w > 0, h > 0 else { throw .unsupported(path, "PDF page has an empty MediaBox") }
        return ImageInfo(kind: .pdf, width: w, height: h)
    }

    public static func source(for info: ImageInfo, path: String, page: Int) -> ImageSource {
        switch info.kind {
        case .jpeg: return .jpeg(path: path)
        case .png: return .png(path: path)
        case .pdf: return .pdf(path: path, page: page)
        }
    }
}
