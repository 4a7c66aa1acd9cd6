import BroadsheetDisplay
import BroadsheetText

/// A column segment text runs through: its left edge and width, and the grid lines
/// `[firstLine, firstLine + lineCount)` it covers.
public struct FlowFrame: Sendable, Hashable {
    public var x: Double
    public var width: Double
    public var firstLine: Int
    public var lineCount: Int
    public init(x: Double, width: Double, firstLine: Int, lineCount: Int) {
        self.x = x; self.width = width; self.firstLine = firstLine; self.lineCount = lineCount
    }
}

/// One block of running text ready to flow: a paragraph, subheading, byline or jump line.
public struct FlowBlock: Sendable {
    public enum Kind: Sendable { case paragraph, subheading, byline, jumpTo, jumpFrom }
    public var kind: Kind
    public var text: StyledText
    /// Size used to centre the line's em box on its grid line.
    public var size: Double
    public var leading: Double
    public var align: TextAlignment
    /// First-line indent in points (dropped when a paragraph resumes mid-way).
    public var indent: Double
    /// Colour of each style span.
    public var colors: [RGBColor]
    /// Grid lines a subheading occupies (text centred in them).
    public var gridLines: Int
    /// Set solid, without CJK–Latin spacing (jump lines).
    public var solid: Bool = false
}

/// Where text resumes after the frames ran out: a block and a scalar offset inside it.
public struct FlowPosition: Sendable, Hashable {
    public var block: Int
    public var offset: Int
    public init(block: Int, offset: Int) { self.block = block; self.offset = offset }
}

public struct FlowOutcome: Sendable {
    public var runs: [GlyphRun] = []
    /// Box of every set line (its em box), for overlap checks and the fill map.
    public var lineBoxes: [Rect] = []
    /// For each line box, the index of the block (paragraph) it belongs to.
    public var lineBlocks: [Int] = []
    /// Grid lines holding set text, per frame.
    public var usedLines: [[Int]] = []
    public var linesSet = 0
    public var remainder: FlowPosition?
    /// Lines left empty after the last set line in the last frame used, plus every later
    /// frame's lines: what a copyfit hint offers.
    public var emptyLinesAtEnd = 0
}

/// Flows blocks of text through a chain of frames on the baseline grid: column 1 top to
/// bottom, then column 2, around whatever the frames leave out. Every body line sits on a
/// grid line so baselines align across neighbouring columns and articles.
public struct ColumnFlow: Sendable {
    public let geometry: PageGeometry
    public let setter: ParagraphSetter
    public let runs: GlyphRunBuilder
    /// Lines of a following paragraph that must fit under a subheading in the same column.
    static let keepWithNextLines = 2
    /// Widths handed to the composer per paragraph: more lines than any paragraph has on a
    /// broadsheet page; beyond it the last width repeats.
    static let measureLookahead = 4000

    public init(geometry: PageGeometry, setter: ParagraphSetter, runs: GlyphRunBuilder) {
        self.geometry = geometry; self.setter = setter; self.runs = runs
    }

