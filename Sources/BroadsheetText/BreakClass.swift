/// What a character is for line breaking and spacing. One class per cluster (its first
/// scalar), refined by context in `GlueModel` (a "." between digits is a number separator,
/// a "-" between letters is part of the word).
public enum BreakClass: UInt8, Sendable, CaseIterable {
    /// Han, kana, bopomofo, hangul, full-width letters: breakable on both sides.
    case ideograph
    /// Full-width opening brackets and quotes “‘「『（〔【〖［｛《〈: blank on the left.
    case opening
    /// Full-width closing brackets and quotes ”’」』）〕】〗］｝》〉: blank on the right.
    case closing
    /// 、，；： — pause marks, shrinkable earlier than stops (clreq §3.8 step 5).
    case pause
    /// 。．！？ — stops, shrunk last (step 7) because the blank marks a sentence end.
    case stop
    /// ·・‧ — set at ½ em in GB style.
    case middleDot
    /// — and ⸺: two (or a 2-em glyph) form an unbreakable ——.
    case dash
    /// … and ⋯: two form an unbreakable ……
    case ellipsis
    /// ～ - – : connector marks, never at a line start.
    case connector
    /// / and ／: GB keeps them off both line edges.
    case solidus
    /// Latin, Greek, Cyrillic letters and ASCII symbols that belong to a word.
    case latin
    /// European digits.
    case digit
    /// , or . between digits (66425.2, 1,200).
    case numberSeparator
    /// ¥ $ £ # € № ￥ ＄: glued to the number that follows.
    case prefix
    /// ° ′ ″ ℃ ¢ % ‰ ％: glued to the number before.
    case suffix
    /// U+0020: a break opportunity; between Han and Latin it becomes the CJK–Latin gap.
    case space
    /// U+3000: kept as written (an indent or a dateline gap), never starts a line.
    case ideographicSpace
    /// ( [ { in Latin text.
    case latinOpening
    /// ) ] } , . ; : ! ? in Latin text.
    case latinClosing

    public static func of(_ v: UInt32) -> BreakClass {
        // Most of a Chinese paragraph: CJK Unified Ideographs and Extension A, none of which
        // is named below.
        if v >= 0x3400 && v <= 0x9FFF { return .ideograph }
        switch v {
        case 0x30...0x39: return .digit
        case 0x41...0x5A, 0x61...0x7A: return .latin
        case 0x20: return .space
        case 0x28, 0x5B, 0x7B: return .latinOpening
        case 0x29, 0x5D, 0x7D, 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F: return .latinClosing
        case 0x2F, 0xFF0F: return .solidus
        case 0x2D, 0x2013, 0xFF5E, 0x301C: return .connector
        case 0x24, 0x23, 0xA3, 0xA5, 0x20AC, 0x2116, 0xFFE5, 0xFF04: return .prefix
        case 0x25, 0xB0, 0x2032, 0x2033, 0x2103, 0x2109, 0xA2, 0x2030, 0xFF05: return .suffix
        case 0x21...0x7E: return .latin          // + & @ _ ' " … stick to their word
        case 0x201C, 0x2018, 0x300C, 0x300E, 0xFF08, 0x3014, 0x3010, 0x3016, 0xFF3B, 0xFF5B,
             0x300A, 0x3008, 0x3018, 0x301D, 0xFF62:
            return .opening
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x3015, 0x3011, 0x3017, 0xFF3D, 0xFF5D,
             0x300B, 0x3009, 0x3019, 0x301E, 0x301F, 0xFF63:
            return .closing
        case 0x3001, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF64: return .pause
        case 0x3002, 0xFF0E, 0xFF01, 0xFF1F, 0x203C, 0x2047, 0x2048, 0x2049, 0xFF61: return .stop
        case 0xB7, 0x30FB, 0x2027: return .middleDot
        case 0x2014, 0x2E3A, 0x2015: return .dash
        case 0x2026, 0x22EF, 0x2025: return .ellipsis
        case 0x3000: return .ideographicSpace
        case 0xC0...0x24F, 0x370...0x3FF, 0x400...0x4FF, 0x1E00...0x1EFF: return .latin
        default: return .ideograph
        }
    }

    /// Marks whose em box holds a blank half that the composer treats as glue.
    var hasBlank: Bool {
        switch self {
        case .opening, .closing, .pause, .stop, .middleDot: return true
        default: return false
        }
    }

    /// Letters, digits and the symbols glued to them: what CJK–Latin spacing separates from Han.
    var isWestern: Bool {
        switch self {
        case .latin, .digit, .numberSeparator, .prefix, .suffix: return true
        default: return false
        }
    }

    /// Counts as a character for the 孤字 (orphan) rule: anything but punctuation and spaces.
    var isLetterLike: Bool {
        switch self {
        case .ideograph, .latin, .digit, .numberSeparator, .prefix, .suffix: return true
        default: return false
        }
    }

    /// ！？‼ — runs of these form GB §5.1.2 combined marks set without inner blanks.
    static func isExclamationOrQuestion(_ v: UInt32) -> Bool {
        v == 0xFF01 || v == 0xFF1F || v == 0x203C || v == 0x2047 || v == 0x2048 || v == 0x2049
    }
}

/// clreq §3.1.5's levels of line-start and line-end rules.
public enum ProhibitionLevel: String, Sendable, CaseIterable, Codable {
    /// No rules (common in Taiwan and Hong Kong papers).
    case none
    /// Pause/stop marks, closing brackets, connectors and interpuncts never start a line;
    /// opening brackets never end one.
    case basic
    /// Basic plus the solidus on neither edge (GB/T 15834 §5.1.9).
    case gb
    /// GB plus —— and …… never start a line. The default: a newspaper line that starts with
    /// a dash reads as a typo.
    case strict
}

/// How full-width punctuation is set (xeCJK's names).
public enum PunctuationStyle: String, Sendable, CaseIterable, Codable {
    /// GB/T 15834: full width mid-line, the blank squeezed between adjacent marks, closing
    /// marks at ½ em at the line end, opening marks may lose their blank at the line start.
    case gb
    /// Every mark a full em; adjacent pairs still 1.5 em; the line-end blank is kept but
    /// may be squeezed to justify.
    case quanjiao
    /// 。？！ full width, every other mark ½ em.
    case kaiming
    /// Every mark ½ em.
    case banjiao
}
