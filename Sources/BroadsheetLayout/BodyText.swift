import Foundation
import BroadsheetText

/// One block of an article's running text, in reading order.
public enum BodyBlock: Sendable {
    /// A paragraph: its text and the bold runs (scalar ranges) inside it.
    case paragraph(text: String, bold: [Range<Int>])
    /// 小标题: an inline subheading that keeps with the lines after it.
    case subheading(String)
}

public enum BodyText {
    /// Reads the body source. `## ` opens a subheading; `**…**` marks a bold run. Blank lines
    /// are dropped; nothing else is interpreted, so the text comes out as written.
    public static func blocks(_ paragraphs: [String]) -> [BodyBlock] {
        var out: [BodyBlock] = []
        for raw in paragraphs {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("## ") {
                out.append(.subheading(String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)))
                continue
            }
            out.append(parseBold(line))
        }
        return out
    }

    static func parseBold(_ line: String) -> BodyBlock {
        var text = String.UnicodeScalarView()
        var bold: [Range<Int>] = []
        var open: Int?
        let s = Array(line.unicodeScalars)
        var i = 0
        while i < s.count {
            if s[i] == "*", i + 1 < s.count, s[i + 1] == "*" {
                if let o = open {
                    if text.count > o { bold.append(o..<text.count) }
                    open = nil
                } else {
                    open = text.count
                }
                i += 2
                continue
            }
            text.append(s[i])
            i += 1
        }
        if let o = open, text.count > o { bold.append(o..<text.count) } // unclosed: bold to the end
        return .paragraph(text: String(text), bold: bold)
    }

    public static func load(_ source: BodySource, baseDir: String, path: String, file: String) throws(LayoutError) -> [BodyBlock] {
        switch source {
        case .paragraphs(let p):
            return blocks(p)
        case .file(let f):
            return blocks(try read(f, baseDir: baseDir, path: path + ".file", file: file))
        case .files(let fs):
            var lines: [String] = []
            for (i, f) in fs.enumerated() {
                var next = try read(f, baseDir: baseDir, path: path + ".files[\(i)]", file: file)
                if let last = lines.last, !endsSentence(last), !last.hasPrefix("## "),
                   let first = next.first, !first.hasPrefix("## ") {
                    lines[lines.count - 1] = last + first
                    next.removeFirst()
                }
                lines += next
            }
            return blocks(lines)
        }
    }

    static func read(_ f: String, baseDir: String, path: String, file: String) throws(LayoutError) -> [String] {
        let full = f.hasPrefix("/") ? f : (baseDir as NSString).appendingPathComponent(f)
        guard let data = FileManager.default.contents(atPath: full) else {
            throw LayoutError(file: file, path: path, "file not found: \(full)")
        }
        guard let s = String(data: data, encoding: .utf8) else {
            throw LayoutError(file: file, path: path, "not UTF-8 text: \(full)")
        }
        return s.components(separatedBy: .newlines).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Whether a paragraph ends a sentence (so a following file starts a new paragraph).
    static func endsSentence(_ line: String) -> Bool {
        guard let c = line.trimmingCharacters(in: .whitespaces).unicodeScalars.last else { return true }
        return "。！？…”’」』）)!?.".unicodeScalars.contains(c)
    }
}
