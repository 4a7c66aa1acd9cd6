import Foundation

/// A chosen line: clusters [start, end) and how it fits.
struct LineBreak {
    var start: Int
    var end: Int
    var hang: Bool
    var fit: LineMetrics.Fit
}

/// Demerits of the total-fit breaker. Badness is the line's own cost (see `LineMetrics`);
/// these are what a break adds on top.
enum Demerits {
    /// Knuth–Plass adjacent-fitness demerit: a loose line next to a tight one.
    static let fitnessJump = 300.0
    /// 孤字: a last line with fewer than 2 characters besides punctuation (or fewer than 3
    /// glyphs, which is how the peer checker counts runts).
    static let orphan = 1e6
    /// Only chosen when nothing legal fits: ink in the gutter is the worst fault.
    static let overfull = 1e12
    /// A non-final line with no gap to spread space into cannot be flush: next to worst.
    static let raggedBadness = 1e5
    /// Stretch badness stops growing here so that, squared, it stays below a ragged line.
    static let maxBadness = 1e4
    /// Soft penalties count linearly; emergency ones (≥ 1000) as 100·p², above the worst
    /// capped stretch (≈1e8), so that a loose line always beats a word cut in two.
    static func penalty(_ p: Int32) -> Double {
        p >= 1000 ? 100 * Double(p) * Double(p) : Double(p)
    }
}

/// Whole-paragraph optimal breaking (Knuth–Plass style) over the legal break positions.
/// For each break end j, only starts whose line could still fit the widest measure are
/// tried, which is about W/em + a few per line: O(n·W) overall. States are (position,
/// measure class, fitness), so paragraphs that change measure between lines (continuing
/// into a column of another width) are optimised exactly.
struct TotalFitBreaker {
    let lm: LineMetrics
    let measures: [Double]
    /// Line classes: 0 = first line (indent, measures[0]), then one per measure index; the
    /// last class stands for every later line (the last measure repeats).
    let stateClasses: Int
    /// Per state (position × class × fitness): best demerits, back pointer, lines so far,
    /// and whether the line ending there hangs its last mark. Scratch memory of one
    /// `breakLines` call: plain pointers, because the relaxation loop is the composer's
    /// hottest code and array accesses there paid for uniqueness and bounds checks.
    private struct States {
        let cost: UnsafeMutablePointer<Double>
        let back: UnsafeMutablePointer<Int32>
        let lineNo: UnsafeMutablePointer<Int32>
        let hangAt: UnsafeMutablePointer<Bool>
        /// Per position × class (index `position * classes + class`), once the position's
        /// lines are all tried: its cheapest fitness. Every line starting there reads it,
        /// about five per position.
        let bestFitness: UnsafeMutablePointer<UInt8>
        let count: Int

        init(count: Int, positionClasses: Int) {
            self.count = count
            cost = .allocate(capacity: count); cost.initialize(repeating: .infinity, count: count)
            back = .allocate(capacity: count); back.initialize(repeating: -1, count: count)
            lineNo = .allocate(capacity: count); lineNo.initialize(repeating: 0, count: count)
            hangAt = .allocate(capacity: count); hangAt.initialize(repeating: false, count: count)
            bestFitness = .allocate(capacity: positionClasses)
            bestFitness.initialize(repeating: 0, count: positionClasses)
        }

        func deallocate() {
            cost.deallocate(); back.deallocate(); lineNo.deallocate(); hangAt.deallocate(); bestFitness.deallocate()
        }
    }

    /// The pruning gap when the tight pass's cost proves nothing (a paragraph whose best
    /// setting is very loose, or carries an orphan or fitness penalties that weaken the
    /// bound): lines needing more than this many em per expansion share are skipped. At 1 em
    /// the search still finds exactly the unpruned breaks on every sample paragraph at
    /// 6–30 em (tested); 0.5 em already missed one 7-em case where the optimum itself is a
    /// 0.5-em line.
    static let pruneGap = 1.0

    /// Off only in tests, to show the first-pass pruning changes no break on real text.
    let allowPruning: Bool

    init(lm: LineMetrics, measures: [Double], allowPruning: Bool = true) {
        self.lm = lm
        self.measures = measures
        self.stateClasses = max(measures.count, 2)
        self.allowPruning = allowPruning
    }

    func measure(forLine l: Int) -> Double { measures[min(l, measures.count - 1)] }

    /// First-pass pruning: lines needing more than this many em per expansion share are
    /// skipped, and the result is kept when `provenGap` shows nothing skipped could have won.
    static let tightGap = 0.3

