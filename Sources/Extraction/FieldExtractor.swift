import Foundation

/// Reads a Vietnamese administrative document the way a registry clerk does: header
/// fields from the first page, the signer from the last page with a signature block, each
/// field with a confidence and the box it was read from.
public struct FieldExtractor: Sendable {
    public init() {}

    /// - parameters:
    ///   - pages: upright pages in order.
    ///   - inkWords: per page number, words read from the coloured-ink layer (stamps).
    ///   - arrival: the day the document arrived: it cannot be dated later.
    public func extract(pages: [LayoutPage], inkWords: [Int: [LayoutWord]] = [:], arrival: DateComponents? = nil) -> ExtractedFields {
        guard let first = pages.first else { return ExtractedFields() }
        let texts = pages.map(PageText.init)
        let page1 = texts[0]
        var out = ExtractedFields()

        // Number and symbol.
        let number = NumberReader().read(page1)
        if let number {
            out[FieldName.soKyHieu] = ExtractedField(value: number.full, confidence: number.quality, page: first.number, box: number.line.box)
            out[FieldName.so] = ExtractedField(value: number.number, confidence: number.quality, page: first.number, box: number.line.box)
            out[FieldName.kyHieu] = ExtractedField(value: number.symbol, confidence: number.quality, page: first.number, box: number.line.box)
        }

        // Place and date.
        let date = DateReader().read(page1, latest: arrival, row: number?.line.box.midY)
            ?? DateReader().read(page1, latest: arrival)
        if let date {
            out[FieldName.ngayVanBan] = ExtractedField(value: date.isoDate, confidence: date.quality, page: first.number, box: date.line.box)
            if let place = date.place {
                out[FieldName.diaDanh] = ExtractedField(value: place, confidence: date.quality, page: first.number, box: date.line.box)
            }
        }

        // Agencies: above the number line.
        let headerBottom = number.map { Double($0.line.box.y) } ?? date.map { Double($0.line.box.y) }
        if let header = HeaderReader().read(page1, above: headerBottom) {
            let box = Box.union(header.agencyLines.map(\.box))
            out[FieldName.coQuanBanHanh] = ExtractedField(value: header.agency, confidence: header.quality, page: first.number, box: box)
            out[FieldName.coQuanChuQuan] = ExtractedField(
                value: header.parent, confidence: header.quality, page: first.number,
                box: header.parent == nil ? nil : header.lines.first?.box)
        }

        // Type and summary.
        let titleTop = (number?.line.box.maxY ?? date?.line.box.maxY).map(Double.init) ?? page1.height * 0.12
        var type: DocumentType?
        if let title = TitleReader().read(page1, below: titleTop - page1.height * 0.01) {
            type = title.type
            var quality = title.headingQuality
            // The symbol's type part must agree with the heading.
            if let symbol = number?.symbol {
                let fromSymbol = DocumentType.forSymbol(symbol)
                if fromSymbol == title.type || (fromSymbol == nil && title.type == .congVan) { quality = min(1, quality + 0.15) } else { quality *= 0.5 }
            }
            out[FieldName.loaiVanBan] = ExtractedField(value: title.type.name, confidence: quality, page: first.number, box: title.headingLine?.box)
            if let summary = title.summary {
                out[FieldName.trichYeu] = ExtractedField(
                    value: summary, confidence: title.summaryQuality, page: first.number,
                    box: Box.union(title.summaryLines.map(\.box)))
            }
        } else if let symbol = number?.symbol, let fromSymbol = DocumentType.forSymbol(symbol) {
            type = fromSymbol
            out[FieldName.loaiVanBan] = ExtractedField(value: fromSymbol.name, confidence: 0.5, page: first.number, box: number?.line.box)
        }
        _ = type

        // Signature block.
        if let signature = SignatureReader().read(texts) {
            out[FieldName.chucVu] = ExtractedField(value: signature.position, confidence: signature.positionQuality,
                                                   page: signature.page, box: signature.positionLine?.box)
            out[FieldName.quyenHanKy] = ExtractedField(value: signature.authority, confidence: signature.positionQuality,
                                                       page: signature.page, box: signature.positionLine?.box)
            out[FieldName.nguoiKy] = ExtractedField(value: signature.name, confidence: signature.nameQuality,
                                                    page: signature.page, box: signature.nameLine?.box ?? signature.blockBox)
        }

        // Nơi nhận, Kính gửi.
        let recipients = RecipientsReader()
        if let noiNhan = recipients.readNoiNhan(texts) {
            out[FieldName.noiNhan] = ExtractedField(value: nil, values: noiNhan.items, confidence: noiNhan.quality,
                                                    page: noiNhan.page, box: noiNhan.box)
        }
        if let (kinhGui, line) = recipients.readKinhGui(page1) {
            out[FieldName.kinhGui] = ExtractedField(value: kinhGui, confidence: line.meanConfidence / 100, page: first.number, box: line.box)
        }

        // Marks and the arrival stamp.
        let marks = MarkReader().read(page1, inkWords: inkWords[first.number] ?? [])
        out[FieldName.doKhan] = marks.urgency.map { ExtractedField(value: $0.value, confidence: $0.quality, page: first.number, box: $0.box) }
            ?? ExtractedField(value: nil, confidence: 0.95)
        if let secrecy = marks.secrecy {
            out[FieldName.doMat] = ExtractedField(value: secrecy.value, confidence: secrecy.quality, page: first.number, box: secrecy.box)
        } else {
            out[FieldName.doMat] = ExtractedField(value: nil, confidence: marks.secrecyDoubt ? 0.3 : 0.95)
        }
        out[FieldName.hasArrivalStamp] = ExtractedField(
            value: marks.arrivalStamp == nil ? "false" : "true", confidence: 0.9, page: first.number, box: marks.arrivalStamp)
        return out
    }
}
