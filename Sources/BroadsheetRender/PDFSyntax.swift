/// Just enough PDF syntax (ISO 32000-1 §7.2–7.3) to read an object's dictionary without
/// being fooled by its contents: literal strings (nested parentheses, escapes), hex strings,
/// names, arrays, nested dictionaries, comments and indirect references. A title such as
/// `Daily /Length 0 >>stream` is a string to this reader, never a stream.
struct PDFSyntax {
    let bytes: [UInt8]

    /// One entry of a dictionary's top level: its key (a name, with the slash) and where its
    /// value's bytes are.
    struct Entry {
        var key: String
        var value: Range<Int>
    }

    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00
    }

    static func isDelimiter(_ c: UInt8) -> Bool {
        // ( ) < > [ ] { } / %
        c == 0x28 || c == 0x29 || c == 0x3C || c == 0x3E || c == 0x5B || c == 0x5D || c == 0x7B || c == 0x7D
            || c == 0x2F || c == 0x25
    }

    /// Skips whitespace and comments.
    func skip(_ i: inout Int, end: Int) {
        while i < end {
            if Self.isWhitespace(bytes[i]) { i += 1; continue }
            if bytes[i] == 0x25 {        // % comment, to the end of the line
                while i < end, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                continue
            }
            return
        }
    }

    /// The dictionary that starts at `i` (at "<<"); on return `i` is just past its ">>".
    /// Nil when the bytes are not a well-formed dictionary.
    func dictionary(_ i: inout Int, end: Int) -> [Entry]? {
        guard i + 1 < end, bytes[i] == 0x3C, bytes[i + 1] == 0x3C else { return nil }
        i += 2
        var entries: [Entry] = []
        while true {
            skip(&i, end: end)
            guard i < end else { return nil }
            if bytes[i] == 0x3E {
                guard i + 1 < end, bytes[i + 1] == 0x3E else { return nil }
                i += 2
                return entries
            }
            guard bytes[i] == 0x2F, let key = token(&i, end: end) else { return nil }
            skip(&i, end: end)
            let start = i
            guard value(&i, end: end) else { return nil }
            entries.append(Entry(key: String(decoding: bytes[key], as: UTF8.self), value: start..<i))
        }
    }

    /// Consumes one value (an indirect reference "n g R" counts as one).
    func value(_ i: inout Int, end: Int) -> Bool {
        guard i < end else { return false }
        switch bytes[i] {
        case 0x3C where i + 1 < end && bytes[i + 1] == 0x3C:
            return dictionary(&i, end: end) != nil
        case 0x3C:                                   // <hex string>
            while i < end, bytes[i] != 0x3E { i += 1 }
            guard i < end else { return false }
            i += 1
            return true
        case 0x28:                                   // (literal string)
            var depth = 0
            while i < end {
                switch bytes[i] {
                case 0x5C: i += 2; continue          // backslash escapes the next byte
                case 0x28: depth += 1
                case 0x29:
                    depth -= 1
                    if depth == 0 { i += 1; return true }
                default: break
                }
                i += 1
            }
            return false
        case 0x5B:                                   // [array]
            i += 1
            while true {
                skip(&i, end: end)
                guard i < end else { return false }
                if bytes[i] == 0x5D { i += 1; return true }
                guard value(&i, end: end) else { return false }
            }
        default:
            guard let first = token(&i, end: end) else { return false }
            // "12 0 R": two integers and R make one reference.
            if isInteger(first) {
                var j = i
                skip(&j, end: end)
                if let second = token(&j, end: end), isInteger(second) {
                    skip(&j, end: end)
                    if let r = token(&j, end: end), r.count == 1, bytes[r.lowerBound] == 0x52 { i = j }
                }
            }
            return true
        }
    }

    /// A name (with its slash) or a regular token: bytes up to the next whitespace or delimiter.
    func token(_ i: inout Int, end: Int) -> Range<Int>? {
        let start = i
        if i < end, bytes[i] == 0x2F { i += 1 }
        while i < end, !Self.isWhitespace(bytes[i]), !Self.isDelimiter(bytes[i]) { i += 1 }
        return i > start ? start..<i : nil
    }

    func isInteger(_ r: Range<Int>) -> Bool {
        !r.isEmpty && bytes[r].enumerated().allSatisfy { k, c in (0x30...0x39).contains(c) || (k == 0 && (c == 0x2B || c == 0x2D)) }
            && bytes[r].contains { (0x30...0x39).contains($0) }
    }

    func integer(_ r: Range<Int>) -> Int? {
        isInteger(r) ? Int(String(decoding: bytes[r], as: UTF8.self)) : nil
    }
}