    /// The loosest line (em per expansion share) that could still be part of a paragraph
    /// setting better than one costing `bound` demerits, or nil when the bound is too weak
    /// to say. Every line costs at least (1 + badness)² + its penalty, all of them ≥ 0, and
    /// a line e em per share too loose has badness ≥ 100·(e / looseGap)³ (below the cap) —
    /// so a line with (1 + 100·q³)² ≥ bound cannot be in a better setting.
    static func provenGap(_ bound: Double) -> Double? {
        // Lines with nothing to stretch cost ≥ (1 + 2000)² (see fitLine); past that, or past
        // the badness cap, the argument does not hold: keep the default pruning.
        guard bound.isFinite, bound < 4e6 else { return nil }
        let q = Foundation.cbrt(max(0, bound.squareRoot() - 1) / 100)
        return q * LineMetrics.looseGap
    }

    func breakLines() -> [LineBreak] {
        let m = lm.model
        var prunable = allowPruning && lm.options.alignment == .justify && m.n > 0
        for k in 1..<max(m.n, 1) where m.penalty[k] >= 1000 && m.penalty[k] < BreakPenalty.forbidden { prunable = false; break }
        guard prunable else { return search(gap: nil).breaks }
        // A tight first pass usually proves itself optimal: its cost bounds how loose a line
        // of any better setting could be, and that bound is normally below the tight gap.
        let first = search(gap: Self.tightGap)
        guard let proven = Self.provenGap(first.cost) else { return search(gap: Self.pruneGap).breaks }
        if proven <= Self.tightGap { return first.breaks }
        return search(gap: min(proven, Self.pruneGap)).breaks
    }

    /// Total-fit search. `gap`: skip non-final lines looser than this (em per expansion
    /// share) unless nothing else fits an end; nil: try every line. Returns the breaks and
    /// their total demerits (infinity when the greedy fallback had to be used).
    private func search(gap: Double?) -> (breaks: [LineBreak], cost: Double) {
        let m = lm.model
        let n = m.n
        guard n > 0 else { return ([], 0) }
        let C = stateClasses
        let F = 4
        let stride = C * F
        let states = States(count: (n + 1) * stride, positionClasses: (n + 1) * C)
        defer { states.deallocate() }
        let cost = states.cost, back = states.back, lineNo = states.lineNo, hangAt = states.hangAt
        cost[0 * stride + 0 * F + 1] = 0
        states.bestFitness[0 * C + 0] = 1
        var legal: [Int] = [0]
        legal.reserveCapacity(n / 2 + 2)
        let maxMeasure = measures.max() ?? 0
        let minMeasure = measures.min() ?? 0
        // Pruning loose lines is only safe where no emergency break could be forced instead,
        // and ragged settings (headlines) cost a short line little: breakLines decides.
        let prune = gap != nil
        let pruneGap = gap ?? Self.pruneGap
        let limitEm = pruneGap * lm.em
        for j in 1...n {
            guard j == n || m.penalty[j] < BreakPenalty.forbidden else { continue }
            let isLast = j == n
            let pen = isLast ? 0 : Demerits.penalty(m.penalty[j])
            var anyFeasible = false
            // Pass 0 skips lines far too loose to be chosen; pass 1 (all candidates) runs only
            // when pass 0 found nothing for this end, e.g. a URL wider than the column.
            let looseEnd = prune && !isLast ? lm.looseEnd(j, measure: minMeasure, limitEm: limitEm) : 0
            for pass in (prune ? 0 : 1)..<2 {
                var evaluated = false
                var li = legal.count - 1
                while li >= 0 {
                    let i = legal[li]
                    li -= 1
                    // The same skip as below, for lines far too loose, at a fraction of its cost.
                    if pass == 0 && !isLast && i > 0 && lm.surelyTooLoose(i, end: looseEnd, limitEm: limitEm) { continue }
                    // Past this start even full shrinking cannot fit the widest measure.
                    let nat = lm.natural(i, j, first: false)
                    let minWidth = nat - lm.totalShrink(i, j)
                    let tooWide = minWidth > maxMeasure + 0.0005 && (lm.options.hanging == false || !lm.canHang(i, j))
                    if tooWide && anyFeasible { break }
                    if tooWide && li + 1 < legal.count - 1 { break }
                    if pass == 0 && !isLast && !tooWide
                        && lm.tooLoose(i, j, measure: minMeasure, limit: pruneGap,
                                       natural: i == 0 ? lm.natural(i, j, first: true) : nat) {
                        continue
                    }
                    // Every state at i as the start of a line ending at j. Written out here, not
                    // called: the optimizer would not inline it, and the call with its set-up
                    // was a third of this step's instructions (7 % of composing).
                    // Class 0 (the first line) starts only at the paragraph start. Index arithmetic
                    // wraps instead of trapping (&+, &*): every index is below the state count,
                    // which was allocated, and the overflow checks were 8 % of the search.
                    for c in (i == 0 ? 0 : 1)..<C {
                        let base = i &* stride &+ c &* F
                        let bestF = Int(states.bestFitness[i &* C &+ c])
                        guard cost[base &+ bestF] < .infinity else { continue }
                        let lineIndex = c == C - 1 ? Int(lineNo[base &+ bestF]) : c
                        let first = lineIndex == 0
                        let fit = lm.evaluate(i, j, first: first, last: isLast, measure: measure(forLine: lineIndex),
                                              natural: first ? lm.natural(i, j, first: true) : nat)
                        var d: Double
                        if fit.feasible {
                            anyFeasible = true
                            evaluated = true
                            d = (1 + fit.badness) * (1 + fit.badness) + pen
                        } else {
                            d = Demerits.overfull * (1 + fit.overflow) + pen
                        }
                        if isLast && lineIndex > 0 {
                            let letters = lm.letters(i, j)
                            if letters < 2 || j - i < 3 { d += Demerits.orphan }
                        }
                        let nc = min(lineIndex + 1, C - 1)
                        // The cheapest way into the line's state at j, the first of equals winning as
                        // when each were stored in turn; one store at the end.
                        let slot = j &* stride &+ nc &* F &+ fit.fitness
                        var best = cost[slot], from = -1
                        for f in 0..<F {
                            let pc = cost[base &+ f]
                            guard pc < .infinity else { continue }
                            var total = pc + d
                            if i > 0 && abs(f &- fit.fitness) > 1 { total += Demerits.fitnessJump }
                            if total < best { best = total; from = f }
                        }
                        if from >= 0 {
                            cost[slot] = best
                            back[slot] = Int32(base &+ from)
                            lineNo[slot] = Int32(lineIndex + 1)
                            hangAt[slot] = fit.hang
                        }
                    }
                }
                if evaluated { break }
            }
            for c in 0..<C {
                let base = j * stride + c * F
                var bestF = 0
                for f in 1..<F where cost[base + f] < cost[base + bestF] { bestF = f }
                states.bestFitness[j * C + c] = UInt8(bestF)
            }
            legal.append(j)
        }
        // Best end state, then walk back.
        var best = -1
        var bestCost = Double.infinity
        for s in 0..<stride where cost[n * stride + s] < bestCost {
            bestCost = cost[n * stride + s]
            best = n * stride + s
        }
        guard best >= 0 else { return (GreedyBreaker(lm: lm, measures: measures).breakLines(), .infinity) }
        var ends: [(Int, Bool)] = []
        var s = best
        while s >= 0 && s / stride > 0 {      // position 0 is the paragraph start
            ends.append((s / stride, states.hangAt[s]))
            s = Int(states.back[s])
        }
        ends.reverse()
        var out: [LineBreak] = []
        var start = 0
        for (idx, (e, hang)) in ends.enumerated() {
            let fit = lm.evaluate(start, e, first: idx == 0, last: e == n, measure: measure(forLine: idx))
            out.append(LineBreak(start: start, end: e, hang: hang, fit: fit))
            start = e
        }
        return (out, bestCost)
    }

}

