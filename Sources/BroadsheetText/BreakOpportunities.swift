/// Why a gap between two clusters may or may not end a line. Kept per gap so `explain`
/// can say which rule decided each break.
public enum BreakRule: UInt8, Sendable, CustomStringConvertible {
    // Allowed.
    case betweenCJK, afterSpace, afterIdeographicSpace, cjkLatinBoundary, betweenMarks, betweenDashUnits
    // Allowed at a cost.
    case numberMeasureWord, emergencyInWord
    // Forbidden.
    case beforeSpace, beforeIdeographicSpace, insideDash, insideEllipsis, insideNumber, insideWord,
         prefixNumber, numberSuffix, lineStartProhibited, lineEndProhibited, strictDashEllipsis,
         singleDashStart, solidusEdge
    case paragraphEnd

    public var description: String {
        switch self {
        case .betweenCJK: return "between CJK characters"
        case .afterSpace: return "after a space"
        case .afterIdeographicSpace: return "after an ideographic space"
        case .cjkLatinBoundary: return "CJK–Latin boundary"
        case .betweenMarks: return "between punctuation marks"
        case .betweenDashUnits: return "between two ——/…… units"
        case .numberMeasureWord: return "number|measure word (soft penalty)"
        case .emergencyInWord: return "emergency break inside an over-long Latin run"
        case .beforeSpace: return "no break before a space"
        case .beforeIdeographicSpace: return "no line starts with U+3000"
        case .insideDash: return "never inside ——"
        case .insideEllipsis: return "never inside ……"
        case .insideNumber: return "never inside a number"
        case .insideWord: return "never inside a Latin word"
        case .prefixNumber: return "prefix stays with its number"
        case .numberSuffix: return "suffix stays with its number"
        case .lineStartProhibited: return "line-start prohibited mark follows"
        case .lineEndProhibited: return "line-end prohibited mark precedes"
        case .strictDashEllipsis: return "strict: no ——/…… at a line start"
        case .singleDashStart: return "a single — never starts a line"
        case .solidusEdge: return "GB: no solidus at a line edge"
        case .paragraphEnd: return "end of paragraph"
        }
    }
}

/// Break penalties on the TeX scale: `forbidden` and above never breaks; the soft ones let
/// the total-fit breaker trade a break it dislikes against spacing.
enum BreakPenalty {
    static let forbidden: Int32 = 10_000
    /// 2024|年: house style, not a rule (JLREQ §3.1.10 leaves it open).
    static let numberMeasureWord: Int32 = 400
    /// After . / - inside a URL-like run wider than the column: better than an overfull line.
    static let emergencyAfterSeparator: Int32 = 3_000
    /// Between two letters: the very last resort before overfull.
    static let emergencyInWord: Int32 = 6_000
}

enum BreakOpportunities {
    /// Fills `penalty` and `rule` for every gap k (between clusters k-1 and k; k = 0 unused).
    static func classify(cls: [BreakClass], first: [UInt32], dashRunPos: [Int32], dashRunLen: [Int32],
                         level: ProhibitionLevel,
                         penalty: inout [Int32], rule: inout [BreakRule]) {
        let n = cls.count
        for k in 1..<max(n, 1) {
            let a = cls[k - 1], b = cls[k]
            let (p, r) = decide(a, b, k: k, cls: cls, first: first,
                                dashRunPos: dashRunPos, dashRunLen: dashRunLen, level: level)
            penalty[k] = p
            rule[k] = r
        }
    }

    @inline(__always)
    static func decide(_ a: BreakClass, _ b: BreakClass, k: Int, cls: [BreakClass], first: [UInt32],
                       dashRunPos: [Int32], dashRunLen: [Int32], level: ProhibitionLevel) -> (Int32, BreakRule) {
        let F = BreakPenalty.forbidden
        if b == .space { return (F, .beforeSpace) }
        if a == .space { return (0, .afterSpace) }
        if b == .ideographicSpace { return (F, .beforeIdeographicSpace) }
        // Unbreakable sequences hold at every prohibition level.
        if a == .dash && b == .dash {
            return dashRunPos[k] % 2 == 0 ? (0, .betweenDashUnits) : (F, .insideDash)
        }
        if a == .ellipsis && b == .ellipsis {
            return dashRunPos[k] % 2 == 0 ? (0, .betweenDashUnits) : (F, .insideEllipsis)
        }
        // 2024—2027, 9～12: a single range mark between numbers binds both (T32).
        if (a == .dash || a == .connector) && b == .digit && k >= 2 && cls[k - 2] == .digit
            && (a == .connector || dashRunLen[k - 1] == 1) {
            return (F, .insideNumber)
        }
        let aNum = a == .digit || a == .numberSeparator
        let bNum = b == .digit || b == .numberSeparator
        if aNum && bNum { return (F, .insideNumber) }
        if a == .prefix && b == .digit { return (F, .prefixNumber) }
        if aNum && b == .suffix { return (F, .numberSuffix) }
        if a.isWestern && b.isWestern || (a.isWestern && (b == .latinClosing || b == .connector || b == .solidus))
            || ((a == .latinOpening || a == .connector || a == .solidus || a == .latinClosing) && b.isWestern) {
            // Inside a Latin run (word, URL, "AI+"): only an emergency break.
            if a == .solidus || a == .connector || (a == .latinClosing && first[k - 1] == 0x2E) {
                return (BreakPenalty.emergencyAfterSeparator, .emergencyInWord)
            }
            if a.isWestern && b.isWestern && (a == .latin || b == .latin) {
                return (BreakPenalty.emergencyInWord, .emergencyInWord)
            }
            return (F, a == .digit || b == .digit ? .insideNumber : .insideWord)
        }
        if level != .none {
            switch b {
            case .closing, .pause, .stop, .middleDot, .latinClosing, .suffix:
                return (F, .lineStartProhibited)
            case .connector:
                return (F, .lineStartProhibited)
            case .dash:
                if dashRunLen[k] == 1 { return (F, .singleDashStart) }
                if level == .strict { return (F, .strictDashEllipsis) }
            case .ellipsis:
                if level == .strict { return (F, .strictDashEllipsis) }
            case .solidus:
                if level == .gb || level == .strict { return (F, .solidusEdge) }
            default: break
            }
            switch a {
            case .opening, .latinOpening, .prefix: return (F, .lineEndProhibited)
            case .solidus:
                if level == .gb || level == .strict { return (F, .solidusEdge) }
            default: break
            }
        }
        if a == .ideographicSpace { return (0, .afterIdeographicSpace) }
        if a == .digit && b == .ideograph { return (BreakPenalty.numberMeasureWord, .numberMeasureWord) }
        if a.isWestern != b.isWestern && (a == .ideograph || b == .ideograph) { return (0, .cjkLatinBoundary) }
        if a.hasBlank && b.hasBlank { return (0, .betweenMarks) }
        return (0, .betweenCJK)
    }
}