    /// - Parameters:
    ///   - controls: avoid a paragraph's first line alone at a column foot (orphan) and its
    ///     last line alone at a column head (widow). Costs lines; the caller retries without
    ///     when that makes text overset.
    public func flow(_ blocks: [FlowBlock], from start: FlowPosition = FlowPosition(block: 0, offset: 0),
                     frames: [FlowFrame], owner: String, controls: Bool) throws(FontError) -> FlowOutcome {
        var out = FlowOutcome()
        out.usedLines = frames.map { _ in [] }
        var fi = 0, li = 0
        func remaining() -> Int { fi < frames.count ? frames[fi].lineCount - li : 0 }
        func advance() { fi += 1; li = 0 }
        func measures(fromFrame f0: Int, line l0: Int) -> [Double] {
            var m: [Double] = []
            var f = f0, l = l0
            while f < frames.count {
                if l >= frames[f].lineCount { f += 1; l = 0; continue }
                m.append(frames[f].width)
                l += 1
                if m.count > Self.measureLookahead { break }
            }
            // Past the last frame the paragraph is overset; it is set at the last width to count it.
            return m.isEmpty ? [frames.last?.width ?? geometry.columnWidth] : m
        }

        var bi = start.block
        var offset = start.offset
        blockLoop: while bi < blocks.count {
            let block = blocks[bi]
            while fi < frames.count, remaining() <= 0 { advance() }
            guard fi < frames.count else { out.remainder = FlowPosition(block: bi, offset: offset); break }
            let text = block.text.suffix(from: offset)
            let resumed = offset > 0

            if block.kind == .subheading {
                let set = try setter.set(text, measures: [frames[fi].width], align: block.align, indent: 0)
                let need = max(block.gridLines, Int((Double(set.lines.count) * block.leading / geometry.linePitch).rounded(.up)))
                let want = need + (controls ? Self.keepWithNextLines : 0)
                if remaining() < want, li > 0, fi + 1 < frames.count { advance() }
                // A frame shorter than the heading (beside a photo, say) is skipped whole.
                while fi < frames.count, remaining() < need { advance() }
                guard fi < frames.count else { out.remainder = FlowPosition(block: bi, offset: 0); break }
                let frame = frames[fi]
                let top = geometry.lineTop(frame.firstLine + li)
                let textHeight = Double(set.lines.count) * block.leading
                var y = top + (Double(need) * geometry.linePitch - textHeight) / 2
                for line in set.lines {
                    let baseline = y + (block.leading - block.size) / 2 + block.size * ideographicAscent
                    emit(line, set.text, block, index: bi, x: frame.x, baseline: baseline, owner: owner, into: &out)
                    y += block.leading
                }
                for k in 0..<need { out.usedLines[fi].append(frame.firstLine + li + k) }
                li += need
                bi += 1
                offset = 0
                continue
            }

            var set = try setter.set(text, measures: measures(fromFrame: fi, line: li), align: block.align,
                                     indent: resumed ? 0 : block.indent, latinSpacing: !block.solid)
            // Orphan: a paragraph's first line alone at the foot of a column.
            if controls, !resumed, set.lines.count >= 2, remaining() == 1, fi + 1 < frames.count {
                advance()
                set = try setter.set(text, measures: measures(fromFrame: fi, line: li), align: block.align,
                                     indent: block.indent, latinSpacing: !block.solid)
            }
            let lines = set.lines
            var positions: [(frame: Int, line: Int)] = []
            var f = fi, l = li
            for _ in lines {
                while f < frames.count, l >= frames[f].lineCount { f += 1; l = 0 }
                if f >= frames.count { break }
                positions.append((f, l))
                l += 1
            }
            // Widow: the last line alone at the head of the next column; carry one more over.
            let n = lines.count
            if controls, positions.count == n, n >= 3 {
                let last = positions[n - 1], prev = positions[n - 2], before = positions[n - 3]
                if last.line == 0, prev.frame != last.frame, before.frame == prev.frame,
                   frames[last.frame].lineCount >= 2, frames[last.frame].width == frames[prev.frame].width {
                    positions[n - 2] = (last.frame, 0)
                    positions[n - 1] = (last.frame, 1)
                    l = 2
                    f = last.frame
                }
            }
            for (k, pos) in positions.enumerated() {
                let frame = frames[pos.frame]
                let gridLine = frame.firstLine + pos.line
                let baseline = geometry.baseline(gridLine, size: block.size)
                emit(lines[k], set.text, block, index: bi, x: frame.x, baseline: baseline, owner: owner, into: &out)
                out.usedLines[pos.frame].append(gridLine)
                out.linesSet += 1
            }
            if positions.count < n {
                out.remainder = FlowPosition(block: bi, offset: offset + lines[positions.count].start)
                fi = frames.count
                break blockLoop
            }
            fi = f
            li = l
            bi += 1
            offset = 0
        }
        // Empty lines after the last set line: the rest of the current frame and all later ones.
        if out.remainder == nil {
            var empty = 0
            if fi < frames.count {
                empty += max(0, frames[fi].lineCount - li)
                for g in (fi + 1)..<frames.count { empty += frames[g].lineCount }
            }
            out.emptyLinesAtEnd = empty
        }
        return out
    }

    func emit(_ line: ComposedLine, _ text: StyledText, _ block: FlowBlock, index: Int, x: Double, baseline: Double,
              owner: String, into out: inout FlowOutcome) {
        let colors = block.colors
        out.runs += runs.runs(for: line, text: text, origin: Point(x: x, y: baseline), owner: owner,
                              color: { colors.indices.contains($0) ? colors[$0] : .black })
        if let first = line.glyphs.first {
            let left = x + min(0, first.x)
            out.lineBoxes.append(Rect(x: left, y: baseline - block.size * ideographicAscent,
                                      width: x + line.width - left, height: block.size))
            out.lineBlocks.append(index)
        }
    }
}