/// Line-by-line breaking with the same glue and rules: each line takes as much as fits once
/// its punctuation is fully squeezed. Kept for comparison and for speed.
struct GreedyBreaker {
    let lm: LineMetrics
    let measures: [Double]

    func breakLines() -> [LineBreak] {
        let m = lm.model
        let n = m.n
        var out: [LineBreak] = []
        var i = 0
        while i < n {
            let l = out.count
            let w = measures[min(l, measures.count - 1)]
            var bestJ = -1, bestEmergency = -1
            var firstLegal = -1
            var j = i + 1
            while j <= n {
                if j == n || m.penalty[j] < BreakPenalty.forbidden {
                    if firstLegal < 0 { firstLegal = j }
                    let nat = lm.natural(i, j, first: l == 0)
                    let minWidth = nat - lm.totalShrink(i, j)
                    let fits = minWidth <= w + 0.0005
                        || (lm.canHang(i, j) && minWidth - m.box[j - 1] - m.endKeep[j - 1] <= w + 0.0005)
                    if fits {
                        // Breaks inside a word are a last resort, even for greedy.
                        if j < n && m.penalty[j] >= 1000 { bestEmergency = j } else { bestJ = j }
                    } else if minWidth > w + 30 * lm.em {
                        break
                    }
                }
                j += 1
            }
            if bestJ < 0 { bestJ = bestEmergency }
            let e = bestJ > 0 ? bestJ : firstLegal
            let fit = lm.evaluate(i, e, first: l == 0, last: e == n, measure: w)
            out.append(LineBreak(start: i, end: e, hang: fit.hang, fit: fit))
            i = e
        }
        return out
    }
}
