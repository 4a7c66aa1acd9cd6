import BroadsheetDisplay
import BroadsheetText

/// Places a photo with its caption block: picture on top, then title, caption (楷体) and
/// credit (■摄影 …) on grid lines at the foot of the rectangle.
struct PhotoSetter {
    let ctx: CompositionContext
    /// Printers ask for at least 170 ppi at print size on newsprint (conventions doc §1.3).
    static let minimumPPI = 170.0
    /// Gap between picture and caption, in grid lines.
    static let captionGap = 0.35

    func place(_ spec: PhotoSpec, rect g: GridRect, owner: String, path: String,
               on canvas: inout PageCanvas, warnings: inout [LayoutWarning]) throws(LayoutError) {
        let geo = ctx.geometry
        let area = geo.rect(g)
        let file = ctx.resolvePath(spec.file)
        let info: ImageInfo
        do { info = try ImageInfoReader.read(file, pdfPage: spec.page ?? 1) } catch {
            throw LayoutError(file: ctx.file, path: path + ".file", error.description)
        }
        // Caption lines, each on a grid line of its own.
        var captionLines: [(ComposedParagraph, ResolvedStyle)] = []
        if let t = spec.title, !t.isEmpty {
            let st = try ctx.style("photo-title", path: path + ".title")
            captionLines.append((try ctx.setLines(t, style: st, width: area.width, path: path + ".title"), st))
        }
        if let c = spec.caption, !c.isEmpty {
            let st = try ctx.style("caption", path: path + ".caption")
            captionLines.append((try ctx.setLines(c, style: st, width: area.width, path: path + ".caption"), st))
        }
        if let c = spec.credit, !c.isEmpty {
            let st = try ctx.style("credit", path: path + ".credit")
            captionLines.append((try ctx.setLines(c, style: st, width: area.width, path: path + ".credit"), st))
        }
        let n = captionLines.reduce(0) { $0 + $1.0.lines.count }
        let imageHeight = area.height - (Double(n) + (n > 0 ? Self.captionGap : 0)) * geo.linePitch
        guard imageHeight >= 2 * geo.linePitch else {
            throw LayoutError(file: ctx.file, path: path + ".height",
                              "\(g.height) lines leave no room for the picture above its \(n)-line caption")
        }
        var frame = Rect(x: area.x, y: area.y, width: area.width, height: imageHeight)
        let crop: Rect
        if spec.fit == "fit" {
            (frame, crop) = Self.fit(info, into: frame)
        } else {
            let focus = spec.focus ?? [0.5, 0.5]
            guard focus.count == 2, focus.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
                throw LayoutError(file: ctx.file, path: path + ".focus", "focus must be two numbers from 0 to 1")
            }
            crop = Self.fill(info, frame: frame, focus: (focus[0], focus[1]))
        }
        if info.isRaster {
            let ppi = crop.width / (frame.width / 72)
            if ppi < Self.minimumPPI {
                warnings.append(LayoutWarning(path: path + ".file",
                    "\(spec.file) prints at \(Int(ppi.rounded())) ppi (\(Int(info.width))×\(Int(info.height)) px over \(String(format: "%.0f", frame.width / pointsPerMillimetre)) mm); newsprint wants at least \(Int(Self.minimumPPI))"))
            }
        }
        canvas.items.append(.image(ImageItem(source: ImageInfoReader.source(for: info, path: file, page: spec.page ?? 1),
                                             frame: frame, crop: crop, owner: owner, origin: path + ".file")))
        canvas.boxes.append(.init(owner: owner, kind: "photo", rect: frame))
        var line = g.bottom - n
        for (p, st) in captionLines {
            for l in p.lines {
                let baseline = geo.baseline(line, size: st.size)
                canvas.add(ctx.runs.runs(for: l, text: p.text, origin: Point(x: area.x, y: baseline), owner: owner,
                                         color: { _ in st.color }))
                canvas.boxes.append(.init(owner: owner, kind: "caption",
                                          rect: Rect(x: area.x, y: baseline - st.size * ideographicAscent, width: l.width, height: st.size)))
                line += 1
            }
        }
        canvas.cover(g)
    }

    /// The part of the image, around the focal point, that fills the frame without distortion.
    static func fill(_ info: ImageInfo, frame: Rect, focus: (Double, Double)) -> Rect {
        let frameAspect = frame.width / frame.height
        let imageAspect = info.width / info.height
        var w = info.width, h = info.height
        if imageAspect > frameAspect { w = h * frameAspect } else { h = w / frameAspect }
        let x = min(max(0, focus.0 * info.width - w / 2), info.width - w)
        let y = min(max(0, focus.1 * info.height - h / 2), info.height - h)
        return Rect(x: x, y: y, width: w, height: h)
    }

    /// The whole image, letterboxed and centred in the frame.
    static func fit(_ info: ImageInfo, into frame: Rect) -> (Rect, Rect) {
        let s = min(frame.width / info.width, frame.height / info.height)
        let w = info.width * s, h = info.height * s
        return (Rect(x: frame.x + (frame.width - w) / 2, y: frame.y + (frame.height - h) / 2, width: w, height: h),
                Rect(x: 0, y: 0, width: info.width, height: info.height))
    }
}
