import Foundation
import BroadsheetDisplay
import BroadsheetText

extension IssueComposer {
    /// Ads are never cropped: scaled to fit their slot, with a warning when the artwork's
    /// proportions differ from the slot's by more than the 2 % a printer tolerates.
    func placeAd(_ a: AdSpec, ctx: CompositionContext, path: String, canvas: inout PageCanvas,
                 warnings: inout [LayoutWarning]) throws(LayoutError) {
        let g = GridRect(column: a.column ?? 1, span: a.span ?? 1, top: a.top ?? 0, height: a.height ?? 1)
        let slot = ctx.geometry.rect(g)
        let file = ctx.resolvePath(a.file)
        let info: ImageInfo
        do { info = try ImageInfoReader.read(file, pdfPage: a.page ?? 1) } catch {
            throw LayoutError(file: ctx.file, path: path + ".file", error.description)
        }
        let ratio = (info.width / info.height) / (slot.width / slot.height)
        if abs(ratio - 1) > 0.02 {
            warnings.append(LayoutWarning(path: path, "ad '\(a.id)' artwork is \(String(format: "%.1f", abs(ratio - 1) * 100))% off the slot's proportions; scaled to fit"))
        }
        let (frame, crop) = PhotoSetter.fit(info, into: slot)
        canvas.items.append(.image(ImageItem(source: ImageInfoReader.source(for: info, path: file, page: a.page ?? 1),
                                             frame: frame, crop: crop, owner: a.id, origin: path + ".file")))
        if info.isRaster {
            let ppi = info.width / (frame.width / 72)
            if ppi < PhotoSetter.minimumPPI {
                warnings.append(LayoutWarning(path: path + ".file", "\(a.file) prints at \(Int(ppi.rounded())) ppi; newsprint wants at least \(Int(PhotoSetter.minimumPPI))"))
            }
        }
        if a.frame ?? false {
            canvas.items.append(.rect(RectItem(rect: slot, stroke: .black, strokeWidth: RuleWeight.hairline, owner: a.id)))
        }
        canvas.boxes.append(.init(owner: a.id, kind: "ad", rect: frame))
        canvas.cover(g)
    }
}
